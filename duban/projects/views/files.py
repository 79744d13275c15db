"""Progress photos (形象进度照片): served only to those who may see the project, never by URL.

``photo_preview`` shows a photo inline when its content is PNG, JPEG or GIF (the
thumbnail on the project page is this, scaled by CSS); ``photo_download`` sends it
as a file. Both go through :func:`duban.projects.policy.access_photo`.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.views.decorators.http import require_GET

from duban.core.downloads import stored_file_download, stored_photo_preview
from duban.projects import policy
from duban.projects.models import ReportPhoto
from duban.projects.views.common import or_404


def _photo_or_404(request: HttpRequest, photo_id: int) -> ReportPhoto:
    return or_404(lambda: policy.access_photo(request.user, photo_id))


@login_required
@require_GET
def photo_download(request: HttpRequest, photo_id: int) -> FileResponse:
    photo = _photo_or_404(request, photo_id)
    return stored_file_download(photo.file, name=photo.original_name)


@login_required
@require_GET
def photo_preview(request: HttpRequest, photo_id: int) -> HttpResponseBase:
    """The photo inline, typed by its content; anything else goes to the download."""
    photo = _photo_or_404(request, photo_id)
    download = reverse("projects:photo", args=[photo.pk])
    return stored_photo_preview(photo.file, name=photo.original_name, download_url=download)
