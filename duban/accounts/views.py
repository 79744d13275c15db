"""Login, logout, password change and API tokens."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.accounts import services
from duban.accounts.forms import PasswordChangeForm, TokenCreateForm
from duban.accounts.models import ApiToken
from duban.core.errors import DomainError, NotFound
from duban.org.models import User
from duban.web.forms import apply_domain_error


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_password_change(
                actor=request.user, user=request.user,  # type: ignore[arg-type]
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"],
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            update_session_auth_hash(request, request.user)  # type: ignore[arg-type]
            messages.success(request, _("Your password has been changed."))
            return redirect("web:home")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenCreateForm(request.POST or None)
    raw_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, raw_key = services.token_create(
                actor=request.user, name=form.cleaned_data["name"]  # type: ignore[arg-type]
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            form = TokenCreateForm()
    tokens = ApiToken.objects.filter(user=cast(User, request.user)).order_by("-created_at")
    return render(request, "accounts/tokens.html", {"form": form, "tokens": tokens, "raw_key": raw_key})


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        services.token_revoke(actor=request.user, token_id=token_id)  # type: ignore[arg-type]
    except NotFound as exc:
        # Someone else's token, or one already revoked: nothing to say about it.
        raise Http404(exc.message) from exc
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:tokens")
