"""Evidence download: served only through scope, under the original (Chinese) name."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban.org.models import User
from duban.supervision.models import Attachment, Item
from duban.supervision.services.report import report_submit
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from tests.supervision.views.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def evidence(item_a: Item, liaison_a: User) -> Attachment:
    item_transition(item=item_a, action=Action.ACKNOWLEDGE, actor=liaison_a)
    report_submit(
        actor=liaison_a,
        item=item_a,
        text="已完成",
        files=[SimpleUploadedFile("整改报告.pdf", b"%PDF-1.4 report", content_type="application/pdf")],
    )
    return Attachment.objects.get()


def test_in_scope_users_download_under_the_original_name(
    evidence: Attachment, liaison_a: User, supervisor: User, leader_a: User
) -> None:
    for user in (liaison_a, supervisor, leader_a):
        response = client_for(user).get(reverse("supervision:file", args=[evidence.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 report"  # type: ignore[attr-defined]
        assert "attachment" in response["Content-Disposition"]
        assert "%E6%95%B4%E6%94%B9%E6%8A%A5%E5%91%8A.pdf" in response["Content-Disposition"]


def test_liaison_of_another_unit_gets_404_as_for_a_missing_file(
    evidence: Attachment, liaison_b: User
) -> None:
    client = client_for(liaison_b)
    assert client.get(reverse("supervision:file", args=[evidence.pk])).status_code == 404
    assert client.get(reverse("supervision:file", args=[evidence.pk + 999])).status_code == 404


def test_anonymous_users_do_not_get_the_file(evidence: Attachment) -> None:
    from django.test import Client

    assert Client().get(reverse("supervision:file", args=[evidence.pk])).status_code == 302


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def photo(item_a: Item, liaison_a: User) -> Attachment:
    """A photo whose uploader's browser claimed text/html: the content decides, never the claim."""
    item_transition(item=item_a, action=Action.ACKNOWLEDGE, actor=liaison_a)
    upload = SimpleUploadedFile("现场.png", PNG, "text/html")
    report_submit(actor=liaison_a, item=item_a, text="现场照片", files=[upload])
    return Attachment.objects.get()


def test_a_photo_previews_inline_with_safe_headers(photo: Attachment, supervisor: User) -> None:
    # when
    response = client_for(supervisor).get(reverse("supervision:file_preview", args=[photo.pk]))
    # then
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG  # type: ignore[attr-defined]
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_the_item_page_shows_the_photo_as_a_preview(
    photo: Attachment, supervisor: User, item_a: Item
) -> None:
    body = client_for(supervisor).get(reverse("supervision:item_detail", args=[item_a.pk])).content.decode()
    preview = reverse("supervision:file_preview", args=[photo.pk])
    assert f'<img class="evidence-thumb" src="{preview}"' in body


def test_a_photo_preview_is_out_of_scope_alike_missing(photo: Attachment, liaison_b: User) -> None:
    client = client_for(liaison_b)
    assert client.get(reverse("supervision:file_preview", args=[photo.pk])).status_code == 404
    assert client.get(reverse("supervision:file_preview", args=[photo.pk + 999])).status_code == 404


def test_a_file_that_is_not_a_photo_is_not_shown_inline(evidence: Attachment, supervisor: User) -> None:
    # when: the PDF is asked for as a preview
    response = client_for(supervisor).get(reverse("supervision:file_preview", args=[evidence.pk]))
    # then: it goes to the download, never inline
    assert response.status_code == 302
    assert response["Location"] == reverse("supervision:file", args=[evidence.pk])
    download = client_for(supervisor).get(response["Location"])
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_download_is_typed_by_its_checked_kind_and_cached_privately(
    evidence: Attachment, supervisor: User
) -> None:
    # given a row whose stored type is whatever the uploader's browser once claimed
    Attachment.objects.filter(pk=evidence.pk).update(content_type="text/html")
    # when
    response = client_for(supervisor).get(reverse("supervision:file", args=[evidence.pk]))
    # then
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-cache"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_photo_claimed_as_html_downloads_as_a_photo(photo: Attachment, supervisor: User) -> None:
    response = client_for(supervisor).get(reverse("supervision:file", args=[photo.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"].startswith("private")


def test_a_markup_name_stays_recognisable_and_harmless(
    item_a: Item, liaison_a: User, supervisor: User
) -> None:
    # given evidence named like a script (a name with no folder in it, as the parser leaves it)
    name = '<img src=x onerror="alert(1)">.pdf'
    item_transition(item=item_a, action=Action.ACKNOWLEDGE, actor=liaison_a)
    report_submit(actor=liaison_a, item=item_a, text="进展", files=[SimpleUploadedFile(name, b"%PDF-1.4 x")])
    attachment = Attachment.objects.get()
    assert attachment.original_name == name
    # when
    page = client_for(supervisor).get(reverse("supervision:item_detail", args=[item_a.pk])).content.decode()
    download = client_for(supervisor).get(reverse("supervision:file", args=[attachment.pk]))
    # then: escaped in the page, exact in filename*, and a safe ASCII fallback
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;.pdf" in page
    assert name not in page
    disposition = download["Content-Disposition"]
    assert "filename*=UTF-8''%3Cimg%20src%3Dx%20onerror%3D%22alert%281%29%22%3E.pdf" in disposition
    assert 'filename="_img src_x onerror__alert(1)__.pdf"' in disposition
