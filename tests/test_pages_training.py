"""Public training data on the pathway page: real on a fresh install, and after the district's rows."""
from __future__ import annotations

import pytest

from explorer import pathway_view, pathways, places, training
from explorer.i18n import locale
from tests.apptest import on_page

ALEXANDRIA = "0010780"
RURAL = "2200002"  # Central Louisiana nonmetropolitan area (Marksville, 71351)
NURSES, ELECTRICIANS = "29-1141.00", "47-2111.00"


def _text(at) -> str:
    """Every text element's Markdown, with the escaping backslashes removed (as a reader sees it)."""
    return "\n".join(e.value for kind in ("markdown", "caption", "info", "warning") for e in at.get(kind)).replace(
        "\\", "")


@pytest.fixture
def empty(url) -> pathways.Catalog:
    return pathways.Catalog.load(url)


def test_fresh_install_registered_nurses_from_71301_list_colleges_near(kb, empty):
    assert not empty.programs  # a fresh install: the district has entered nothing
    at = on_page("pages/pathway.py", state={"occupation": NURSES}, area=ALEXANDRIA, place="z:71301", lang="en")
    text = _text(at)
    assert "Programs that lead to this job within 60 miles of ZIP 71301 (LA)" in text
    assert "Louisiana State University-Alexandria" in text and "Louisiana Christian University" in text
    assert "Registered Nursing/Registered Nurse" in text and "completed it in 2023-24" in text
    assert "Central Louisiana Technical Community College" not in text.split("After high school")[-1].split(
        "The job here")[0]
    assert "too few graduates to report" in text  # a suppressed Scorecard field says so
    assert "College Scorecard, U.S. Department of Education (June 2026 release), extract by Truewise" in text
    assert "expert judgment" in text and "different measures" in text
    # Dual enrollment names nearby colleges without claiming an agreement.
    assert pathways.MISSING_TEXT["no_dual_enrollment_public"] in text
    assert pathways.MISSING_TEXT["no_dual_enrollment"] not in text
    # This school year: a concrete first step from public data instead of "talk to your counselor" only.
    assert "- Look at the **" in text and pathways.MISSING_TEXT["talk_to_counselor"] not in text


def test_fresh_install_electricians_from_71351_apprenticeship_and_certificates(kb, empty):
    at = on_page("pages/pathway.py", state={"occupation": ELECTRICIANS}, area=RURAL, place="z:71351", lang="en")
    text = _text(at)
    assert "Registered apprenticeships exist for this job (DOL list of apprenticeable occupations, 2019): about " \
           "8,000 hours" in text
    assert "not that a sponsor is near you" in text
    assert pathways.MISSING_TEXT["no_credential_public"] in text and "Electrician, certificate" in text
    assert pathways.MISSING_TEXT["no_credential"] not in text and pathways.MISSING_TEXT["no_wbl"] not in text


def test_district_rows_lead_and_public_rows_follow_marked(kb, url, sample_catalog_into):
    sample = sample_catalog_into(url)
    at = on_page("pages/pathway.py", state={"occupation": ELECTRICIANS}, area=RURAL, place="z:71351", lang="en")
    text = _text(at)
    assert pathways.SAMPLE_NOTICE.split(" —")[0] in text  # the sample keeps its label
    district = next(w for w in sample.work_based_learning if ELECTRICIANS[:7] in w.soc_codes)
    assert "From your district's catalog:" in text and "Also from public data:" in text
    assert text.index(district.title) < text.index("Registered apprenticeships exist")


def test_spanish_pathway_keeps_proper_names_and_translates_labels(kb, empty):
    plan = pathways.build(kb, empty, NURSES, ALEXANDRIA, 10,
                          training.origin_of(kb, places.resolve(kb, "z:71301"), ALEXANDRIA))
    views = {v.kind: v for v in pathway_view.step_views(plan, locale("es"))}
    body = views["postsecondary"].body
    assert isinstance(body, pathway_view.PostsecondaryView) and body.training is not None
    lines = "\n".join(line for group in body.training.groups for line in group.lines)
    assert "Louisiana State University-Alexandria" in lines  # names stay as NCES writes them
    assert "millas" in body.training.heading and "completed it" not in lines


def test_occupation_page_where_to_train_near_you(kb, empty):
    at = on_page("pages/occupation.py", state={"occupation": NURSES}, area=ALEXANDRIA, place="z:71301", lang="en")
    assert "Where to train near you" in [s.value for s in at.subheader]
    text = _text(at)
    assert "Programs that lead to this job within 60 miles of ZIP 71301 (LA)" in text
    block = next(m.value for m in at.markdown if "Louisiana Christian University" in m.value).replace("\\", "")
    assert block.startswith("- **") and block.count("\n- **") + 1 == 3  # the three nearest colleges
    assert "Louisiana State University-Alexandria" in block
    button = next(b for b in at.button if b.key == "training_pathway")
    assert button.label.startswith("See all ") and "programs and the whole pathway" in button.label
    button.click().run()
    assert "Your pathway to" in at.title[0].value


def test_occupation_page_without_a_region_asks_for_a_place(kb, empty):
    at = on_page("pages/occupation.py", state={"occupation": ELECTRICIANS}, lang="en")
    assert "Choose your ZIP code or town in the sidebar to see colleges and training near you." in _text(at)


def test_compare_names_the_nearest_training_of_each_job(kb, empty):
    at = on_page("pages/compare.py", state={"compare": [NURSES, ELECTRICIANS]}, area=ALEXANDRIA, place="z:71301",
                 lang="en")
    block = next(m.value for m in at.markdown if m.value.startswith("**Nearest training**")).replace("\\", "")
    lines = block.splitlines()[1:]
    assert len(lines) == 2
    assert "Registered Nurses" in lines[0] and "miles away" in lines[0]
    assert "Electricians" in lines[1] and "Electrician (certificate" in lines[1]
