"""Audit policy: who reads the audit trail (审计日志).

Audit sits below org (org's services write audit rows), so it decides by role
through :mod:`duban.core.roles` and never imports org.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from duban.core.roles import Role, RoleHolder, roles_of

AUDIT_READERS = frozenset({Role.SUPERVISOR, Role.ADMIN})


def may_read_audit(user: RoleHolder | AnonymousUser) -> bool:
    """Supervisors and administrators read the audit trail, its verification and its export."""
    return bool(roles_of(user) & AUDIT_READERS)
