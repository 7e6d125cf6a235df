"""docs/data-inventory.md describes every table and column the database has."""
from __future__ import annotations

from explorer import inventory
from explorer.paths import ROOT


def test_every_table_is_in_the_inventory_and_the_doc_is_current():
    assert set(inventory.INVENTORY) == set(inventory.tables())
    assert all(e.holds and e.personal and e.seen_by and e.kept for e in inventory.INVENTORY.values())
    assert (ROOT / "docs" / "data-inventory.md").read_text(encoding="utf-8") == inventory.markdown(), (
        "regenerate it: python -m explorer inventory > docs/data-inventory.md")
