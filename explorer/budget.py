"""A simple budget reality check: what a year of a student's chosen lifestyle costs, before taxes.

Defaults are round monthly amounts for one adult living on their own, for the student to change; the
tax share (federal and state income tax plus Social Security and Medicare) is a rough 15%, labelled as
an estimate wherever it is shown.
"""
from __future__ import annotations

from dataclasses import dataclass

from explorer.i18n import N_

DEFAULT_MONTHLY: dict[str, int] = {"housing": 1100, "utilities": 180, "food": 400, "transportation": 550,
                                   "phone": 100, "health": 250, "savings_and_other": 300}
LABELS = {"housing": N_("Housing (rent)"), "utilities": N_("Utilities"), "food": N_("Food"),
          "transportation": N_("Car or transportation"), "phone": N_("Phone and internet"),
          "health": N_("Health care"), "savings_and_other": N_("Savings and everything else")}
TAX_SHARE = 0.15


@dataclass(frozen=True)
class BudgetCheck:
    monthly_total: float
    yearly_after_tax: float
    yearly_before_tax: float  # income needed before taxes

    def covered_share(self, yearly_pay: object) -> float | None:
        """Pay as a share of the income needed (1.0 = exactly enough); None when pay is not published."""
        try:
            pay = float(yearly_pay)  # pandas NA and None raise here
        except (TypeError, ValueError):
            return None
        return None if pay != pay else pay / self.yearly_before_tax


def check(monthly: dict[str, float], tax_share: float = TAX_SHARE) -> BudgetCheck:
    if any(v < 0 for v in monthly.values()):
        raise ValueError("monthly costs cannot be negative")
    if not 0 <= tax_share < 1:
        raise ValueError("the tax share must be between 0 and 1")
    total = float(sum(monthly.values()))
    return BudgetCheck(monthly_total=total, yearly_after_tax=total * 12, yearly_before_tax=total * 12 / (1 - tax_share))
