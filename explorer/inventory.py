"""The data inventory a district's vendor review asks for: every table, what it holds, who sees it, how
long it is kept, where it lives; its columns are read from the database models, so the inventory
cannot miss one (``python -m explorer inventory`` writes docs/data-inventory.md; a test compares).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import SQLModel

from explorer import models  # noqa: F401  (registers every table in SQLModel.metadata)


@dataclass(frozen=True)
class Entry:
    holds: str
    personal: str  # what in it relates to a person
    seen_by: str
    kept: str


STUDENT = "the student (their own resume code); counselors of a class the student joined"
INVENTORY: dict[str, Entry] = {
    "quizattempt": Entry("one run through the interest quiz: resume code, grade band, form, language, progress times",
                         "pseudonymous: a random resume code, no name or account", STUDENT,
                         "until the district deletes it (no automatic expiry)"),
    "answer": Entry("each answer 0-4 of a quiz and when it was given", "pseudonymous (through the quiz)",
                    STUDENT + "; counselors see only pooled statistics on Quiz quality (released in batches of "
                    "min_group)", "with its quiz"),
    "quizresult": Entry("a finished quiz's area, band, usable-or-not and interest code", "pseudonymous",
                        "counselors only as counts of min_group or more (pathway audit)", "with its quiz"),
    "topmatch": Entry("the ten occupations a finished quiz listed first", "pseudonymous",
                      "counselors only as counts of min_group or more (pathway audit)", "with its quiz"),
    "program": Entry("district catalog: high school programs", "none (who verified a row: a role, e.g. "
                     "'CTE office')", "everyone", "until the district changes its catalog"),
    "dualenrollmentcourse": Entry("district catalog: dual enrollment courses", "none", "everyone",
                                  "until the district changes its catalog"),
    "workbasedlearning": Entry("district catalog: job shadows, internships, apprenticeships", "none", "everyone",
                               "until the district changes its catalog"),
    "credential": Entry("district catalog: industry credentials", "none", "everyone",
                        "until the district changes its catalog"),
    "counselor": Entry("staff accounts: username and argon2id password hash", "staff username", "administrators "
                       "(python -m explorer users)", "until removed (users remove)"),
    "loginthrottle": Entry("failed sign-in tries per typed username and lockout time", "a typed username",
                           "no one (the app reads it)", "until the next successful sign-in or the lockout ends"),
    "counselorsession": Entry("signed-in browsers: a SHA-256 hash of each session token, username, last use",
                              "staff username", "no one (the app reads it)",
                              "until sign-out, removal or the idle limit (counselor_idle_minutes)"),
    "retake": Entry("links a retake's resume code to the student's first (the portfolio)", "pseudonymous",
                    STUDENT, "with its quiz"),
    "favourite": Entry("occupations a student starred", "pseudonymous", STUDENT, "until the student removes it"),
    "planstep": Entry("pathway steps a student ticked off", "pseudonymous", STUDENT, "until changed"),
    "sharelink": Entry("read-only family links: token, portfolio, created and revoked times", "pseudonymous",
                       "whoever holds the link (the family)", "until revoked by the student"),
    "classgroup": Entry("classes: code, name, creating counselor, self-reported fields asked, area",
                        "staff username", "the counselor who created it", "until the district deletes it"),
    "classmember": Entry("a portfolio's membership of a class: grade and optional self-reported groups",
                         "pseudonymous; self-reported groups (optional)",
                         "the class's counselor, only as figures of min_group or more", "until the district deletes it"),
    "advisingnote": Entry("a counselor's notes and next steps for a student's portfolio", "pseudonymous; free text "
                          "the counselor writes", "counselors", "until the district deletes it"),
    "graduateoutcome": Entry("graduates' outcomes by year: programs, credentials, dual-enrollment credits, "
                             "work-based learning, status at 6 and 12 months, job and wage band, self-reported "
                             "groups", "a keyed HMAC-SHA256 of the district's pseudonymous id (never the id)",
                             "the public only as published figures of min_group or more; no row is shown",
                             "until the district removes the year (outcomes remove)"),
    "rosterstaff": Entry("staff from the district's OneRoster export: sourcedId, sign-in e-mail, role, active",
                         "staff e-mail (no names, no passwords)", "no one (the app reads it to give classes their "
                         "owners)", "until the next roster import drops them (kept inactive)"),
    "k2visit": Entry("a finished K-2 place per class and day", "none (no child, no answers)",
                     "the class's counselor, counts of min_group or more", "until the district deletes it"),
}


def tables() -> dict[str, list[str]]:
    """Every table the database has, with its columns, from the models."""
    return {name: [c.name for c in table.columns] for name, table in sorted(SQLModel.metadata.tables.items())}


def markdown() -> str:
    lines = ["# Data inventory", "",
             "Every table the app keeps (`DATABASE_URL`: SQLite in `var/` or the district's PostgreSQL; nothing "
             "is sent elsewhere). Generated by `python -m explorer inventory` from the database models; a test keeps "
             "it in step. Students need no account and give no name. The public data in `data/` (BLS, O*NET, NCES, "
             "College Scorecard, DOL) describe occupations and colleges, never people.", "",
             "| table | holds | about a person | seen by | kept | columns |", "|---|---|---|---|---|---|"]
    for name, columns in tables().items():
        entry = INVENTORY[name]
        lines.append(f"| `{name}` | {entry.holds} | {entry.personal} | {entry.seen_by} | {entry.kept} | "
                     f"{', '.join(f'`{c}`' for c in columns)} |")
    return "\n".join(lines) + "\n"
