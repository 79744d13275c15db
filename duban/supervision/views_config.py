"""Settings pages (lights, reminders, robot channels).

Settings are for supervisors and administrators (403 for others). Views parse,
call one service, render. (Notifications: views/notifications.py.)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import exceptions as django_exceptions
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from duban.core.errors import DomainError, NotFound
from duban.org.models import Unit
from duban.org.scope import signed_in
from duban.supervision import policy
from duban.supervision.channels import ChannelError
from duban.supervision.models import LightSettings, ReminderSettings, RobotChannel
from duban.supervision.services.deliveries import deliveries_failed, delivery_retry, failed_rows
from duban.supervision.services.lights import LIGHT_FIELDS, light_settings_update
from duban.supervision.services.reminders import (
    REMINDER_FIELDS,
    reminder_settings_update,
    robot_channel_delete,
    robot_channel_save,
    robot_channel_test,
)
from duban.web.forms import StyledModelForm, apply_domain_error
from duban.web.formview import form_status, handle_form

P = ParamSpec("P")
FAILED_PER_PAGE = 50


def settings_view(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """Login required; supervisors and administrators only (403 otherwise)."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        request = args[0]
        assert isinstance(request, HttpRequest)
        if not policy.may_configure(request.user):
            raise django_exceptions.PermissionDenied
        try:
            return view(*args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    return login_required(wrapper)


class LightSettingsForm(StyledModelForm):
    class Meta:
        model = LightSettings
        fields = LIGHT_FIELDS

    prefix = "lights"


class ReminderSettingsForm(StyledModelForm):
    class Meta:
        model = ReminderSettings
        fields = REMINDER_FIELDS

    prefix = "reminders"


class RobotForm(StyledModelForm):
    webhook_url = forms.URLField(label=gettext_lazy("webhook URL"), max_length=500, assume_scheme="https")
    secret = forms.CharField(
        label=gettext_lazy("signing secret"), required=False, max_length=200,
        widget=forms.PasswordInput(render_value=False),
        help_text=gettext_lazy("DingTalk “SEC…” or Feishu secret; leave empty to keep the stored one."),
    )

    class Meta:
        model = RobotChannel
        fields = ("name", "kind", "webhook_url", "unit", "is_active")  # secret: handled apart

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["unit"].help_text = _(
            "Empty: the supervision office's group (overdue items, escalations).")


def _save_settings(
    request: HttpRequest, form: forms.ModelForm, service: Callable[..., Any]  # type: ignore[type-arg]
) -> bool:
    if not form.is_valid():
        return False
    try:
        service(actor=signed_in(request.user), **form.cleaned_data)
    except DomainError as exc:
        apply_domain_error(form, exc)
        return False
    return True


@settings_view
def settings_home(request: HttpRequest) -> HttpResponse:
    lights = LightSettingsForm(instance=LightSettings.current())
    reminders = ReminderSettingsForm(instance=ReminderSettings.current())
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "lights":
            lights = LightSettingsForm(request.POST, instance=LightSettings.current())
            if _save_settings(request, lights, light_settings_update):
                messages.success(request, _("Light settings saved; every light has been recomputed."))
                return redirect("supervision_config:home")
        elif which == "reminders":
            reminders = ReminderSettingsForm(request.POST, instance=ReminderSettings.current())
            if _save_settings(request, reminders, reminder_settings_update):
                messages.success(request, _("Reminder settings saved."))
                return redirect("supervision_config:home")
    robots = RobotChannel.objects.select_related("unit").order_by("unit__sort_order", "name")
    return render(request, "supervision/config/home.html",
                  {"lights": lights, "reminders": reminders, "robots": robots,
                   "failed_count": deliveries_failed(actor=signed_in(request.user)).count()},
                  status=form_status(lights, reminders))


@settings_view
def robot_edit(request: HttpRequest, robot_id: int | None = None) -> HttpResponse:
    robot = get_object_or_404(RobotChannel, pk=robot_id) if robot_id else None
    form = RobotForm(request.POST or None, instance=robot)

    def save(data: dict[str, Any]) -> RobotChannel:
        data = dict(data)
        if robot is not None and not data["secret"]:
            data.pop("secret")  # empty: keep the stored secret
        # A fresh copy: the form has already written its input into ``robot``.
        stored = RobotChannel.objects.get(pk=robot.pk) if robot is not None else None
        return robot_channel_save(actor=signed_in(request.user), robot=stored, **data)

    return handle_form(
        request,
        form=form,
        perform=save,
        done=lambda _robot: _("Robot channel saved."),
        then=lambda _robot: reverse("supervision_config:home"),
        template="supervision/config/robot_form.html",
        context={"robot": robot},
    )


@require_POST
@settings_view
def robot_delete(request: HttpRequest, robot_id: int) -> HttpResponse:
    robot_channel_delete(actor=signed_in(request.user), robot=get_object_or_404(RobotChannel, pk=robot_id))
    messages.success(request, _("Robot channel deleted."))
    return redirect("supervision_config:home")


@require_POST
@settings_view
def robot_test(request: HttpRequest, robot_id: int) -> HttpResponse:
    robot = get_object_or_404(RobotChannel, pk=robot_id)
    try:
        robot_channel_test(actor=signed_in(request.user), robot=robot)
    except ChannelError as exc:
        messages.error(request, _("The test message to “%(name)s” failed: %(error)s") % {
            "name": robot.name, "error": exc})
    else:
        messages.success(request, _("A test message was sent to “%(name)s”.") % {"name": robot.name})
    return redirect("supervision_config:home")


@settings_view
def deliveries_failed_list(request: HttpRequest) -> HttpResponse:
    """Mail and robot sends that did not get through, newest first, with the error and a resend button."""
    failed = deliveries_failed(actor=signed_in(request.user))
    page = Paginator(failed, FAILED_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "supervision/config/deliveries_failed.html",
                  {"page": page, "rows": failed_rows(list(page.object_list))})


@require_POST
@settings_view
def delivery_retry_view(request: HttpRequest, log_id: int) -> HttpResponse:
    try:
        log = delivery_retry(actor=signed_in(request.user), log_id=log_id)
    except NotFound:
        messages.info(request, _("This delivery was already sent again."))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if log.ok:
            messages.success(request, _("Sent again."))
        else:
            messages.error(request, _("Sending failed again: %(error)s") % {"error": log.error})
    page = request.POST.get("page", "")
    url = reverse("supervision_config:deliveries_failed")
    return redirect(f"{url}?page={page}" if page.isdigit() else url)
