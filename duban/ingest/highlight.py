"""The cleaned text with each draft's sentence marked, escaped piece by piece."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from duban.ingest.models import DraftItem


def highlighted_body(body: str, drafts: Iterable[DraftItem]) -> SafeString:
    """HTML of ``body`` with ``<mark id="s-<draft>">`` around each draft's span.

    Every piece of text is escaped. A draft overlapping an earlier one (a
    problem inside a task's sentence) gets an anchor at the start of the
    enclosing mark, so "show in text" still lands on its sentence.
    """
    parts: list[str] = []
    cursor = 0
    for draft in sorted(drafts, key=lambda d: (d.span_start, d.order)):
        if draft.span_end > len(body):
            continue
        if draft.span_start < cursor:
            parts.insert(len(parts) - 1, format_html('<span id="s-{}"></span>', draft.pk))
            continue
        parts.append(escape(body[cursor:draft.span_start]))
        parts.append(format_html('<mark id="s-{}" class="draft-{}" data-draft="{}">{}</mark>', draft.pk,
                                 draft.status, draft.pk, body[draft.span_start:draft.span_end]))
        cursor = draft.span_end
    parts.append(escape(body[cursor:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part above is escaped
