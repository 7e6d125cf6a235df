"""A simple budget reality check: what a year of a student's chosen lifestyle costs, before taxes.

Defaults are round monthly amounts for one adult living on their own, for the student to change; the
tax share (federal and state income tax plus Social Security and Medicare) is a rough 15%, labelled as
an estimate wherever it is shown. Both are district settings (``budget_*`` in explorer/settings.py), as
rent and taxes differ from place to place.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from explorer import settings
from explorer.i18n import N_

LABELS = {"housing": N_("Housing (rent)"), "utilities": N_("Utilities"), "food": N_("Food"),
          "transportation": N_("Car or transportation"), "phone": N_("Phone and internet"),
          "health": N_("Health care"), "savings_and_other": N_("Savings and everything else")}


def default_monthly() -> dict[str, int]:
    """The district's starting amounts a month, in the order of ``LABELS``."""
    defaults = settings.current().budget_monthly
    return {item: defaults[item] for item in LABELS}


@dataclass(frozen=True)
class BudgetCheck:
    monthly_total: float
    yearly_after_tax: float
    yearly_before_tax: float  # income needed before taxes
    tax_share: float  # the estimate it rests on (shown beside it)

    def covered_share(self, yearly_pay: float | None) -> float | None:
        """Pay as a share of the income needed (1.0 = exactly enough); None when pay is not published
        (None, NaN or pandas' NA, which raises in float())."""
        if yearly_pay is None:
            return None
        try:
            pay = float(yearly_pay)  # pandas' NA raises here
        except (TypeError, ValueError):
            return None
        return None if math.isnan(pay) else pay / self.yearly_before_tax


def check(monthly: dict[str, float], tax_share: float | None = None) -> BudgetCheck:
    """What ``monthly`` costs a year, after and before tax (the district's tax share unless given)."""
    tax_share = settings.current().budget_tax_share if tax_share is None else tax_share
    if any(v < 0 for v in monthly.values()):
        raise ValueError("monthly costs cannot be negative")
    if not 0 <= tax_share < 1:
        raise ValueError("the tax share must be between 0 and 1")
    total = float(sum(monthly.values()))
    return BudgetCheck(monthly_total=total, yearly_after_tax=total * 12, yearly_before_tax=total * 12 / (1 - tax_share),
                       tax_share=tax_share)
