"""The user's notifications (通知): the list, and marking one or all read. Every role has them."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from duban.core.errors import NotFound
from duban.org.models import User
from duban.supervision.context import unread_for
from duban.supervision.notifications import notification_rows, notifications_of
from duban.supervision.services.notification import notification_mark_all_read, notification_mark_read
from duban.supervision.views.common import PAGE_SIZE


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's own notifications, newest first, unread ones marked; items linked only if in scope."""
    user = cast(User, request.user)
    page = Paginator(notifications_of(user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = notification_rows(user, list(page.object_list))
    return render(
        request, "supervision/notifications.html", {"page": page, "rows": rows, "unread": unread_for(request)}
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    try:
        notification_mark_read(actor=cast(User, request.user), notification_id=notification_id)
    except NotFound as exc:
        raise Http404 from exc
    return redirect(_back(request))


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    marked = notification_mark_all_read(actor=cast(User, request.user))
    messages.success(request, _("Marked as read: %(n)d.") % {"n": marked})
    return redirect("supervision:notifications")


def _back(request: HttpRequest) -> str:
    """Back to the page of the list the user was on (a local path only)."""
    page = request.POST.get("page", "")
    base = reverse("supervision:notifications")
    return f"{base}?page={page}" if page.isdigit() else base
