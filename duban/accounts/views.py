"""Login, logout, password change and API tokens."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.accounts import services
from duban.accounts.forms import PasswordChangeForm, TokenCreateForm
from duban.accounts.models import ApiToken
from duban.core.errors import DomainError, NotFound
from duban.org import services as org_services
from duban.org.models import User
from duban.org.scope import signed_in
from duban.web.forms import apply_domain_error
from duban.web.formview import form_status, handle_form


class LoginView(auth_views.LoginView):
    """Django's login page; refused credentials answer 400, as every refused form does (web/formview.py)."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


LogoutView = auth_views.LogoutView


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)

    def change(data: dict[str, Any]) -> None:
        org_services.user_password_change(
            actor=signed_in(request.user), user=signed_in(request.user),
            old_password=data["old_password"], new_password=data["new_password1"],
        )
        update_session_auth_hash(request, signed_in(request.user))

    return handle_form(
        request,
        form=form,
        perform=change,
        done=lambda _none: _("Your password has been changed."),
        then=lambda _none: reverse("web:home"),
        template="accounts/password_change.html",
        context={},
    )


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenCreateForm(request.POST or None)
    raw_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, raw_key = services.token_create(
                actor=signed_in(request.user), name=form.cleaned_data["name"]
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            form = TokenCreateForm()
    tokens = ApiToken.objects.filter(user=cast(User, request.user)).order_by("-created_at")
    return render(request, "accounts/tokens.html", {"form": form, "tokens": tokens, "raw_key": raw_key},
                  status=form_status(form))


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        services.token_revoke(actor=signed_in(request.user), token_id=token_id)
    except NotFound as exc:
        # Someone else's token, or one already revoked: nothing to say about it.
        raise Http404(exc.message) from exc
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:tokens")
