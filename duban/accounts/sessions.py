"""The session store (会话): Django's database sessions, written only when something changed.

``SESSION_SAVE_EVERY_REQUEST`` keeps the expiry sliding (a working day of
inactivity ends the session), but with Django's store it also writes the session
row on every page view: a write — on SQLite the database's one write lock — per
read. This store skips the write when the data did not change and the stored
expiry was pushed out less than :data:`REFRESH_SECONDS` ago, so the expiry still
slides, to the minute, and a page view writes at most once a minute.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DbSessionStore
from django.utils import timezone

REFRESH_SECONDS = 60


class SessionStore(DbSessionStore):
    _stored_expiry: dt.datetime | None = None

    def load(self) -> dict[str, Any]:
        session = self._get_session_from_db()  # type: ignore[attr-defined]  # Django 5.2, not in the stubs
        self._stored_expiry = session.expire_date if session else None
        return self.decode(session.session_data) if session else {}

    def save(self, must_create: bool = False) -> None:
        if not must_create and not self.modified and self._fresh():
            return
        super().save(must_create=must_create)
        self._stored_expiry = self.get_expiry_date()

    def _fresh(self) -> bool:
        """The stored expiry is less than a minute short of the one a save would store."""
        if self._stored_expiry is None or self.session_key is None:
            return False
        due = timezone.now() + dt.timedelta(seconds=self.get_expiry_age() - REFRESH_SECONDS)
        return self._stored_expiry >= due
