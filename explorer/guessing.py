"""How many wrong resume and class codes may be tried: a budget per browser session and per process.

A resume code (9 characters of 30, 44 bits) or a class code (the same, 44 bits) cannot be guessed at
the rate one app process answers (32.5 guesses a second were measured before this budget): a browser
session may try ``wrong_codes_per_browser`` wrong codes in ``WINDOW``, and a process accepts
``wrong_codes_per_minute`` wrong codes a minute from all sessions together. Only wrong codes count
(a code that exists is never refused, and a mistyped one that cannot be a code at all reveals
nothing). The counts live in memory: a restart forgets them, which a guesser cannot cause.
"""
from __future__ import annotations

import threading
from collections import deque
from datetime import datetime, timedelta

from explorer import settings
from explorer.i18n import N_, Translator

WINDOW = timedelta(minutes=10)


class GuessError(ValueError):
    """A code lookup refused because too many wrong codes were tried; ``message(_)`` says when to retry."""

    def __init__(self, message: str, **params: object):
        super().__init__(message.format(**params))
        self.message_id, self.params = message, params

    def message(self, _: Translator) -> str:
        return _(self.message_id).format(**self.params)


class GuessBudget:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wrong: deque[datetime] = deque()
        self._by_client: dict[str, deque[datetime]] = {}

    def _prune(self, now: datetime) -> None:
        while self._wrong and self._wrong[0] <= now - timedelta(minutes=1):
            self._wrong.popleft()
        for times in self._by_client.values():
            while times and times[0] <= now - WINDOW:
                times.popleft()
        if len(self._by_client) > 10_000:
            for client in [c for c, t in self._by_client.items() if not t]:
                del self._by_client[client]

    def check(self, client: str, now: datetime) -> None:
        """GuessError if ``client`` (or the whole process) may not look another code up now."""
        current = settings.current()
        with self._lock:
            self._prune(now)
            mine = self._by_client.get(client)
            if mine is not None and len(mine) >= current.wrong_codes_per_browser:
                raise GuessError(N_("too many wrong codes from this browser; check the code and try again after "
                                    "{time} UTC"), time=f"{mine[0] + WINDOW:%H:%M}")
            if len(self._wrong) >= current.wrong_codes_per_minute:
                raise GuessError(N_("too many wrong codes are being tried on this server right now; try again in "
                                    "a minute"))

    def wrong(self, client: str, now: datetime) -> None:
        """Count one wrong code of ``client``."""
        with self._lock:
            self._wrong.append(now)
            self._by_client.setdefault(client, deque()).append(now)

    def reset(self) -> None:
        with self._lock:
            self._wrong.clear()
            self._by_client.clear()


BUDGET = GuessBudget()
