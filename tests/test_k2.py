"""K-2 "Visit the six places": spoken prompts, people who look like everyone, no jobs or numbers."""
from __future__ import annotations

import io
import json
import re
import wave

import pypdf
import pytest

from explorer import classes, db, k2, k2_reports
from explorer.i18n import LANGUAGES, locale
from explorer.paths import DATA_DIR
from tests.apptest import on_page

SKIN_TONES = re.compile("[\U0001F3FB-\U0001F3FF]")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_prompt_has_audio_in_every_language(lang):
    manifest = json.loads((DATA_DIR / "MANIFEST.json").read_text(encoding="utf-8"))["files"]
    for audio_id, text in k2.spoken_texts().items():
        path = k2.audio_path(audio_id, lang)
        with wave.open(str(path)) as audio:
            assert audio.getnchannels() == 1 and audio.getframerate() == 11025
            seconds = audio.getnframes() / audio.getframerate()
        words = len(locale(lang)._(text).split())
        assert seconds >= 0.25 * words, (audio_id, seconds, words)  # spoken, not a click of silence
        assert f"k2_audio/{lang}/{audio_id}.wav" in manifest
    assert len(k2.spoken_texts()) == 6 * 4


def test_each_place_shows_varied_people_and_the_trades_are_there():
    for place in k2.PLACES:
        people = place.scene.split()
        assert len(people) >= 4
        assert len({m for p in people for m in SKIN_TONES.findall(p)}) >= 3, place.theme  # several skin tones
        assert any("\u2640" in p or p.startswith("👩") for p in people), place.theme  # women
        assert any("\u2642" in p or p.startswith("👨") for p in people), place.theme  # men
    workshop = k2.place("R").scene
    assert "👷" in workshop and "🔧" in workshop  # builders and mechanics: the trades are a place of their own


def test_take_home_and_classroom_sheets_in_english_and_spanish():
    for lang, words in (("en", "Talk about it at home"), ("es", "Conversen en casa")):
        reader = pypdf.PdfReader(io.BytesIO(k2_reports.take_home(["R", "S"], lang)))
        text = " ".join(reader.pages[0].extract_text().split())
        assert len(reader.pages) == 1 and words in text
        assert locale(lang)._(k2.place("R").name) in text and locale(lang)._(k2.place("S").name) in text
        assert not re.search(r"\$|\d", text.replace("K-2", ""))  # no pay, no scores
        sheet = pypdf.PdfReader(io.BytesIO(k2_reports.classroom_sheet("I", lang)))
        assert locale(lang)._(k2.place("I").activities[0].text) in " ".join(sheet.pages[0].extract_text().split())


def _texts(at) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "caption", "header", "subheader", "title", "info")
                     for e in at.get(kind)) + "\n" + "\n".join(b.label for b in at.button)


def test_a_child_visits_all_six_places_by_faces_and_the_class_counts_visits(url, kb):
    class_code = classes.create_class("Kindergarten A", "counselor", [], url)
    at = on_page("pages/k2.py", **{"class": class_code, "lang": "en"})
    titles = set(kb.occupations["title"])
    for place in k2.PLACES:
        for activity in place.activities:
            assert at.header[0].value == place.name
            assert activity.text in _texts(at)
            assert len(at.get("audio")) >= 1  # every screen speaks its prompt
            text = _texts(at)
            assert not any(title in text for title in titles) and "$" not in text
            face = "love" if place.theme in ("R", "S") and activity.id.endswith("1") else "okay"
            at.button(key=f"k2_{face}").click().run()
    assert at.header[0].value == k2.SUMMARY_TITLE
    liked = [s.value for s in at.subheader]
    assert liked[:2] == ["The Workshop", "The Helping Place"]
    with db.session(url) as s:
        assert k2.visit_counts(class_code, session=s) == dict.fromkeys(k2.THEMES, 1)


def test_visits_of_an_unknown_class_are_not_counted(url):
    with db.session(url) as s:
        k2.record_visit("C-NOPE00", "R", session=s)
        assert k2.visit_counts("C-NOPE00", session=s) == dict.fromkeys(k2.THEMES, 0)
