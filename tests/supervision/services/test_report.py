"""Progress reports: immutable, corrections as new reports, evidence checked, scope enforced."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duban.core import clock
from duban.core.errors import DomainError, ErrorCode, NotFound
from duban.supervision.models import Attachment, ProgressReport
from duban.supervision.services.report import delivery_judge, instruction_add, report_submit
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action, State
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 40


@pytest.fixture
def item(supervisor, unit_a, liaison_a):
    it = make_item(supervisor, make_source(supervisor), lead_unit=unit_a, start_date=dt.date(2019, 1, 14))
    item_transition(item=it, action=Action.ASSIGN, actor=supervisor)
    item_transition(item=it, action=Action.ACKNOWLEDGE, actor=liaison_a)
    return it


def test_first_report_starts_the_work_and_updates_progress(item, liaison_a) -> None:
    with clock.frozen(dt.date(2019, 3, 1)):
        report = report_submit(actor=liaison_a, item=item, text="已完成规划初稿", percent=40,
                               files=[SimpleUploadedFile("照片.png", PNG, "image/png")])
    item.refresh_from_db()
    assert item.state == State.IN_PROGRESS and item.progress_percent == 40
    assert report.attachments.get().original_name == "照片.png"


def test_reports_are_immutable_and_corrections_point_back(item, liaison_a) -> None:
    first = report_submit(actor=liaison_a, item=item, text="完成40%", percent=40)
    first.text = "改"
    with pytest.raises(RuntimeError):
        first.save()
    fixed = report_submit(actor=liaison_a, item=item, text="更正：完成30%", percent=30, corrects=first)
    assert fixed.corrects == first
    with pytest.raises(DomainError):  # the old one is already corrected
        report_submit(actor=liaison_a, item=item, text="再改", corrects=first)
    assert ProgressReport.objects.get(pk=first.pk).text == "完成40%"


@pytest.mark.parametrize(("name", "content", "code"), [
    ("病毒.exe", b"MZ\x90\x00", ErrorCode.INVALID_FILE),
    ("假图片.png", b"not a png at all", ErrorCode.INVALID_FILE),
    ("空.pdf", b"", ErrorCode.INVALID_FILE),
])
def test_bad_evidence_is_refused_and_nothing_is_stored(item, liaison_a, name, content, code) -> None:
    with pytest.raises(DomainError) as err:
        report_submit(actor=liaison_a, item=item, text="进展", files=[SimpleUploadedFile(name, content)])
    assert err.value.code == code and name in err.value.message
    assert not ProgressReport.objects.exists() and not Attachment.objects.exists()


def test_oversized_evidence_is_refused(item, liaison_a, settings) -> None:
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(DomainError) as err:
        report_submit(actor=liaison_a, item=item, text="进展",
                      files=[SimpleUploadedFile("大.pdf", b"%PDF" + b"0" * 200)])
    assert err.value.code == ErrorCode.FILE_TOO_LARGE
    assert not ProgressReport.objects.exists()


def test_other_units_liaison_cannot_report(item, liaison_b) -> None:
    with pytest.raises(NotFound):
        report_submit(actor=liaison_b, item=item, text="越权")


def test_instruction_and_judgement(item, leader_a, supervisor, liaison_a) -> None:
    instruction_add(actor=leader_a, item=item, text="请加快进度")
    with pytest.raises(DomainError):
        instruction_add(actor=liaison_a, item=item, text="我不是领导")
    with pytest.raises(DomainError) as err:
        delivery_judge(actor=supervisor, item=item, grade="amber_red", reason="")
    assert err.value.code == ErrorCode.REASON_REQUIRED
    delivery_judge(actor=supervisor, item=item, grade="amber_red", reason="征地未完成")
    item.refresh_from_db()
    assert (item.delivery_grade, item.delivery_reason) == ("amber_red", "征地未完成")


def test_a_refused_report_leaves_no_file_on_disk(item, liaison_a, settings, tmp_path) -> None:
    # given a report with a good photo and then a file refused by its content
    settings.MEDIA_ROOT = tmp_path / "uploads"
    files = [SimpleUploadedFile("照片.png", PNG, "image/png"), SimpleUploadedFile("假图片.png", b"not a png")]
    # when
    with pytest.raises(DomainError):
        report_submit(actor=liaison_a, item=item, text="进展", files=files)
    # then neither a row nor a file: the photo written first is deleted with the rollback
    assert not Attachment.objects.exists()
    assert [p for p in (tmp_path / "uploads").rglob("*") if p.is_file()] == []


def test_evidence_is_typed_by_its_checked_kind_not_the_browser(item, liaison_a) -> None:
    upload = SimpleUploadedFile("报告.pdf", b"%PDF-1.4 report", content_type="text/html")
    report_submit(actor=liaison_a, item=item, text="进展", files=[upload])
    assert Attachment.objects.get().content_type == "application/pdf"
