"""The K-2 activity on screen: one place at a time, a picture, a spoken prompt and three big faces.

Built for touch and for children who do not read yet: every prompt plays from its audio file, the
faces are large buttons, and nothing on screen depends on reading (the words are there for the adult
beside the child).
"""
from __future__ import annotations

from functools import lru_cache

import streamlit as st

from explorer import classes, db, k2
from explorer.ui import session
from explorer.ui.context import Context
from explorer.ui.session import KEYS

STYLE = """<style>
.st-key-k2_faces button { min-height: 7rem; font-size: 1.35rem; }
.st-key-k2_faces button p { font-size: 1.35rem; }
.k2-scene { font-size: 2.6rem; line-height: 1.25; text-align: center; }
.k2-picture { font-size: 4.5rem; text-align: center; line-height: 1.1; }
.k2-liked { font-size: 2.6rem; }
</style>"""


@lru_cache(maxsize=128)
def _audio(audio_id: str, lang: str) -> bytes:
    return k2.audio_path(audio_id, lang).read_bytes()


def _answer(activity: k2.Activity, face: str) -> None:
    place_index, activity_index = session.get(KEYS.k2_progress, (0, 0))
    answers = dict(session.get(KEYS.k2_answers, {}))
    answers[activity.id] = face
    session.put(KEYS.k2_answers, answers)
    if activity_index + 1 < len(k2.PLACES[place_index].activities):
        session.put(KEYS.k2_progress, (place_index, activity_index + 1))
        return
    class_code = session.text(KEYS.k2_class)
    if class_code:
        with db.session() as s:
            k2.record_visit(class_code, k2.PLACES[place_index].theme, session=s)
    session.put(KEYS.k2_progress, (place_index + 1, 0))


def _restart() -> None:
    session.put(KEYS.k2_progress, (0, 0))
    session.put(KEYS.k2_answers, {})


def activity(ctx: Context) -> None:
    """The place the child is in, or the picture summary once all six are visited."""
    _ = ctx._
    st.html(STYLE)
    if st.query_params.get("class") and not session.has(KEYS.k2_class):
        session.put(KEYS.k2_class, classes.normalize_class_code(str(st.query_params["class"]))[:16])
    place_index, activity_index = session.get(KEYS.k2_progress, (0, 0))
    st.progress(min(place_index, len(k2.PLACES)) / len(k2.PLACES),
                text=" ".join("🟢" if i < place_index else "⚪" for i in range(len(k2.PLACES))))
    if place_index >= len(k2.PLACES):
        summary(ctx)
        return
    place = k2.PLACES[place_index]
    st.header(_(place.name), anchor=False)
    st.html(f"<div class='k2-scene' role='img' aria-label='{_(place.name)}'>{place.scene}</div>")
    if activity_index == 0:
        st.audio(_audio(f"{place.theme}0", ctx.lang), format="audio/wav")
    item = place.activities[activity_index]
    st.html(f"<div class='k2-picture' role='img' aria-label='{_(item.text)}'>{item.picture}</div>")
    st.audio(_audio(item.id, ctx.lang), format="audio/wav", autoplay=activity_index > 0 or place_index > 0)
    st.caption(_(item.text))
    with st.container(key="k2_faces"):
        for column, (face, emoji, label) in zip(st.columns(3), k2.FACES, strict=True):
            column.button(f"{emoji}  {_(label)}", key=f"k2_{face}", on_click=_answer, args=(item, face),
                          width="stretch")


def summary(ctx: Context) -> None:
    _ = ctx._
    st.header(_(k2.SUMMARY_TITLE), anchor=False)
    liked = k2.liked_places(session.get(KEYS.k2_answers, {}))
    if liked:
        for place in liked:
            st.subheader(_(place.name), anchor=False)
            st.html(f"<div class='k2-liked'>{place.scene}</div>")
    else:
        st.write(_("Every place is worth another visit. Which one would you like to see again?"))
    st.download_button(_("A page to take home"), data=take_home_pdf(ctx.lang, tuple(p.theme for p in liked)),
                       file_name="six-places.pdf", mime="application/pdf", on_click="ignore")
    st.button(_("Visit the six places again"), on_click=_restart)


@st.cache_data(max_entries=256, show_spinner=False)
def take_home_pdf(lang: str, liked: tuple[str, ...]) -> bytes:
    from explorer import k2_reports

    return k2_reports.take_home(list(liked), lang)


@st.cache_data(max_entries=64, show_spinner=False)
def classroom_sheet(theme: str, lang: str) -> bytes:
    from explorer import k2_reports

    return k2_reports.classroom_sheet(theme, lang)


def for_teachers(ctx: Context) -> None:
    """Classroom sheets for each place, and how to count a class's visits (a link with the class code)."""
    _ = ctx._
    with st.expander(_("For teachers: classroom sheets and your class link")):
        st.write(_("Open this page with your class code in the address, like …/k2?class=C-XXXXXX, on the children's "
                   "devices: each place a child finishes is counted for your class (no name, no answers), and your "
                   "class dashboard shows how many visited each place."))
        for column, place in zip(st.columns(3) * 2, k2.PLACES, strict=True):
            column.download_button(_(place.name), data=classroom_sheet(place.theme, ctx.lang),
                                   file_name=f"classroom-{place.theme}.pdf", mime="application/pdf",
                                   on_click="ignore", key=f"k2_sheet_{place.theme}")


def class_visits(class_code: str, ctx: Context) -> None:
    """A K-2 class on the counselor's dashboard: children who finished each place (small counts hidden)."""
    from explorer import privacy

    _ = ctx._
    with db.session() as s:
        counts = k2.visit_counts(class_code, session=s)
    if not any(counts.values()):
        return
    k = privacy.min_group()
    st.subheader(_("K-2: children who finished each place"), anchor=False)
    st.markdown("\n".join(f"- {_(k2.place(theme).name)}: {privacy.lone_text(n, k)}" for theme, n in counts.items()))
    st.caption(_("Counts under {k} show as <{k}. Only finished places are counted; nothing a child answered is "
                 "kept.").format(k=k))
