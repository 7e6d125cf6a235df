"""The student's current quiz in this browser session, kept in session_state and a session cookie.

The resume code is kept out of the address bar (it would sit in the history, in screenshots and in
every link a student copies): a session cookie (``QUIZ_COOKIE``, same-site, gone when the browser
closes) brings it back after a refresh or when a server process died and the browser reconnected
to another. A link with ``?code=`` (one the student asked for, "a link to continue") still opens the
quiz, and the code leaves the address bar at once. Answers are saved to the database by the
radio's callback the moment they are given.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from explorer import attempts, guessing, i18n, quiz
from explorer.i18n import Translator
from explorer.models import ClassGroup, utcnow
from explorer.ui import navigation, session
from explorer.ui.session import KEYS

CODE_KEY = KEYS.resume_code
T = TypeVar("T")


QUIZ_COOKIE = "cpe_quiz"


def current_code() -> str | None:
    """The resume code of this session: from a link the student opened (then taken out of the
    address bar), else from the browser's quiz cookie after a refresh or a reconnect."""
    if CODE_KEY not in st.session_state:
        if linked := st.query_params.get("code"):
            del st.query_params["code"]
            try:
                use_code(attempts.normalize_code(linked))
            except attempts.ResumeCodeError:
                session.put(KEYS.quiz_error, linked)
        elif not session.flag(KEYS.quiz_cookie_read) and (remembered := _remembered_code()):
            st.session_state[CODE_KEY] = remembered
    # The cookie came with the request that opened this session and never changes during it: read
    # once, so "Start over" is not undone by the old cookie on the next click.
    session.put(KEYS.quiz_cookie_read, True)
    return st.session_state.get(CODE_KEY)


def _remembered_code() -> str | None:
    """The code in the quiz cookie the browser sent when this session began, if it is one."""
    return code_from_cookie(_sent_quiz_cookie())


def _sent_quiz_cookie() -> object:
    return st.context.cookies.get(QUIZ_COOKIE)


def code_from_cookie(sent: object) -> str | None:
    """A quiz cookie's value as a resume code, or None for anything that is not one."""
    if not isinstance(sent, str) or not sent.strip('"'):
        return None
    try:
        return attempts.normalize_code(sent.strip('"'))
    except attempts.ResumeCodeError:
        return None


def use_code(code: str) -> None:
    session.put(CODE_KEY, code)
    session.pop(KEYS.quiz_page)


def forget_code() -> None:
    session.pop(CODE_KEY)
    session.pop(KEYS.quiz_page)
    st.query_params.pop("code", None)


def write_quiz_cookie(in_sidebar: bool = True) -> None:
    """Keep the browser's quiz cookie equal to this session's quiz: set while there is one, cleared
    after "Start over" (nothing is drawn for a visitor who never had a quiz).

    Drawn on every run (the browser runs the script again only when its text changes), so a run that
    is replaced at once by another still leaves it on the page. Same-site, the whole app's path,
    Secure over HTTPS, and a session cookie: it ends with the browser, so a shared computer does not
    hand the next student this quiz once the browser was closed.
    """
    code = session.text(CODE_KEY)
    if code:
        session.put(KEYS.quiz_cookie, code)
    elif session.text(KEYS.quiz_cookie) or _remembered_code():
        session.put(KEYS.quiz_cookie, "-")
    else:
        return
    value = attempts.normalize_code(code) if code else ""  # only our own alphabet reaches the script
    life = "" if code else "; max-age=0"
    with st.sidebar if in_sidebar else st.container(height=1, border=False):
        navigation.run_in_browser(f"""const secure = window.parent.location.protocol === "https:" ? "; Secure" : "";
window.parent.document.cookie = "{QUIZ_COOKIE}={value}; path=/; SameSite=Strict{life}" + secure;
""")


def start_over() -> None:
    """Callback of the confirmed "Start over": forget this browser's code (the quiz stays saved under it)."""
    session.pop(KEYS.confirm_start_over)
    forget_code()


