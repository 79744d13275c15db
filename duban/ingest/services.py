"""Ingesting a document into a draft ledger, and accepting drafts as items."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.services import audit_record
from duban.core.errors import DomainError, ErrorCode
from duban.ingest.models import DraftItem, DraftKind, DraftStatus, IngestRun
from duban.ingest.policy import check_ingest
from duban.org.models import Unit, User
from duban.supervision.models import Item, Source
from duban.supervision.services.tree import item_create, tree_lock
from duban_extract import LoadError, MissingReferenceDateError, load_bytes
from duban_extract.assist import AssistError, ChatClient, assist_extraction
from duban_extract.clean import clean_document
from duban_extract.clean.punct import display_punctuation
from duban_extract.load import LoadErrorCode
from duban_extract.pipeline import extract_document
from duban_extract.serialize import extraction_json
from duban_extract.types import Extraction, Note, Task

logger = logging.getLogger(__name__)


def unit_registry() -> dict[str, Unit]:
    """Unit names and short names → unit, for reading owners."""
    names: dict[str, Unit] = {}
    for unit in Unit.objects.filter(is_active=True):
        names[unit.name] = unit
        if unit.short_name:
            names.setdefault(unit.short_name, unit)
    return names


def _load_message(exc: LoadError) -> str:
    """The loader's refusal in the user's language, naming the file."""
    reasons = {
        LoadErrorCode.EMPTY: _("the file is empty."),
        LoadErrorCode.BINARY: _("this is not a text document (.txt, .docx, .html or .pdf)."),
        LoadErrorCode.OVERSIZED: _("the file is too large."),
        LoadErrorCode.UNDECODABLE: _(
            "the text's encoding cannot be recognised; save it as UTF-8 and try again."
        ),
        LoadErrorCode.CORRUPT: _("the file is damaged and cannot be read."),
        LoadErrorCode.NO_TEXT_LAYER: _("the PDF has no text layer (a scan?); upload the text or a .docx."),
        LoadErrorCode.UNSUPPORTED: _("files of this type are not read; use .txt, .docx, .html or .pdf."),
        LoadErrorCode.UNPACKS_TOO_LARGE: _(
            "the document would unpack far beyond what a document holds; it is refused unread."
        ),
    }
    reason = reasons.get(exc.code)
    return f"{exc.name}: {reason}" if reason else exc.message


def _shown_warnings(extraction: Extraction) -> list[str]:
    """Warnings for the review page. The reference date's origin is shown by the page
    itself (a badge), so the extractor's English sentences about it are left out."""
    caller = extraction.ref_date_source == "caller"
    skip = "the document has no date" if caller else "the document is dated"
    shown = [_note_text(w) for w in extraction.warnings if not str(w).startswith(skip)]
    shown = [w for w in shown if w]
    if extraction.ref_date_source == "document" and len(shown) < len(extraction.warnings):
        shown.insert(
            0,
            _("The document is dated %(date)s; that date is used, not the one you gave.")
            % {"date": extraction.ref_date.isoformat()},
        )
    return shown


def _note_text(warning: str) -> str:
    """An extractor's warning in the user's language (duban_extract.types.Note); "" to leave it out.

    The model's notes on what it answered (a task it named but the text lacks, …) are for the
    operator: they go to the log, and the page says only how many there were.
    """
    if not isinstance(warning, Note):
        return str(warning)
    params = dict(warning.params)
    if warning.code == "calendar_unknown":
        message = _("“%(expression)s”: the official working-day calendar for %(year)s is not known yet.")
        return message % params
    if warning.code == "assist_summary":
        return _("Language-model assist: %(added)s task(s) added, %(filled)s owner(s) filled.") % params
    if warning.code == "assist_note":
        logger.info("ingest assist: %s", params.get("note", ""))
        return ""
    return str(warning)


def _assist_failure(error: AssistError) -> str:
    """Why the model could not help, in the user's language; the technical detail goes to the log."""
    reasons = {
        "url": _("the model service's address is not an http(s) URL"),
        "config": _("the model service's settings are not valid"),
        "http": _("the model service answered HTTP %(status)s"),
        "timeout": _("the model service gave no answer within %(seconds)s s (timeout)"),
        "unreachable": _("the model service is unreachable"),
        "not_json": _("the model's answer is not JSON"),
        "shape": _("the model's answer does not have the expected form"),
    }
    reason = reasons.get(error.kind, _("the model service could not be used"))
    facts = {"seconds": f"{error.facts.get('seconds', 0):g}", "status": error.facts.get("status", "")}
    return _("%(reason)s: %(endpoint)s") % {"reason": reason % facts, "endpoint": error.endpoint}


