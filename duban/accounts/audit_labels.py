"""What account events read as on the audit page (修改密码, 创建 API 令牌).

Registered from :class:`duban.accounts.apps.AccountsConfig.ready` (see :mod:`duban.audit.describe`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from duban.audit.describe import FieldSpec, TypeSpec, register_actions, register_type

ACTIONS = {
    "user.password_change": _("Change password"),
    "token.create": _("Create API token"),
    "token.revoke": _("Revoke API token"),
}


def register() -> None:
    register_actions(ACTIONS)
    register_type(
        "accounts.apitoken",
        TypeSpec(
            noun=_("API token"),
            fields={
                "prefix": FieldSpec(_("token prefix")),
                "user": FieldSpec(_("user"), refers_to="org.user"),
                "key_hash": FieldSpec(_("key hash")),
                "last_used_at": FieldSpec(_("last used at")),
                "revoked_at": FieldSpec(_("revoked at")),
            },
        ),
    )