def load_current() -> attempts.SavedQuiz | None:
    """This browser's quiz. A finished one is kept in the session (it never changes: a retake is a
    new attempt), so the results, occupation and pathway pages do not read it back on every click;
    one still being answered is read each time, as another tab or device may have changed it."""
    code = current_code()
    if not code:
        return None
    kept = st.session_state.get(KEYS.finished_quiz)
    if isinstance(kept, attempts.SavedQuiz) and kept.resume_code == code:
        return kept
    just_saved = session.pop(KEYS.just_saved)  # what an answer's callback saved a moment ago, this run
    if isinstance(just_saved, attempts.SavedQuiz) and just_saved.resume_code == code:
        return just_saved
    try:
        saved = find_quiz(code)
    except (attempts.ResumeCodeError, guessing.GuessError):
        forget_code()
        return None
    if saved.finished:
        session.put(KEYS.finished_quiz, saved)
    return saved


def _save(code: str, item_id: str, key: str) -> None:
    value = st.session_state.get(key)
    if value is None:
        return
    try:
        session.put(KEYS.just_saved, attempts.save_answer(code, item_id, value))
    except (attempts.ResumeCodeError, quiz.QuizInputError) as exc:
        session.put(KEYS.save_error, exc)  # shown (translated where it can be) on the next run


ANSWER_SCALE_CSS = """<style>
/* Phones: the five answers of each question stay on one row, each choice a narrow column (circle,
   then its words), instead of wrapping to a second row where "Like" looks like a new question. */
@media (max-width: 640px) {
  [class*="st-key-answer_"] [role="radiogroup"] { flex-wrap: nowrap; gap: 0.25rem; align-items: flex-start; }
  [class*="st-key-answer_"] [role="radiogroup"] > div { flex: 1 1 0; min-width: 0; }
  [class*="st-key-answer_"] [data-testid="stRadioOption"] {
    width: 100%; margin: 0; padding: 0; align-items: flex-start; }
  [class*="st-key-answer_"] [data-testid="stRadioOption"] > div {
    flex-direction: column; align-items: center; justify-content: flex-start; gap: 0.25rem; width: 100%; }
  [class*="st-key-answer_"] [data-testid="stRadioOption"] p {
    font-size: 0.8rem; line-height: 1.15; text-align: center; overflow-wrap: normal; word-break: keep-all; }
}
</style>"""


def answer_scale_style() -> None:
    """Our own fixed CSS (never user text): the answer scale on one row on a phone."""
    st.html(ANSWER_SCALE_CSS)


def changed_elsewhere(saved: attempts.SavedQuiz, items: list[quiz.Item]) -> bool:
    """True when another tab or device changed answers this screen shows; the radios are reset so
    they are drawn from the saved answers (the database is the truth, never a stale tab)."""
    changed = False
    for item in items:
        key = f"answer_{saved.resume_code}_{item.id}"
        if key in st.session_state and st.session_state[key] != saved.answers.get(item.id):
            del st.session_state[key]
            changed = True
    return changed


def answer_radio(item: quiz.Item, code: str, saved: int | None, _: Translator) -> None:
    """One item as a horizontal radio (arrow keys move, Tab leaves); saved as soon as it changes."""
    options = [value for value, _label, _emoji in quiz.scale(item.band)]
    labels = {value: f"{emoji} {_(label)}" for value, label, emoji in quiz.scale(item.band)}
    key = f"answer_{code}_{item.id}"
    st.radio(f"{item.emoji} {item.text}".strip(), options, index=options.index(saved) if saved in options else None,
             format_func=labels.get, horizontal=True, key=key, on_change=_save, args=(code, item.id, key))


def move_focus_to(item: quiz.Item, screen: int) -> None:
    """After Start, Next or Back, put keyboard focus on the first question of the new screen, so a
    keyboard or screen-reader user continues there (its label is read out) instead of on a button
    far below. Done once per screen: answering must never pull focus back up.

    The script is drawn on every run of the screen (a run that left it out would remove it from the
    page, and a slow browser would lose it before it ran); the page remembers which screen it has
    focused, so a redrawn script does nothing."""
    import json

    label = json.dumps(f"{item.emoji} {item.text}".strip())
    screen_key = json.dumps(f"{item.id}/{screen}")
    navigation.run_in_browser(f"""const doc = window.parent.document, wanted = {label};
if (window.parent.__cpeFocusedScreen === {screen_key}) throw 'focused already';
window.parent.__cpeFocusedScreen = {screen_key};
let tries = 0;
const timer = setInterval(() => {{
  for (const group of doc.querySelectorAll('[data-testid="stRadio"]')) {{
    const text = group.querySelector('[data-testid="stWidgetLabel"]');
    if (text && text.innerText.trim() === wanted) {{
      const input = group.querySelector('input[type="radio"]:checked') || group.querySelector('input[type="radio"]');
      if (input) {{ input.focus(); clearInterval(timer); return; }}
    }}
  }}
  if (++tries > 40) clearInterval(timer);
}}, 50);
""")


