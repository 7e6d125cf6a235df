"""AppTest: the counselor catalog page lists every import problem, as plain text, and saves nothing."""
from __future__ import annotations

from explorer import auth, catalog
from explorer.views import md_escape
from tests.apptest import on_page, signed_in
from tests.test_catalog import one_row

PASSWORD = "correct horse battery"


def import_on_page(url: str, files: list[tuple[str, bytes]]):
    """Choose ``files`` in the page's uploader and press Import (AppTest takes one form submit per
    session, so each test starts its own)."""
    auth.add_user("counselor", PASSWORD, url=url)
    at = on_page("pages/catalog.py", state=signed_in())
    at.file_uploader[0].set_value([(name, content, "text/csv") for name, content in files])
    next(b for b in at.button if b.label == "Import").click()
    at.run()
    assert not at.exception, at.exception
    return at


def test_import_with_problems_lists_each_one_and_saves_nothing(url):
    bad = one_row("work_based_learning", type="**job**_shadow [see](http://x)", min_grade="99", hours="\u0663")
    at = import_on_page(url, [("work_based_learning.csv", bad.encode())])
    [error] = at.error
    heading, blank, *shown = error.value.split("\n")
    assert (heading, blank) == ("Nothing was imported. 3 problems:", "")
    assert shown == [
        "- " + md_escape("work_based_learning.csv line 2, column 'type': '**job**_shadow [see](http://x)' is not one "
                         "of job_shadow, internship, pre_apprenticeship, registered_youth_apprenticeship, clinical, "
                         "virtual"),
        "- " + md_escape("work_based_learning.csv line 2, column 'hours': '\u0663' is not a whole number: use only "
                         "the digits 0-9 with an optional minus sign, such as 40"),
        "- " + md_escape("work_based_learning.csv line 2, column 'min_grade': '99' is out of range: use a number "
                         "from 3 to 12")]
    assert "\\*\\*job\\*\\*\\_shadow \\[see\\]\\(http" in shown[0]  # the district's text, not Markdown
    assert catalog.table_rows("work_based_learning", url) == []


def test_a_wrongly_named_upload_says_what_to_rename(url):
    at = import_on_page(url, [("Programs.CSV", b"code\n")])
    assert [e.value for e in at.error] == ["Nothing was imported. 1 problems:\n\n- found Programs.CSV; name it programs.csv"]


def test_an_old_employers_upload_is_named_and_nothing_is_imported(url):
    from tests.test_catalog import RETIRED, sample_texts

    at = import_on_page(url, [("programs.csv", sample_texts()["programs"].encode()),
                              ("employers.csv", b"name,industry,location,contact_role,verified_by,verified_on\n")])
    assert [e.value for e in at.error] == [f"Nothing was imported. 1 problems:\n\n- {md_escape('employers.csv ' + RETIRED)}"]
    assert catalog.table_rows("programs", url) == []
