"""When an answer was given: the quiz's speed rule reads these times, so tests must be able to set them.

By default this is the real UTC time. ``EXPLORER_CLOCK_STEP_SECONDS=N`` (for tests and demos only)
makes every reading N seconds later than the one before, starting from the real time, so a browser
test can answer as fast as the machine allows and still look like an unhurried student, instead of
sleeping about two seconds per answer. It is read once per process.
"""
from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

STEP_VARIABLE = "EXPLORER_CLOCK_STEP_SECONDS"


def real_now() -> datetime:
    return datetime.now(UTC)


def stepping(step_seconds: float, start: datetime | None = None) -> Callable[[], datetime]:
    """A clock that moves ``step_seconds`` forward at each reading (thread-safe)."""
    origin, ticks, lock = start or real_now(), itertools.count(), threading.Lock()

    def now() -> datetime:
        with lock:
            return origin + timedelta(seconds=step_seconds * next(ticks))

    return now


def _from_environment() -> Callable[[], datetime]:
    text = os.environ.get(STEP_VARIABLE, "").strip()
    if not text:
        return real_now
    try:
        step = float(text)
    except ValueError:
        raise ValueError(f"{STEP_VARIABLE} must be a number of seconds, not {text!r}") from None
    return stepping(step)


now: Callable[[], datetime] = _from_environment()
