"""Ingesting a document: drafts mirror the extraction; accepting creates items; bad input stores nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.core.errors import DomainError, ErrorCode
from duban.ingest.models import DraftItem, DraftStatus, IngestRun
from duban.ingest.services import drafts_accept, drafts_reject, ingest_run
from duban.supervision.models import Item
from duban_extract import extract
from tests.ingest.conftest import PLAN
from tests.org.factories import make_unit
from tests.supervision.factories import make_source

pytestmark = pytest.mark.django_db


def test_run_stores_cleaned_text_and_one_draft_per_task_and_problem(supervisor, plan_bytes) -> None:
    make_unit(name="规划建设与交通局")
    # when
    run = ingest_run(actor=supervisor, data=plan_bytes, name="方案.txt", ref_date=dt.date(2019, 3, 1))
    # then
    expected = extract(PLAN, ref_date=dt.date(2019, 3, 1), units=["规划建设与交通局"])
    assert run.ref_date_source == "caller"
    assert run.drafts.count() == len(expected.tasks) + len(expected.problems)
    for draft in run.drafts.all():
        assert run.body[draft.span_start : draft.span_end] == draft.sentence


def test_a_clear_deadline_and_owner_reach_the_draft(supervisor, plan_bytes) -> None:
    unit = make_unit(name="规划建设与交通局")
    run = ingest_run(actor=supervisor, data=plan_bytes, name="方案.txt", ref_date=dt.date(2019, 3, 1))
    road = run.drafts.filter(title__contains="东湖大道").first()
    assert road is not None, [d.title for d in run.drafts.all()]
    assert road.deadline == dt.date(2019, 12, 31)
    assert road.lead_unit == unit


def test_missing_reference_date_is_asked_for_and_nothing_stored(supervisor, plan_bytes) -> None:
    with pytest.raises(DomainError) as err:
        ingest_run(actor=supervisor, data=plan_bytes, name="方案.txt", ref_date=None)
    assert err.value.fields.get("ref_date")
    assert not IngestRun.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("空.txt", b""),
        ("程序.txt", bytes(range(256)) * 8),
        ("坏.docx", b"PK\x03\x04 not really a zip"),
        ("坏.pdf", b"%PDF-1.4 garbage"),
    ],
)
def test_bad_files_name_the_file_and_store_nothing(supervisor, name, data) -> None:
    with pytest.raises(DomainError) as err:
        ingest_run(actor=supervisor, data=data, name=name, ref_date=dt.date(2019, 3, 1))
    assert err.value.code == ErrorCode.INVALID_FILE
    assert name in err.value.message
    assert not IngestRun.objects.exists() and not DraftItem.objects.exists()


def test_accept_creates_items_under_the_source_and_reject_marks_the_rest(supervisor, plan_bytes) -> None:
    run = ingest_run(actor=supervisor, data=plan_bytes, name="方案.txt", ref_date=dt.date(2019, 3, 1))
    source = make_source(supervisor, kind="document", title="东湖片区工作方案")
    drafts = list(run.drafts.all())
    assert drafts, "the plan yields drafts"
    accepted, rest = drafts[:1], drafts[1:]
    items = drafts_accept(actor=supervisor, drafts=accepted, source=source)
    drafts_reject(actor=supervisor, drafts=rest)
    leaf = items[-1]
    assert leaf.source == source and leaf.title == accepted[0].title and leaf.deadline == accepted[0].deadline
    assert set(DraftItem.objects.values_list("status", flat=True)) <= {
        DraftStatus.ACCEPTED,
        DraftStatus.REJECTED,
    }
    # accepting twice creates nothing more
    count = Item.objects.count()
    drafts_accept(actor=supervisor, drafts=DraftItem.objects.filter(run=run), source=source)
    assert Item.objects.count() == count


def test_only_supervisors_ingest(liaison_a, plan_bytes) -> None:
    with pytest.raises(DomainError) as err:
        ingest_run(actor=liaison_a, data=plan_bytes, name="方案.txt", ref_date=dt.date(2019, 3, 1))
    assert err.value.code == ErrorCode.PERMISSION_DENIED


def test_cooperating_units_named_in_the_text_become_the_items_cooperating_units(supervisor) -> None:
    lead, helper = make_unit(name="规划建设与交通局"), make_unit(name="自然资源局")
    text = "一、主要任务\n（一）年底前完成滨海路拓宽工程，由规划建设与交通局牵头，自然资源局配合。\n"
    run = ingest_run(actor=supervisor, data=text.encode(), name="方案.txt", ref_date=dt.date(2019, 3, 1))
    draft = run.drafts.get(title__contains="滨海路")
    assert draft.lead_unit == lead and draft.cooperating == ["自然资源局"]
    source = make_source(supervisor, kind="document", title="方案")
    item = drafts_accept(actor=supervisor, drafts=[draft], source=source)[-1]
    assert list(item.cooperating_units.all()) == [helper]


def test_chinese_text_is_shown_with_chinese_punctuation_and_spans_still_fit(supervisor, plan_bytes) -> None:
    run = ingest_run(actor=supervisor, data=plan_bytes, name="方案.txt", ref_date=dt.date(2019, 3, 1))
    assert "，" in run.body and "改造提升工程," not in run.body
    for draft in run.drafts.all():
        assert run.body[draft.span_start : draft.span_end] == draft.sentence
        assert "," not in draft.title


def test_an_unreadable_file_is_explained_in_the_users_language(supervisor) -> None:
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(DomainError) as err:
        ingest_run(actor=supervisor, data=b"", name="空.txt", ref_date=dt.date(2019, 3, 1))
    assert err.value.message.startswith("空.txt: ") and "文件" in err.value.message


def test_an_unknown_calendar_year_is_warned_in_chinese(supervisor) -> None:
    # given a document whose working-day deadline falls in a year the official calendar lacks
    text = "关于推进园区建设的工作方案\n一、主要任务\n（一）完成管网铺设，5个工作日内完成。\n"
    # when
    run = ingest_run(actor=supervisor, data=text.encode(), name="方案.txt", ref_date=dt.date(2099, 1, 5))
    # then the review page's warning says so in Chinese, naming the year
    (warning,) = [w for w in run.warnings if "2099" in w]
    assert "2099 年的官方工作日历尚未公布" in warning and "official" not in warning


def test_accepting_drafts_read_before_another_accept_creates_nothing_twice(supervisor, plan_bytes) -> None:
    # given: two reviewers read the same pending drafts; the first accepts them
    run = ingest_run(actor=supervisor, data=plan_bytes, name="方案.txt", ref_date=dt.date(2019, 3, 1))
    source = make_source(supervisor, kind="document", title="东湖片区工作方案")
    first_read, second_read = list(run.drafts.all()), list(run.drafts.all())
    drafts_accept(actor=supervisor, drafts=first_read, source=source)
    count = Item.objects.count()
    # when: the second accepts its copies, which still say "pending"
    again = drafts_accept(actor=supervisor, drafts=second_read, source=source)
    # then: the drafts are read again under the lock, and nothing is created twice
    assert again == [] and Item.objects.count() == count
