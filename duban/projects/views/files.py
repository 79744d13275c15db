"""Progress photos (形象进度照片): served only to those who may see the project, never by URL.

``photo_preview`` shows a photo inline when its content is PNG, JPEG or GIF (the
thumbnail on the project page is this, scaled by CSS); ``photo_download`` sends it
as a file. Both go through :func:`duban.projects.policy.access_photo`.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.views.decorators.http import require_GET

from duban.core.downloads import file_response
from duban.core.images import HEAD_BYTES, image_type
from duban.projects import policy
from duban.projects.models import ReportPhoto
from duban.projects.views.common import or_404
from duban.supervision.views.files import PREVIEW_CSP


def _photo_or_404(request: HttpRequest, photo_id: int) -> ReportPhoto:
    return or_404(lambda: policy.access_photo(request.user, photo_id))


@login_required
@require_GET
def photo_download(request: HttpRequest, photo_id: int) -> FileResponse:
    photo = _photo_or_404(request, photo_id)
    try:
        handle = photo.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return file_response(handle, name=photo.original_name)


@login_required
@require_GET
def photo_preview(request: HttpRequest, photo_id: int) -> HttpResponseBase:
    """The photo inline, typed by its content; anything else goes to the download."""
    photo = _photo_or_404(request, photo_id)
    try:
        handle = photo.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    kind = image_type(handle.read(HEAD_BYTES))
    if kind is None:
        handle.close()
        return HttpResponseRedirect(reverse("projects:photo", args=[photo.pk]))
    handle.seek(0)
    response = file_response(handle, name=photo.original_name, inline=True, kind=kind)
    response["Content-Security-Policy"] = PREVIEW_CSP
    response["Cache-Control"] = "private, max-age=3600"
    return response
