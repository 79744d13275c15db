"""What document-ingest events read as on the audit page (上传文件分解, 草稿转为事项).

Registered from :class:`duban.ingest.apps.IngestConfig.ready` (see :mod:`duban.audit.describe`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from duban.audit.describe import FieldSpec, TypeSpec, register_actions, register_type

ACTIONS = {
    "ingest.run": _("Upload a document for drafting"),
    "draft.update": _("Edit draft"),
    "draft.reject": _("Discard draft"),
    "draft.accept": _("Accept draft as item"),
}

RUN_FIELDS = {
    "file": FieldSpec(_("file")),
    "ref_date": FieldSpec(_("reference date")),
    "drafts": FieldSpec(_("drafts")),
    "drafts_from_model": FieldSpec(_("drafts from the language model")),
    "file_kind": FieldSpec(_("file type")),
    "sha256": FieldSpec(_("file fingerprint (SHA-256)")),
    "ref_date_source": FieldSpec(_("reference date from")),
    "body": FieldSpec(_("text")),
    "result": FieldSpec(_("extraction result")),
    "warnings": FieldSpec(_("warnings")),
}

DRAFT_FIELDS = {
    "item": FieldSpec(_("item"), refers_to="supervision.item"),
    "run": FieldSpec(_("document"), refers_to="ingest.ingestrun"),
    "order": FieldSpec(_("draft number")),
    "kind": FieldSpec(_("kind")),
    "sentence": FieldSpec(_("sentence")),
    "span_start": FieldSpec(_("start in the text")),
    "span_end": FieldSpec(_("end in the text")),
    "deadline_text": FieldSpec(_("deadline as written")),
    "reported_done": FieldSpec(_("reported done")),
    "status": FieldSpec(_("status")),
}


def register() -> None:
    register_actions(ACTIONS)
    register_type("ingest.ingestrun", TypeSpec(noun=_("document"), fields=RUN_FIELDS))
    register_type(
        "ingest.draftitem",
        TypeSpec(noun=_("draft item"), fields=DRAFT_FIELDS),
    )
