"""Kindergarten to grade 2: "Visit the six places", career awareness with no reading needed.

Six places, one per interest area (RIASEC), each with people at work drawn as emoji that vary gender
and skin tone and include the trades, a spoken welcome and three spoken activities the child answers
by tapping one of three faces. At the end the child sees the places they liked, in pictures. There
are no scores, no ranking, no jobs, no pay and no code: at this age the point is to see that all six
kinds of work exist and are open to everyone (the district guidance's "exploration" stage).

Every prompt is spoken from a WAV file made at build time by espeak-ng (``python -m explorer
build-audio``), in English and Spanish, so it plays offline in any browser; the words are ours and go
through the i18n layer like every other string.
"""
from __future__ import annotations

import wave
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session, func, select

from explorer import clock
from explorer.i18n import LANGUAGES, N_, Translator
from explorer.models import ClassGroup, K2Visit
from explorer.paths import DATA_DIR

AUDIO_DIR = DATA_DIR / "k2_audio"
VOICES = {"en": "en-us", "es": "es-419"}
SPEED = 135  # words a minute: slower than espeak-ng's 175 for young listeners


@dataclass(frozen=True)
class Activity:
    id: str  # e.g. "R1": the audio file's name
    text: str  # English message id (spoken, and shown under the picture for adults)
    picture: str  # emoji


@dataclass(frozen=True)
class Place:
    theme: str  # R I A S E C
    name: str  # English message id
    welcome: str  # English message id, spoken when the child arrives
    scene: str  # people at work: several genders and skin tones, trades included
    activities: tuple[Activity, ...]


PLACES: tuple[Place, ...] = (
    Place("R", N_("The Workshop"), N_("Welcome to the Workshop! Here people fix things, build things and grow things."),
          "👷🏽‍♀️ 🧑🏿‍🔧 👨🏻‍🌾 👩🏾‍🏭 🧑🏼‍🚒",
          (Activity("R1", N_("Do you like fixing a bike or a toy?"), "🚲"),
           Activity("R2", N_("Do you like building with wood and tools?"), "🔨"),
           Activity("R3", N_("Do you like growing plants outside?"), "🌱"))),
    Place("I", N_("The Science Lab"), N_("Welcome to the Science Lab! Here people ask questions and find out how "
                                         "things work."),
          "👩🏿‍🔬 🧑🏻‍🔬 👨🏽‍⚕️ 👩🏼‍🚀",
          (Activity("I1", N_("Do you like finding out how things work?"), "⚙️"),
           Activity("I2", N_("Do you like looking at bugs and rocks up close?"), "🔍"),
           Activity("I3", N_("Do you like doing experiments?"), "🧪"))),
    Place("A", N_("The Art Studio"), N_("Welcome to the Art Studio! Here people draw, make music and tell stories."),
          "👨🏾‍🎨 👩🏼‍🎤 🧑🏽‍🎨 👩🏿‍🍳",
          (Activity("A1", N_("Do you like drawing and painting?"), "🖍️"),
           Activity("A2", N_("Do you like making up songs or dances?"), "🎵"),
           Activity("A3", N_("Do you like telling stories?"), "📖"))),
    Place("S", N_("The Helping Place"), N_("Welcome to the Helping Place! Here people teach, care for others and help "
                                           "them feel better."),
          "👩🏻‍🏫 🧑🏿‍⚕️ 👨🏽‍🏫 👩🏾‍⚕️",
          (Activity("S1", N_("Do you like helping a friend who feels sad?"), "🤗"),
           Activity("S2", N_("Do you like teaching someone a game?"), "🎲"),
           Activity("S3", N_("Do you like taking care of a pet?"), "🐶"))),
    Place("E", N_("The Big Idea Stage"), N_("Welcome to the Big Idea Stage! Here people lead teams, start projects "
                                            "and sell things."),
          "🧑🏾‍💼 👩🏽‍⚖️ 👨🏻‍💼 👩🏿‍✈️",
          (Activity("E1", N_("Do you like being the leader of a team?"), "🚩"),
           Activity("E2", N_("Do you like running a lemonade stand?"), "🍋"),
           Activity("E3", N_("Do you like talking in front of the class?"), "📣"))),
    Place("C", N_("The Organizing Room"), N_("Welcome to the Organizing Room! Here people keep things neat, count and "
                                             "make plans."),
          "👩🏿‍💻 🧑🏼‍💼 👨🏾‍💻 👩🏻‍🔧",
          (Activity("C1", N_("Do you like putting things in order?"), "🗂️"),
           Activity("C2", N_("Do you like counting and sorting?"), "🔢"),
           Activity("C3", N_("Do you like making a list and checking it?"), "✅"))),
)
FACES = (("love", "😀", N_("I like it")), ("okay", "😐", N_("It's okay")), ("no", "🙁", N_("Not for me")))
THEMES = tuple(p.theme for p in PLACES)
SUMMARY_TITLE = N_("The places you liked")
TAKE_HOME_QUESTIONS = (N_("Which place would you like to visit for real? Why?"),
                       N_("Who do you know who does this kind of work? Ask them about their day."))


