"""The shape every form page shares: valid input → one service call → a message and a redirect.

A DomainError from the service is shown on the form (on the field it names),
whose input is kept; the re-rendered page answers with a status that says why
(400 bad input, 403 not allowed, 409 conflict or wrong state).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from duban.core.errors import DomainError, ErrorCode
from duban.web.forms import apply_domain_error

T = TypeVar("T")

ERROR_STATUS: Mapping[ErrorCode, int] = {
    ErrorCode.CONFLICT: 409,
    ErrorCode.PERMISSION_DENIED: 403,
    ErrorCode.TRANSITION_NOT_ALLOWED: 409,
}


def refused_status(error: DomainError) -> int:
    """The status a page refused by a service answers with: 403 not allowed, 409 conflict, else 400."""
    return ERROR_STATUS.get(error.code, 400)


def form_status(*forms_shown: forms.BaseForm) -> int:
    """400 if a submitted form on the page is refused (has errors), else 200."""
    return 400 if any(f.is_bound and f.errors for f in forms_shown) else 200


def handle_form(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    perform: Callable[[dict[str, Any]], T],
    done: Callable[[T], str],
    then: Callable[[T], str],
    template: str,
    context: Mapping[str, Any],
) -> HttpResponse:
    """Run ``perform`` on a valid POST; ``done`` words the success, ``then`` names where to go."""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            result = perform(form.cleaned_data)
        except DomainError as exc:
            apply_domain_error(form, exc)
            status = refused_status(exc)
        else:
            messages.success(request, done(result))
            return redirect(then(result))
    elif request.method == "POST":
        status = 400
    return render(request, template, {**context, "form": form}, status=status)
