"""The page flow every spreadsheet import shares: upload → preview → confirm.

1. A valid upload is read and checked whole (``preview``) without writing: a
   refused workbook re-renders the page with every problem by sheet, row and
   column, answering with the status :func:`duban.web.formview.refused_status`
   gives (400 for bad input); an accepted one shows what would be created and
   changed, and the file is kept (:mod:`duban.core.staging`) for its uploader.
2. Confirming (the ``token`` of the preview, the form's other fields again)
   imports that file (``perform``), which checks it again inside the write.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from duban.core import staging
from duban.core.errors import DomainError, ErrorCode
from duban.core.sheets import Preview, SheetError
from duban.web.formview import refused_status

T = TypeVar("T")
Step = Callable[[bytes, str, dict[str, Any]], T]


def handle_import(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    purpose: Callable[[dict[str, Any]], str],
    preview: Step[Preview],
    perform: Step[T],
    done: Callable[[T], str],
    then: Callable[[T], str],
    template: str,
    context: Mapping[str, Any],
) -> HttpResponse:
    """Run an import page; ``form`` has a ``file`` field, ``purpose`` names what a staged file is for."""
    token = request.POST.get("token", "") if request.method == "POST" else ""
    if token:
        form.fields["file"].required = False  # the file was kept at the preview
    page: dict[str, Any] = {**context, "form": form}
    status = 200
    if request.method == "POST" and not form.is_valid():
        status = 400
    elif request.method == "POST":
        data = form.cleaned_data
        try:
            if token:
                return _confirm(
                    request,
                    token=token,
                    purpose=purpose(data),
                    perform=lambda kept: perform(*kept, data),
                    done=done,
                    then=then,
                )
            upload = data["file"]
            content, filename = upload.read(), upload.name or ""
            page["preview"] = preview(content, filename, data)
        except DomainError as exc:
            form.add_error(None, exc.summary if isinstance(exc, SheetError) else exc.message)
            page["issues"] = exc.issues if isinstance(exc, SheetError) else []
            status = refused_status(exc)
        else:
            page["token"] = staging.stage(
                owner=_owner(request), purpose=purpose(data), filename=filename, data=content
            )
    return render(request, template, page, status=status)


def _owner(request: HttpRequest) -> int:
    """The uploader a staged file belongs to (import pages require a login)."""
    assert request.user.pk is not None
    return int(request.user.pk)


def _confirm(
    request: HttpRequest,
    *,
    token: str,
    purpose: str,
    perform: Callable[[tuple[bytes, str]], T],
    done: Callable[[T], str],
    then: Callable[[T], str],
) -> HttpResponse:
    """Import the staged file; a token that is not (or no longer) the user's is refused."""
    kept = staging.staged(token=token, owner=_owner(request), purpose=purpose)
    if kept is None:
        raise DomainError(ErrorCode.INVALID, _("The previewed file is no longer kept; upload it again."))
    result = perform((kept.data, kept.filename))
    staging.discard(token)
    messages.success(request, done(result))
    return redirect(then(result))