def go_to_page(code: str, page: int) -> None:
    session.put(KEYS.quiz_page, page)
    attempts.set_page(code, page)


def finish(code: str, area_code: str) -> None:
    """Mark the quiz finished and store what it shows in this area (for the district's counts)."""
    from explorer import quiz_results
    from explorer.ui.resources import knowledge_base, matcher

    attempts.finish(code)
    quiz_results.record(code, area_code, knowledge_base(), matcher())
    session.put(KEYS.quiz_finished, True)


def finished_just_now() -> bool:
    return bool(session.pop(KEYS.quiz_finished, False))


def retake(saved: attempts.SavedQuiz) -> None:
    """Start a new quiz in the same portfolio (a later year, or after the profile looked doubtful)."""
    from explorer import portfolio

    use_code(portfolio.start_retake(saved.resume_code, saved.band, saved.form, saved.lang))
    navigation.go("pages/quiz.py")


def _looked_up(kind: str, code: str, look: Callable[[str], T], missing: type[Exception]) -> T:
    """``look(code)`` within the guessing budget (explorer.guessing): a code this session already
    found is never refused; one it already tried and missed is refused again without a lookup and
    without counting twice (a typo left in a field is one try, however many reruns it sees)."""
    key = f"{kind}:{code}"
    good, wrong = st.session_state.setdefault(KEYS.good_codes, set()), st.session_state.setdefault(KEYS.wrong_codes, set())
    if key not in good:
        if key in wrong:
            return look("")  # the same miss again: an empty code fails at once, with the usual message
        guessing.BUDGET.check(session.browser_id(), utcnow())
    try:
        found = look(code)
    except missing:
        if key not in wrong:
            wrong.add(key)
            guessing.BUDGET.wrong(session.browser_id(), utcnow())
        raise
    good.add(key)
    return found


def find_quiz(code: str) -> attempts.SavedQuiz:
    """The saved quiz of a (normalised) resume code typed or linked in this browser; ResumeCodeError
    or GuessError."""
    def look(typed: str) -> attempts.SavedQuiz:
        if not typed:
            raise attempts.ResumeCodeError("unknown", code=code)
        return attempts.load(typed)
    return _looked_up("quiz", code, look, attempts.ResumeCodeError)


def find_class(class_code: str) -> ClassGroup:
    """The class of a typed class code; ClassError or GuessError."""
    from explorer import classes

    def look(typed: str) -> ClassGroup:
        return classes.get_class(typed or classes.normalize_class_code(class_code))
    return _looked_up("class", classes.normalize_class_code(class_code), look, classes.ClassError)


def class_fields(class_code: str) -> list[str]:
    """The self-reported fields a class asks for (none until a valid class code is typed)."""
    from explorer import classes

    if not class_code.strip():
        return []
    try:
        return classes.group_fields(find_class(class_code))
    except (classes.ClassError, guessing.GuessError):
        return []


def start_and_join(band: str, form: str, lang: str, class_code: str, grade: int | None,
                   groups: dict[str, str] | None = None, _: Translator = str) -> str | None:
    """Start a quiz and, if a class code was typed, join that class; returns a problem (in the
    student's language) or None. Nothing is started when the class code is wrong."""
    from explorer import classes

    if class_code.strip():
        try:
            classes.check_join(find_class(class_code), grade, groups)
        except (classes.ClassError, guessing.GuessError) as problem:
            return problem.message(_)
    code = attempts.start(band, form, lang)
    if class_code.strip():
        classes.join(class_code, code, grade=grade, groups=groups)
        area = classes.get_class(class_code).area_code
        if area and not session.text(KEYS.place_key):  # a place the student chose is more precise
            session.put(KEYS.start_area, area)  # applied before the region picker is drawn
    use_code(code)
    return None


def require_saved(message: str) -> attempts.SavedQuiz:
    """The student's saved quiz; without one, show ``message`` (already translated), a link to the quiz, and stop."""
    saved = load_current()
    if saved is None:
        _ = i18n.translator(session.get(KEYS.lang, i18n.DEFAULT_LANGUAGE))
        st.info(message)
        st.page_link("pages/quiz.py", label=_("Go to the quiz"), icon="📝")
        st.stop()
    return saved
