"""Sources carry their document and annexes; a refused file stores nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duban.audit.models import AuditEvent
from duban.core.errors import DomainError, ErrorCode
from duban.supervision.models import Attachment, Source
from duban.supervision.services.source import source_attach, source_create, source_update
from tests.supervision.factories import make_source

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a small test document\n"


def test_a_source_is_registered_with_its_document(supervisor) -> None:
    source = source_create(
        actor=supervisor, kind="document", title="工作方案", date=dt.date(2019, 3, 1),
        files=[SimpleUploadedFile("方案.pdf", PDF), SimpleUploadedFile("附件.txt", "附件".encode())],
    )
    assert sorted(source.attachments.values_list("original_name", flat=True)) == ["方案.pdf", "附件.txt"]
    assert AuditEvent.objects.filter(action="source.attach", object_id=str(source.pk)).exists()


def test_one_bad_file_stores_none_and_registers_nothing(supervisor) -> None:
    with pytest.raises(DomainError) as err:
        source_create(
            actor=supervisor, kind="document", title="工作方案", date=dt.date(2019, 3, 1),
            files=[SimpleUploadedFile("方案.pdf", PDF), SimpleUploadedFile("病毒.exe", b"MZ\x90")],
        )
    assert err.value.code == ErrorCode.INVALID_FILE and "病毒.exe" in err.value.message
    assert not Source.objects.exists() and not Attachment.objects.exists()


def test_attaching_later_and_updating_without_changes(supervisor) -> None:
    source = make_source(supervisor)
    events = AuditEvent.objects.count()
    source_update(actor=supervisor, source=source)  # nothing changed: nothing recorded
    assert AuditEvent.objects.count() == events
    source_attach(actor=supervisor, source=source, files=[SimpleUploadedFile("反馈意见.pdf", PDF)])
    assert source.attachments.get().original_name == "反馈意见.pdf"


def test_only_the_office_attaches(supervisor, liaison_a) -> None:
    source = make_source(supervisor)
    with pytest.raises(DomainError) as err:
        source_attach(actor=liaison_a, source=source, files=[SimpleUploadedFile("a.pdf", PDF)])
    assert err.value.code == ErrorCode.PERMISSION_DENIED
