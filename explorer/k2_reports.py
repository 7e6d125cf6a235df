"""Paper for K-2: a take-home page for the family and a classroom sheet per place (fpdf2, EN/ES).

Our own words only; no scores, jobs or pay, as on screen. The family page names the places the child
liked and gives two questions to talk about at home; a classroom sheet gives a read-aloud, questions
to ask and a drawing task for one place.
"""
from __future__ import annotations

from fpdf import FPDF

from explorer import k2
from explorer.i18n import N_, Locale, locale
from explorer.reports import FONT_DIR

FAMILY_INTRO = N_("Today your child visited six places where people work, heard about what people do there, and "
                  "said how each activity felt. There are no scores: at this age every kind of work is worth "
                  "exploring.")
LIKED_NONE = N_("Your child did not pick a favourite yet. Every place is worth another visit.")
DRAW_TASK = N_("Draw yourself at work in {place}. What are you making, fixing, finding out or helping with?")
READ_ALOUD = N_("Read aloud")
ASK = N_("Ask the class")
DRAW = N_("Draw")


def _pdf(title: str) -> tuple[FPDF, float]:
    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(title)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font("DejaVu", "B", 18)
    pdf.multi_cell(width, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    return pdf, width


def take_home(liked: list[str], lang: str) -> bytes:
    """One page for the family: what the child liked, and two questions to talk about at home."""
    loc: Locale = locale(lang)
    _ = loc._
    pdf, width = _pdf(_("Visit the six places"))
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(width, 6, _(FAMILY_INTRO), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 13)
    pdf.cell(width, 8, _(k2.SUMMARY_TITLE), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    places = [k2.place(theme) for theme in liked]
    for place in places:
        pdf.multi_cell(width, 6, "• " + _(place.name) + " — " + _(place.welcome), new_x="LMARGIN", new_y="NEXT")
    if not places:
        pdf.multi_cell(width, 6, _(LIKED_NONE), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 13)
    pdf.cell(width, 8, _("Talk about it at home"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    for question in k2.TAKE_HOME_QUESTIONS:
        pdf.multi_cell(width, 6, "• " + _(question), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def classroom_sheet(theme: str, lang: str) -> bytes:
    """One place's classroom sheet: read-aloud, questions, a drawing task with room to draw."""
    loc: Locale = locale(lang)
    _ = loc._
    place = k2.place(theme)
    pdf, width = _pdf(_(place.name))
    for heading, lines in ((READ_ALOUD, [place.welcome]), (ASK, [a.text for a in place.activities])):
        pdf.set_font("DejaVu", "B", 13)
        pdf.cell(width, 8, _(heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 12)
        for line in lines:
            pdf.multi_cell(width, 7, _(line), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.set_font("DejaVu", "B", 13)
    pdf.cell(width, 8, _(DRAW), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 12)
    pdf.multi_cell(width, 7, _(DRAW_TASK).format(place=_(place.name)), new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y() + 3
    pdf.rect(pdf.l_margin, top, width, pdf.h - top - 20)
    return bytes(pdf.output())