def place(theme: str) -> Place:
    return next(p for p in PLACES if p.theme == theme)


def spoken_texts() -> dict[str, str]:
    """Every spoken prompt by audio id: each place's welcome ("R0") and activities ("R1".."R3")."""
    texts = {f"{p.theme}0": p.welcome for p in PLACES}
    texts |= {a.id: a.text for p in PLACES for a in p.activities}
    return texts


def audio_path(audio_id: str, lang: str) -> Path:
    return AUDIO_DIR / lang / f"{audio_id}.wav"


def liked_places(answers: dict[str, str]) -> list[Place]:
    """Places where the child tapped the happy face at least once, in the order visited (no ranking)."""
    return [p for p in PLACES if any(answers.get(a.id) == "love" for a in p.activities)]


def wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as audio:
        return audio.getnframes() / audio.getframerate()


def build_audio(translators: dict[str, Translator], out: Path = AUDIO_DIR) -> list[Path]:
    """Speak every prompt in every language with espeak-ng into ``out`` (mono 16-bit WAV)."""
    import shutil
    import subprocess

    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise RuntimeError("espeak-ng is not installed (apt-get install espeak-ng); the audio files are built with it")
    written = []
    for lang in LANGUAGES:
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        for audio_id, text in spoken_texts().items():
            path = folder / f"{audio_id}.wav"
            subprocess.run([espeak, "-v", VOICES[lang], "-s", str(SPEED), "-w", str(path), translators[lang](text)],
                           check=True, capture_output=True)
            _halve_rate(path)
            written.append(path)
    return written


def _halve_rate(path: Path) -> None:
    """espeak-ng writes 22,050 Hz; speech needs no more than 11,025 Hz, and the files halve in size."""
    import numpy as np

    with wave.open(str(path)) as audio:
        rate, frames = audio.getframerate(), audio.readframes(audio.getnframes())
    samples = np.frombuffer(frames, dtype="<i2").astype(np.int32)
    samples = samples[: len(samples) // 2 * 2].reshape(-1, 2).mean(axis=1).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate // 2)
        out.writeframes(samples.tobytes())


def record_visit(class_code: str, theme: str, *, session: Session, today: date | None = None) -> None:
    """Count one finished place for a class (an unknown class code counts nothing)."""
    if theme not in THEMES or session.get(ClassGroup, class_code) is None:
        return
    session.add(K2Visit(class_code=class_code, theme=theme, visited_on=today or clock.now().date()))


def visit_counts(class_code: str, *, session: Session) -> dict[str, int]:
    """Finished visits per place for one class (raw; the page hides small counts)."""
    rows = session.exec(select(K2Visit.theme, func.count()).where(K2Visit.class_code == class_code)
                        .group_by(K2Visit.theme)).all()
    counts = dict.fromkeys(THEMES, 0)
    counts.update({str(theme): int(n) for theme, n in rows})
    return counts
