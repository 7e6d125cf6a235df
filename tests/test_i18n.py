"""The i18n layer: per-session translators, language choice, and a complete Spanish catalog."""
from __future__ import annotations

import re

from babel.messages.extract import extract_from_dir

from explorer import i18n
from explorer.paths import ROOT


def source_msgids() -> set[str]:
    """Every string marked for translation in the code, extracted as pybabel does with babel.cfg."""
    method_map = [("tests/**", "ignore"), ("var/**", "ignore"), ("**.py", "python")]
    found = extract_from_dir(ROOT, method_map, keywords={"_": None, "N_": None})
    return {m[2] for m in found if isinstance(m[2], str)}


def test_every_msgid_has_a_spanish_translation():
    ids = source_msgids()
    assert len(ids) > 20
    spanish = i18n.catalog("es")
    missing = sorted(ids - set(spanish))
    assert not missing, f"{len(missing)} strings lack Spanish: {missing[:10]}"


def test_translators_are_independent_per_language():
    es, en = i18n.translator("es"), i18n.translator("en")
    assert es("Your region") != "Your region"
    assert en("Your region") == "Your region"
    assert es("Your region") == i18n.translator("es")("Your region")


def test_placeholders_survive_translation():
    placeholder = re.compile(r"\{[a-z_]*\}")
    for msgid, text in i18n.catalog("es").items():
        assert sorted(placeholder.findall(msgid)) == sorted(placeholder.findall(text)), (msgid, text)
        assert msgid.count("**") == text.count("**"), (msgid, text)


def test_pick_language():
    assert i18n.pick_language("es", "en-US") == "es"
    assert i18n.pick_language(None, "es-MX") == "es"
    assert i18n.pick_language("fr", None) == "en"
    assert i18n.pick_language(None, None) == "en"
