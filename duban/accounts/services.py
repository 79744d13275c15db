"""Account writes: API tokens (the password change is a user service, ``org.services``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from duban.accounts.models import ApiToken
from duban.audit.services import audit_record
from duban.core import clock
from duban.core.errors import DomainError, ErrorCode, NotFound
from duban.org.models import User

TOKEN_PREFIX = "dbn_"  # noqa: S105 - a visible prefix that marks duban tokens, not a secret
TOKEN_TOUCH = dt.timedelta(minutes=1)  # how often a token's last use is written, at most


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def token_create(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """Create an API token for the actor; the raw key is returned once, never stored."""
    name = name.strip()
    if not name:
        raise DomainError(ErrorCode.INVALID, _("Give the token a name."), field="name")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=actor, name=name[:80], prefix=raw[:12], key_hash=token_digest(raw))
    token.save()
    after = {"name": token.name, "prefix": token.prefix}
    audit_record(actor=actor, action="token.create", obj=token, after=after)
    return token, raw


@transaction.atomic
def token_revoke(*, actor: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(pk=token_id, user=actor, revoked_at__isnull=True).first()
    if token is None:
        raise NotFound("token")
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    audit_record(actor=actor, action="token.revoke", obj=token)
    return token


def token_user(raw: str) -> User | None:
    """The active user a raw token belongs to, or None. Not audited (a read)."""
    token = (
        ApiToken.objects.select_related("user", "user__person")
        .filter(key_hash=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = clock.now()
    # At most one write a minute per token: "last used" is read to the minute, and a
    # write on every call costs each API read a write (on SQLite, the one write lock).
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_TOUCH:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
