"""A Chinese page never shows an English message for a refused action, form or import.

Two nets, under the test settings' language (zh-hans, like the product):

- a scan of the code: every message handed to DomainError (and its kin), CommandError,
  ChannelError, ValidationError, a form's ``add_error`` or a flash message is wrapped for
  translation, never a bare English literal or f-string;
- a walk of the refusal paths: services, the upload check, the spreadsheet imports, the
  model validation and HTTP forms are made to refuse, and the message the user reads must
  hold no English sentence (``english_in``). A message wrapped but left out of the
  catalogue fails here too (as does tests/core/test_i18n.py's catalogue check).
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from duban.core.errors import NOT_FOUND_MESSAGES, DomainError, NotFound
from duban.core.uploads import bytes_check
from duban.core.workdays import workdays_between
from duban.org import services as org_services
from duban.org.importers import org_import
from duban.org.models import Unit, User
from duban.reports.ledger_import import ledger_import
from duban.supervision.models import Item, Source
from duban.supervision.services.common import check_version
from duban.supervision.services.followup import followup_schedule
from duban.supervision.services.lights import light_settings_update
from duban.supervision.services.milestone import milestone_add
from duban.supervision.services.reminders import item_urge, parse_days
from duban.supervision.services.report import delivery_judge, instruction_add, report_submit
from duban.supervision.services.transition import item_transition
from duban.supervision.services.tree import item_create, item_move, item_update
from duban.supervision.workflow import Action
from tests.org.workbooks import workbook_bytes
from tests.supervision.factories import make_item, make_source

ROOT = Path(__file__).resolve().parents[2] / "duban"

# Words that stay in Latin letters in a Chinese sentence: formats, protocols, product names.
ALLOWED = re.compile(
    r"https?://\S+|\b[\w.-]+\.(?:xlsx|xlsm|xls|docx|pdf|txt|png|jpg|exe|csv|html)\b|YYYY-MM-DD|"
    r"\b(?:Excel|WPS|HTTP|JSON|API|URL|Webhook|PDF|chinese-calendar|MB|KB)\b",
    re.IGNORECASE,
)
SENTENCE = re.compile(r"[A-Za-z]{3,}[ ,;:'’]+[A-Za-z]{3,}")


def english_in(message: str) -> list[str]:
    """English word pairs left in ``message`` once the allowed Latin tokens are removed."""
    return SENTENCE.findall(ALLOWED.sub(" ", message))


def test_the_detector_sees_english_and_lets_chinese_pass() -> None:
    assert english_in("You may not “销号” this item.")
    assert english_in("事项处于“已交办”状态，the item is closed")
    assert not english_in("您不能对此事项执行“销号”。")
    assert not english_in("照片.png：不是 Excel 文件（应为 .xlsx）。Webhook 返回 HTTP 500")


# --- The code: no bare English message ------------------------------------------------------

MESSAGE_TAKERS = {
    "DomainError",
    "PermissionDenied",
    "SheetError",
    "CommandError",
    "ChannelError",
    "ValidationError",
    "add_error",
    "refuse",
    "_refuse",
    "_row_error",
    "_file_error",
    "success",
    "error",
    "warning",
    "info",
}
# Developer tools whose output is for the programmer, not a user of the product.
DEVELOPER_ONLY = {
    "core/management/commands/i18n_compile.py",  # builds the catalogue
    "reports/management/commands/bench.py",  # benchmark figures
    "generate/management/commands/generate.py",  # benchmark data sets
}


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _bare_english(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(re.search(r"[A-Za-z]{3,}", node.value))
    if isinstance(node, ast.JoinedStr):
        text = "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
        return bool(re.search(r"[A-Za-z]{3,}", text))
    if isinstance(node, ast.BinOp):  # "text" + x, "text %s" % x
        return _bare_english(node.left)
    return False


def test_no_message_that_reaches_a_user_is_a_bare_english_literal() -> None:
    # given every call that hands a message to the user
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "migrations" in path.parts or relative in DEVELOPER_ONLY:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and _name(node.func) in MESSAGE_TAKERS):
                continue
            if _name(node.func) in {"info", "warning", "error"} and "log" in ast.unparse(node.func):
                continue  # the log is for the operator, in English
            # add_error(field, message): the first argument is a field name
            positional = node.args[1:] if _name(node.func) == "add_error" else node.args
            arguments = [
                *positional,
                *(k.value for k in node.keywords if k.arg in {"message", "msg", "error"}),
            ]
            found += [
                f"{relative}:{node.lineno}: {ast.unparse(a)[:80]}" for a in arguments if _bare_english(a)
            ]
    # then each is wrapped for translation (gettext), so the catalogue can carry it
    assert not found, "user-facing messages not wrapped for translation:\n" + "\n".join(found)


# --- The refusal paths, as the user reads them -----------------------------------------------


def _refusal(call: Callable[[], object]) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


def _assert_chinese(message: str) -> None:
    assert message.strip(), "an empty refusal"
    assert not english_in(message), f"English in a refusal read in Chinese: {message!r}"


@pytest.fixture
def item(supervisor: User, unit_a: Unit) -> Item:
    source = make_source(supervisor)
    return make_item(supervisor, source, lead_unit=unit_a, start_date=dt.date(2019, 1, 1))


@dataclass(frozen=True)
class Given:
    """What the refusal cases act on."""

    supervisor: User
    liaison: User
    item: Item
    draft: Item
    other_source: Source
    unit: Unit


CASES: dict[str, Callable[[Given], object]] = {
    "transition not allowed": lambda g: item_transition(
        item=g.item, action=Action.SIGN_OFF, actor=g.supervisor
    ),
    "not your action": lambda g: item_transition(item=g.item, action=Action.CANCEL, actor=g.liaison),
    "assign without a lead unit": lambda g: item_transition(
        item=g.draft, action=Action.ASSIGN, actor=g.supervisor
    ),
    "stale version": lambda g: check_version(g.item, g.item.version - 1),
    "deadline before start": lambda g: item_create(
        actor=g.supervisor,
        source=g.item.source,
        title="甲",
        start_date=dt.date(2019, 5, 1),
        deadline=dt.date(2019, 4, 1),
    ),
    "parent in another source": lambda g: item_create(
        actor=g.supervisor, source=g.other_source, title="乙", parent=g.item
    ),
    "move under itself": lambda g: item_move(actor=g.supervisor, item=g.item, parent=g.item, position=1),
    "blank title (model validation)": lambda g: item_update(actor=g.supervisor, item=g.draft, title=""),
    "report by another unit": lambda g: report_submit(actor=g.supervisor, item=g.item, text="进展"),
    "instruction not by a leader": lambda g: instruction_add(actor=g.supervisor, item=g.item, text="批示"),
    "judgement without a reason": lambda g: delivery_judge(
        actor=g.supervisor, item=g.item, grade="red", reason=""
    ),
    "judgement with an unknown grade": lambda g: delivery_judge(
        actor=g.supervisor, item=g.item, grade="x", reason="r"
    ),
    "follow-up of an open item": lambda g: followup_schedule(
        actor=g.supervisor, item=g.item, date=dt.date(2030, 1, 1)
    ),
    "milestone before the start": lambda g: milestone_add(
        actor=g.supervisor, item=g.item, due=dt.date(2018, 1, 1), title="节点"
    ),
    "light settings crossed": lambda g: light_settings_update(
        actor=g.supervisor, behind_margin=20, far_behind_margin=5
    ),
    "light settings by a liaison": lambda g: light_settings_update(actor=g.liaison, behind_margin=5),
    "reminder days unreadable": lambda g: parse_days("5,abc", field_name="before_deadline"),
    "urging a draft": lambda g: item_urge(actor=g.supervisor, item=g.draft),
    "calendar year unknown": lambda g: workdays_between(dt.date(2099, 1, 1), dt.date(2099, 2, 1)),
    "unit its own ancestor": lambda g: org_services.unit_update(
        actor=g.supervisor, unit=g.unit, parent=g.unit
    ),
    "file too large": lambda g: bytes_check(b"x" * (60 * 1024 * 1024), "大.pdf", kinds={".pdf"}),
    "file empty": lambda g: bytes_check(b"", "空.pdf", kinds={".pdf"}),
    "file of a refused type": lambda g: bytes_check(b"MZ..", "病毒.exe", kinds={".pdf", ".docx"}),
    "file content not its type": lambda g: bytes_check(b"hello", "假.pdf", kinds={".pdf"}),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(CASES))
def test_a_service_refusal_reads_in_chinese(
    case: str, supervisor: User, liaison_a: User, item: Item, unit_a: Unit
) -> None:
    # given a refused call
    given = Given(
        supervisor=supervisor,
        liaison=liaison_a,
        item=item,
        draft=make_item(supervisor, item.source, title="没有牵头单位"),
        other_source=make_source(supervisor, title="另一来源"),
        unit=unit_a,
    )
    # when it is made
    refusal = _refusal(lambda: CASES[case](given))
    # then the message, and each field's, reads in Chinese
    _assert_chinese(refusal.message)
    for message in refusal.fields.values():
        _assert_chinese(message)


@pytest.mark.parametrize("kind", sorted(NOT_FOUND_MESSAGES))
def test_not_found_reads_in_chinese(kind: str) -> None:
    assert not english_in(NotFound(kind).message) and "未找到" in NotFound(kind).message


def _ledger_book(
    rows: list[tuple[object, ...]], header: tuple[str, ...] = ("序号", "事项", "牵头单位", "完成时限")
) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data"),
    [
        (
            "bad rows",
            lambda: _ledger_book(
                [("1", "规划", "不存在的局", "下月"), ("1.x", "", "经济发展局", "2019-12-31")]
            ),
        ),
        ("missing columns", lambda: _ledger_book([("1", "编制规划")], header=("序号", "事项"))),
        ("empty workbook", lambda: _ledger_book([], header=())),
        ("not a workbook", lambda: b"\x89PNG...."),
    ],
)
def test_a_ledger_import_refusal_reads_in_chinese(supervisor: User, unit_a: Unit, name: str, data) -> None:  # noqa: ANN001
    source = make_source(supervisor)
    refusal = _refusal(
        lambda: ledger_import(actor=supervisor, source=source, data=data(), filename="台账.xlsx")
    )
    _assert_chinese(refusal.message)
    for message in refusal.fields.values():
        _assert_chinese(message)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        lambda: workbook_bytes(
            [("经发局", "", "不知道", "不存在的上级", "x")], [("李四", "", "不存在", "", "", "")]
        ),
        lambda: workbook_bytes([], [], sheets=("别的表",)),
    ],
    ids=["bad rows", "no sheets"],
)
def test_an_organisation_import_refusal_reads_in_chinese(admin: User, data) -> None:  # noqa: ANN001
    refusal = _refusal(lambda: org_import(actor=admin, source=data(), filename="组织.xlsx"))
    _assert_chinese(refusal.message)
    for message in refusal.fields.values():
        _assert_chinese(message)


# --- Through HTTP: the refused form's page ---------------------------------------------------

ERRORS = re.compile(
    r'<div class="(?:invalid-feedback[^"]*|alert alert-(?:danger|warning)[^"]*)"[^>]*>(.*?)</div>', re.S
)


def _shown_errors(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", " ", m) for m in ERRORS.findall(html)]


@pytest.mark.django_db
def test_refused_forms_read_in_chinese(supervisor: User, liaison_a: User, item: Item, admin: User) -> None:
    # given refused posts of several forms
    sup, liaison, adm = Client(), Client(), Client()
    sup.force_login(supervisor)
    liaison.force_login(liaison_a)
    adm.force_login(admin)
    item_transition(item=item, action=Action.ASSIGN, actor=supervisor)
    item.refresh_from_db()
    act = reverse("supervision:item_action", args=[item.pk, "cancel"])
    pages = [
        liaison.post(act, {"comment": "x", "version": item.version}),
        sup.post(reverse("supervision:item_action", args=[item.pk, "sign_off"]), {"version": item.version}),
        sup.post(reverse("supervision:item_action", args=[item.pk, "return"]), {"version": item.version}),
        sup.post(reverse("supervision:judgement_edit", args=[item.pk]), {"grade": "amber_red"}),
        sup.post(
            reverse("supervision:milestone_new", args=[item.pk]), {"due": "2018-01-01", "title": "节点"}
        ),
        liaison.post(reverse("supervision:report_new", args=[item.pk]), {"text": "", "percent": 150}),
        adm.post(
            reverse("org:user_create"),
            {"username": supervisor.username, "roles": ["liaison"], "password1": "123", "password2": "123"},
        ),
        adm.post(reverse("org:unit_create"), {"name": "", "kind": "nonsense"}),
    ]
    # then every error the pages show reads in Chinese
    shown = [(page.status_code, text) for page in pages for text in _shown_errors(page.content.decode())]
    assert len({code for code, _ in shown}) >= 2 and len(shown) >= len(pages), shown
    english = [text for _, text in shown if english_in(text)]
    assert not english, english
