"""The supervision API (/api/v1/supervision/…): one module per group of operations.

Every endpoint reads through ``org.scope`` / ``supervision.selectors`` (404 for
anything out of scope) and writes through the supervision services, whose
``DomainError`` the API frame renders as ``{code, message, fields}``.
"""

from __future__ import annotations

from ninja import Router

from duban.supervision.api import actions, attachments, followup, items, notifications, reports, sources

router = Router(tags=["supervision"])
router.add_router("", sources.router)
router.add_router("", items.router)
router.add_router("", actions.router)
router.add_router("", reports.router)
router.add_router("", attachments.router)
router.add_router("", followup.router)
router.add_router("", notifications.router)