def assist_client() -> ChatClient | None:
    """The language-model client when ``LLM_URL`` is set (``DUBAN_LLM_URL``); None: the assist is off."""
    url = getattr(settings, "LLM_URL", "")
    if not url:
        return None
    return ChatClient(url, settings.LLM_MODEL, settings.LLM_API_KEY, settings.LLM_TIMEOUT)


def _assisted(extraction: Extraction) -> Extraction:
    """The draft with the model's tasks merged in; on any model failure the rules' draft and a warning."""
    try:
        client = assist_client()
        if client is None:
            warning = _("The language-model assist is not configured; the draft is from the rules alone.")
            return replace(extraction, warnings=(*extraction.warnings, warning))
        return assist_extraction(extraction, client)
    except AssistError as exc:
        logger.warning("ingest assist failed: %s", exc)
        warning = _("The language-model assist failed (%(error)s); the draft is from the rules alone.") % {
            "error": _assist_failure(exc)
        }
        return replace(extraction, warnings=(*extraction.warnings, warning))


def ingest_run(
    *, actor: User, data: bytes, name: str, ref_date: dt.date | None, assist: bool = False
) -> IngestRun:
    """Read a document and draft its ledger. Nothing is stored if it cannot be read.

    Raises DomainError naming the file for empty, binary, oversized, undecodable
    or corrupt input, and asks for a reference date when the document has none.
    With ``assist`` the configured language model is asked too (outside the
    database transaction: it may take a while); if it fails the rules' draft is
    stored with a warning, so the upload is never lost.
    """
    check_ingest(actor)
    try:
        loaded = load_bytes(data, name, max_bytes=settings.UPLOAD_MAX_BYTES)
        document = clean_document(loaded.text)
        registry = unit_registry()
        extraction = extract_document(document, ref_date=ref_date, units=sorted(registry))
    except LoadError as exc:
        raise DomainError(ErrorCode.INVALID_FILE, _load_message(exc), field="file") from exc
    except MissingReferenceDateError as exc:
        raise DomainError(
            ErrorCode.INVALID,
            _("%(name)s: the document carries no date; give the reference date.") % {"name": name},
            field="ref_date",
        ) from exc
    if assist:
        extraction = _assisted(extraction)
    return _run_store(
        actor=actor, data=data, name=name, kind=loaded.kind, extraction=extraction, registry=registry
    )


@transaction.atomic
def _run_store(
    *, actor: User, data: bytes, name: str, kind: str, extraction: Extraction, registry: dict[str, Unit]
) -> IngestRun:
    meta = extraction.document
    run = IngestRun.objects.create(
        file_name=name[:255],
        file_kind=kind,
        sha256=hashlib.sha256(data).hexdigest(),
        title=meta.title[:300],
        published=meta.published,
        source_name=meta.source[:200],
        authors="、".join(meta.authors)[:300],
        ref_date=extraction.ref_date,
        ref_date_source=extraction.ref_date_source,
        body=display_punctuation(meta.body),
        result=extraction_json(extraction),
        warnings=_shown_warnings(extraction),
        created_by=actor,
    )
    DraftItem.objects.bulk_create(_drafts(run, extraction, registry))
    after = {"file": run.file_name, "ref_date": run.ref_date.isoformat(), "drafts": run.drafts.count()}
    from_model = sum(1 for t in extraction.tasks if t.source in {"model", "rules+model"})
    if from_model:
        after["drafts_from_model"] = from_model
    audit_record(actor=actor, action="ingest.run", obj=run, after=after)
    return run


def _drafts(run: IngestRun, extraction: Extraction, registry: dict[str, Unit]) -> list[DraftItem]:
    body = extraction.document.body
    drafts = [_task_draft(run, order, task, body, registry) for order, task in enumerate(extraction.tasks, 1)]
    offset = len(drafts)
    for order, problem in enumerate(extraction.problems, offset + 1):
        drafts.append(
            DraftItem(
                run=run,
                order=order,
                kind=DraftKind.PROBLEM,
                title=display_punctuation(problem.text)[:500],
                sentence=display_punctuation(body[problem.span.start : problem.span.end]),
                span_start=problem.span.start,
                span_end=problem.span.end,
            )
        )
    return drafts


def _task_draft(run: IngestRun, order: int, task: Task, body: str, registry: dict[str, Unit]) -> DraftItem:
    target = task.target
    value = target.value if target and target.value is not None else (target.low if target else None)
    return DraftItem(
        run=run,
        order=order,
        kind=DraftKind.TASK,
        title=display_punctuation(task.text)[:500],
        sentence=display_punctuation(body[task.span.start : task.span.end]),
        span_start=task.span.start,
        span_end=task.span.end,
        section=display_punctuation(task.section)[:300],
        deadline=task.deadline.last_day if task.deadline else None,
        deadline_text=(task.deadline.render() if task.deadline else "")[:100],
        target_value=Decimal(str(value)) if value is not None else None,
        target_unit=(target.unit if target else "")[:30],
        owner_text=task.owner[:200],
        lead_unit=registry.get(task.owner),
        cooperating=list(task.cooperating),
        reported_done=task.status == "done",
    )


DRAFT_FIELDS = ("title", "deadline", "target_value", "target_unit", "lead_unit", "section")


@transaction.atomic
def draft_update(*, actor: User, draft: DraftItem, **changes: Any) -> DraftItem:
    """Edit a draft before accepting it."""
    check_ingest(actor)
    if draft.status == DraftStatus.ACCEPTED:
        raise DomainError(ErrorCode.INVALID, _("This draft is already an item; edit the item instead."))
    for name, value in changes.items():
        if name not in DRAFT_FIELDS:
            raise ValueError(f"unknown draft field: {name}")
        setattr(draft, name, value)
    if not draft.title.strip():
        raise DomainError(ErrorCode.INVALID, _("A draft needs a title."), field="title")
    draft.save(update_fields=list(changes))
    audit_record(actor=actor, action="draft.update", obj=draft, after={k: str(v) for k, v in changes.items()})
    return draft


@transaction.atomic
def drafts_reject(*, actor: User, drafts: Iterable[DraftItem]) -> int:
    check_ingest(actor)
    ids = [d.pk for d in drafts if d.status == DraftStatus.PENDING]
    DraftItem.objects.filter(pk__in=ids).update(status=DraftStatus.REJECTED)
    for draft_id in ids:
        audit_record(actor=actor, action="draft.reject", object_type="ingest.draftitem", object_id=draft_id)
    return len(ids)


@transaction.atomic
def drafts_accept(
    *, actor: User, drafts: Iterable[DraftItem], source: Source, parent: Item | None = None
) -> list[Item]:
    """Create items from drafts under ``source`` (and ``parent``), grouped by section.

    Drafts that share a section heading go under one item named after it, so
    the ledger keeps the document's structure. All or nothing.
    """
    check_ingest(actor)
    # The source's tree first (the items take numbers there), then the drafts as they are
    # now, locked: two accepts of one draft queue up and the second finds it accepted.
    tree_lock(source.pk)
    pending = DraftItem.objects.select_for_update().filter(
        pk__in=[d.pk for d in drafts], status=DraftStatus.PENDING
    ).order_by("order", "pk")
    registry = unit_registry()
    created: list[Item] = []
    groups: dict[str, Item] = {}
    for draft in pending:
        under = parent
        if draft.section and draft.kind == DraftKind.TASK:
            if draft.section not in groups:
                groups[draft.section] = item_create(
                    actor=actor, source=source, parent=parent, kind="measure", title=draft.section
                )
            under = groups[draft.section]
        item = item_create(
            actor=actor,
            source=source,
            parent=under,
            kind="problem" if draft.kind == DraftKind.PROBLEM else "task",
            title=draft.title,
            content=draft.sentence,
            deadline=draft.deadline,
            lead_unit=draft.lead_unit,
            target_value=draft.target_value,
            target_unit=draft.target_unit,
            cooperating_units=[registry[name] for name in draft.cooperating if name in registry],
        )
        draft.status, draft.item = DraftStatus.ACCEPTED, item
        draft.save(update_fields=["status", "item"])
        audit_record(actor=actor, action="draft.accept", obj=draft, after={"item": item.pk})
        created.append(item)
    return created
