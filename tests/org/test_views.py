"""Organisation pages (duban/org/views.py): reading in scope, administrators writing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from duban.audit.models import AuditEvent
from duban.core.roles import Role
from duban.org.models import LeaderUnit, Person, Unit, User
from tests.conftest import PASSWORD
from tests.org.factories import make_person, make_unit, make_user
from tests.org.workbooks import workbook_bytes

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


# --- reading ----------------------------------------------------------------------------


def test_unit_list_shows_the_tree_and_edit_buttons_to_the_admin(admin: User) -> None:
    # given
    top = make_unit(name="开发区管委会", sort_order=1)
    make_unit(name="经济发展局", parent=top, sort_order=2)
    # when
    page = client_for(admin).get(reverse("org:unit_list"))
    # then
    assert page.status_code == 200
    rows = [row.unit.name for row in page.context["page"].object_list]
    assert rows.index("开发区管委会") + 1 == rows.index("经济发展局")
    depths = {row.unit.name: row.depth for row in page.context["page"].object_list}
    assert depths["经济发展局"] == 1
    assert b'data-testid="unit-edit"' in page.content and b'data-testid="unit-create"' in page.content


def test_unit_list_filters_by_kind_active_and_name(admin: User) -> None:
    make_unit(name="张坂镇", kind="town")
    make_unit(name="旧镇", kind="town", is_active=False)
    client = client_for(admin)

    def names(query: dict[str, str]) -> list[str]:
        return [r.unit.name for r in client.get(reverse("org:unit_list"), query).context["page"]]

    assert names({"kind": "town"}) == ["张坂镇", "旧镇"]
    assert names({"kind": "town", "active": "0"}) == ["旧镇"]
    assert names({"q": "张坂"}) == ["张坂镇"]


def test_a_liaison_sees_own_unit_without_edit_buttons(liaison_a: User, unit_a: Unit, unit_b: Unit) -> None:
    # when
    page = client_for(liaison_a).get(reverse("org:unit_list"))
    # then
    assert [r.unit for r in page.context["page"]] == [unit_a]
    assert b'data-testid="unit-edit"' not in page.content and b'data-testid="unit-create"' not in page.content
    detail = client_for(liaison_a).get(reverse("org:unit_detail", args=[unit_a.pk]))
    assert detail.status_code == 200 and b'data-testid="unit-edit"' not in detail.content


def test_person_list_filters_by_unit_and_name(admin: User, unit_a: Unit, unit_b: Unit) -> None:
    make_person(name="林一", unit=unit_a)
    make_person(name="林二", unit=unit_b)
    make_person(name="陈三", unit=unit_a, position="局长")
    client = client_for(admin)

    def names(query: dict[str, str | int]) -> list[str]:
        return sorted(p.name for p in client.get(reverse("org:person_list"), query).context["page"])

    assert names({"unit": unit_a.pk, "q": "林"}) == ["林一"]
    assert names({"q": "局长"}) == ["陈三"]


def test_person_list_shows_units_overseen(admin: User, leader_a: User, unit_a: Unit) -> None:
    page = client_for(admin).get(reverse("org:person_list"), {"unit": leader_a.unit_id or ""})
    assert unit_a.name in page.content.decode()


def test_markup_in_names_is_escaped(admin: User) -> None:
    make_unit(name="<script>alert(1)</script>局")
    page = client_for(admin).get(reverse("org:unit_list"))
    assert b"<script>alert(1)" not in page.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page.content


def test_pages_need_a_login(unit_a: Unit) -> None:
    page = Client().get(reverse("org:unit_detail", args=[unit_a.pk]))
    assert page.status_code == 302 and reverse("accounts:login") in page["Location"]


# --- units: create and edit ---------------------------------------------------------------


def test_admin_creates_and_edits_a_unit(admin: User) -> None:
    client = client_for(admin)
    # when
    created = client.post(
        reverse("org:unit_create"),
        {
            "name": "经济发展局",
            "short_name": "经发局",
            "kind": "department",
            "sort_order": 10,
            "is_active": "on",
        },
    )
    # then
    unit = Unit.objects.get(name="经济发展局")
    assert created.status_code == 302 and created["Location"] == reverse("org:unit_detail", args=[unit.pk])
    parent = make_unit(name="开发区管委会")
    edited = client.post(
        reverse("org:unit_edit", args=[unit.pk]),
        {
            "name": "经济发展局",
            "short_name": "经发",
            "kind": "department",
            "parent": parent.pk,
            "sort_order": 5,
        },
    )
    assert edited.status_code == 302
    unit.refresh_from_db()
    assert (unit.short_name, unit.parent_id, unit.sort_order, unit.is_active) == ("经发", parent.pk, 5, False)
    assert list(
        AuditEvent.objects.filter(object_id=str(unit.pk), object_type="org.unit").values_list(
            "action", flat=True
        )
    ) == ["unit.update", "unit.create"]


def test_unit_edit_form_is_prefilled(admin: User, unit_a: Unit) -> None:
    page = client_for(admin).get(reverse("org:unit_edit", args=[unit_a.pk]))
    assert page.status_code == 200 and page.context["form"]["name"].value() == unit_a.name


def test_duplicate_name_and_cycle_are_shown_on_the_form_and_nothing_is_written(admin: User) -> None:
    # given
    top = make_unit(name="甲")
    child = make_unit(name="乙", parent=top)
    client = client_for(admin)
    events = AuditEvent.objects.count()
    # when
    dup = client.post(reverse("org:unit_create"), {"name": "甲", "kind": "department", "sort_order": 1})
    cycle = client.post(
        reverse("org:unit_edit", args=[top.pk]),
        {"name": "甲", "kind": "department", "sort_order": 1, "parent": child.pk},
    )
    # then
    assert dup.status_code == 400 and "name" in dup.context["form"].errors
    assert cycle.status_code == 400 and "parent" in cycle.context["form"].errors
    top.refresh_from_db()
    assert top.parent_id is None and AuditEvent.objects.count() == events


def test_missing_fields_are_named(admin: User) -> None:
    page = client_for(admin).post(reverse("org:unit_create"), {"name": "", "kind": "nonsense"})
    assert set(page.context["form"].errors) >= {"name", "kind", "sort_order"}


# --- permissions: 403 in scope, 404 out of scope -----------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_non_admin_gets_403_on_edit_urls_in_scope(method: str, liaison_a: User, unit_a: Unit) -> None:
    person = make_person(unit=unit_a)
    client = client_for(liaison_a)
    for url in (
        reverse("org:unit_create"),
        reverse("org:unit_edit", args=[unit_a.pk]),
        reverse("org:person_create"),
        reverse("org:person_edit", args=[person.pk]),
        reverse("org:user_list"),
        reverse("org:user_create"),
        reverse("org:user_edit", args=[liaison_a.pk]),
        reverse("org:user_password_reset", args=[liaison_a.pk]),
        reverse("org:import"),
        reverse("org:import_template"),
    ):
        response = getattr(client, method)(url, {"name": "x", "kind": "town", "sort_order": 1})
        assert response.status_code == 403, url
    unit_a.refresh_from_db()
    assert unit_a.name != "x"


@pytest.mark.parametrize("method", ["get", "post"])
def test_non_admin_gets_404_on_edit_urls_out_of_scope(method: str, liaison_a: User, unit_b: Unit) -> None:
    person = make_person(unit=unit_b)
    client = client_for(liaison_a)
    for url in (reverse("org:unit_edit", args=[unit_b.pk]), reverse("org:person_edit", args=[person.pk])):
        assert getattr(client, method)(url, {"name": "x"}).status_code == 404, url


def test_missing_objects_are_404_for_the_admin(admin: User) -> None:
    client = client_for(admin)
    for name in ("org:unit_detail", "org:unit_edit", "org:person_detail", "org:person_edit", "org:user_edit"):
        assert client.get(reverse(name, args=[999999])).status_code == 404, name


# --- people ----------------------------------------------------------------------------


def test_admin_creates_a_person_with_units_overseen_then_edits_them(
    admin: User, unit_a: Unit, unit_b: Unit
) -> None:
    client = client_for(admin)
    # when
    created = client.post(
        reverse("org:person_create"),
        {
            "name": "林一",
            "position": "副主任",
            "unit": unit_a.pk,
            "sort_order": 1,
            "is_active": "on",
            "oversees": [unit_a.pk, unit_b.pk],
            "email": "lin@example.cn",
        },
    )
    # then
    person = Person.objects.get(name="林一")
    assert created.status_code == 302
    assert set(person.oversees.all()) == {unit_a, unit_b}
    edited = client.post(
        reverse("org:person_edit", args=[person.pk]),
        {
            "name": "林一",
            "position": "主任",
            "unit": unit_a.pk,
            "sort_order": 1,
            "is_active": "on",
            "oversees": [unit_b.pk],
        },
    )
    assert edited.status_code == 302
    person.refresh_from_db()
    assert person.position == "主任" and list(person.oversees.all()) == [unit_b]
    assert AuditEvent.objects.filter(action="person.oversees", object_id=str(person.pk)).count() == 2


def test_person_form_refuses_a_bad_email(admin: User, unit_a: Unit) -> None:
    page = client_for(admin).post(
        reverse("org:person_create"), {"name": "林一", "unit": unit_a.pk, "sort_order": 1, "email": "nope"}
    )
    assert page.status_code == 400 and "email" in page.context["form"].errors
    assert not Person.objects.filter(name="林一").exists()


def test_person_detail_in_scope(leader_a: User, unit_a: Unit, unit_b: Unit) -> None:
    mine = make_person(unit=unit_a)
    theirs = make_person(unit=unit_b)
    client = client_for(leader_a)
    assert client.get(reverse("org:person_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("org:person_detail", args=[theirs.pk])).status_code == 404


# --- users -----------------------------------------------------------------------------


def test_admin_creates_a_user_with_roles_and_the_person_unit(admin: User, unit_a: Unit) -> None:
    person = make_person(unit=unit_a)
    # when
    response = client_for(admin).post(
        reverse("org:user_create"),
        {
            "username": "lin",
            "person": person.pk,
            "roles": [Role.LIAISON, Role.STATISTICIAN],
            "is_active": "on",
            "password1": "a-Long-enough-pass",
            "password2": "a-Long-enough-pass",
        },
    )
    # then
    assert response.status_code == 302
    user = User.objects.get(username="lin")
    assert user.unit == unit_a and user.person == person
    assert user.role_set == {Role.LIAISON, Role.STATISTICIAN}
    assert user.check_password("a-Long-enough-pass")


@pytest.mark.parametrize(
    ("password", "again"),
    [("short", "short"), ("1234567890123", "1234567890123"), ("a-Long-enough-pass", "different-Pass-123")],
    ids=["too-short", "numeric", "mismatch"],
)
def test_user_create_checks_the_password(admin: User, password: str, again: str) -> None:
    page = client_for(admin).post(
        reverse("org:user_create"),
        {
            "username": "lin",
            "roles": [Role.LIAISON],
            "password1": password,
            "password2": again,
        },
    )
    assert page.status_code == 400 and {"password1", "password2"} & set(page.context["form"].errors)
    assert not User.objects.filter(username="lin").exists()


def test_user_create_refuses_a_taken_name(admin: User) -> None:
    page = client_for(admin).post(
        reverse("org:user_create"),
        {
            "username": admin.username,
            "roles": [Role.LIAISON],
            "password1": "a-Long-enough-pass",
            "password2": "a-Long-enough-pass",
        },
    )
    assert "username" in page.context["form"].errors


def test_admin_edits_roles_unit_and_deactivates(admin: User, liaison_a: User, unit_b: Unit) -> None:
    response = client_for(admin).post(
        reverse("org:user_edit", args=[liaison_a.pk]),
        {
            "username": "liaison_renamed",
            "person": liaison_a.person_id,
            "unit": unit_b.pk,
            "roles": [Role.STATISTICIAN],
        },
    )
    assert response.status_code == 302
    liaison_a.refresh_from_db()
    liaison_a.__dict__.pop("_role_cache", None)
    assert (liaison_a.username, liaison_a.unit, liaison_a.is_active) == ("liaison_renamed", unit_b, False)
    assert liaison_a.role_set == {Role.STATISTICIAN}


def test_admin_cannot_lock_themselves_out(admin: User) -> None:
    page = client_for(admin).post(
        reverse("org:user_edit", args=[admin.pk]),
        {
            "username": admin.username,
            "roles": [Role.LIAISON],
            "is_active": "on",
        },
    )
    assert page.status_code == 400 and "roles" in page.context["form"].errors
    admin.__dict__.pop("_role_cache", None)
    assert Role.ADMIN in User.objects.get(pk=admin.pk).role_set


def test_user_list_filters(admin: User, liaison_a: User, supervisor: User) -> None:
    client = client_for(admin)

    def names(query: dict[str, str]) -> list[str]:
        return [u.username for u in client.get(reverse("org:user_list"), query).context["page"]]

    assert names({"role": Role.SUPERVISOR}) == ["sup1"]
    assert names({"q": "liaison"}) == ["liaison_a"]


def test_admin_resets_a_password_with_the_validators(admin: User, liaison_a: User) -> None:
    client = client_for(admin)
    url = reverse("org:user_password_reset", args=[liaison_a.pk])
    weak = client.post(url, {"password1": "123", "password2": "123"})
    assert weak.status_code == 400 and weak.context["form"].errors
    ok = client.post(url, {"password1": "new-Secret-pass-1", "password2": "new-Secret-pass-1"})
    assert ok.status_code == 302
    liaison_a.refresh_from_db()
    assert liaison_a.check_password("new-Secret-pass-1") and not liaison_a.check_password(PASSWORD)
    assert AuditEvent.objects.filter(action="user.password_change", actor=admin).exists()


# --- import page ----------------------------------------------------------------------------


def _upload(name: str, data: bytes) -> object:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_import_page_previews_then_imports_on_confirmation(admin: User) -> None:
    # given
    make_unit(name="财政局", kind="department")
    data = workbook_bytes(
        [("财政局", "财政", "部门", None, 1), ("税务所", "", "部门", "财政局", 2)],
        [("林一", "局长", "财政局", "", "", "")],
    )
    client = client_for(admin)
    events = AuditEvent.objects.count()
    # when the workbook is uploaded
    page = client.post(reverse("org:import"), {"file": _upload("org.xlsx", data)})
    # then it is previewed and nothing is written
    assert page.status_code == 200
    preview = page.context["preview"]
    assert [(c.sheet, c.row, c.kind, c.fields) for c in preview.changes] == [
        ("单位", 2, "update", ("简称", "排序")),
        ("单位", 3, "create", ()),
        ("人员", 2, "create", ()),
    ]
    assert 'data-testid="import-confirm"' in page.content.decode()
    assert not Unit.objects.filter(name="税务所").exists() and AuditEvent.objects.count() == events
    # when the preview is confirmed
    done = client.post(reverse("org:import"), {"token": page.context["token"]})
    # then the same file is imported
    assert done.status_code == 302 and done["Location"] == reverse("org:unit_list")
    assert Person.objects.filter(name="林一", unit__name="财政局").exists()
    assert Unit.objects.get(name="税务所").parent == Unit.objects.get(name="财政局")
    # and the token is spent
    again = client.post(reverse("org:import"), {"token": page.context["token"]})
    assert again.status_code == 400 and "已不再保留" in again.content.decode()


def test_import_token_is_the_uploaders_only(admin: User) -> None:
    # given a preview by one administrator
    data = workbook_bytes([("财政局", "", "部门", None, 1)], [])
    preview = client_for(admin).post(reverse("org:import"), {"file": _upload("org.xlsx", data)})
    token = preview.context["token"]
    # when another administrator confirms it
    other = make_user(Role.ADMIN, username="admin2")
    page = client_for(other).post(reverse("org:import"), {"token": token})
    # then
    assert page.status_code == 400 and not Unit.objects.filter(name="财政局").exists()


def test_import_page_lists_problems_in_chinese_and_writes_nothing(admin: User) -> None:
    data = workbook_bytes([("财政局", "", "科室", None, 1)], [("林一", "局长", "某某局", "", "", "")])
    page = client_for(admin).post(reverse("org:import"), {"file": _upload("org.xlsx", data)})
    assert page.status_code == 400
    assert [(i.sheet, i.row, i.column) for i in page.context["issues"]] == [
        ("单位", 2, "类型"),
        ("人员", 2, "所在单位"),
    ]
    body = page.content.decode()
    assert "没有名为“某某局”的单位" in body and 'data-testid="import-issues"' in body
    assert "org.xlsx：发现 2 处问题，未导入任何数据。" in body
    assert "preview" not in page.context and not Unit.objects.filter(name="财政局").exists()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("名单.docx", b"PK\x03\x04", "名单.docx：不接受此类文件"),
        ("名单.xlsx", b"name,unit\n", "名单.xlsx：文件内容不是 .xlsx 格式"),
    ],
    ids=["wrong-type", "renamed-csv"],
)
def test_import_page_names_a_wrong_file(admin: User, name: str, data: bytes, expected: str) -> None:
    page = client_for(admin).post(reverse("org:import"), {"file": _upload(name, data)})
    assert page.status_code == 400 and expected in page.content.decode()


def test_import_page_refuses_an_oversize_file(admin: User, settings: object) -> None:
    settings.UPLOAD_MAX_BYTES = 1024  # type: ignore[attr-defined]
    data = workbook_bytes([("财政局", "", "部门", None, 1)], [])
    page = client_for(admin).post(reverse("org:import"), {"file": _upload("org.xlsx", data)})
    assert page.status_code == 400 and "org.xlsx：文件超过 1 KB。" in page.content.decode()
    assert not Unit.objects.filter(name="财政局").exists()


def test_import_template_downloads(admin: User) -> None:
    response = client_for(admin).get(reverse("org:import_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"] and response.content[:2] == b"PK"


def test_leader_link_factory_still_works(leader_a: User, unit_a: Unit) -> None:
    assert LeaderUnit.objects.filter(leader=leader_a.person, unit=unit_a).exists()
    assert make_user(Role.ADMIN).role_set == {Role.ADMIN}


def test_every_admin_form_renders(admin: User, liaison_a: User, unit_a: Unit) -> None:
    client = client_for(admin)
    person = make_person(unit=unit_a)
    for url in (
        reverse("org:unit_create"),
        reverse("org:unit_edit", args=[unit_a.pk]),
        reverse("org:person_create") + f"?unit={unit_a.pk}",
        reverse("org:person_edit", args=[person.pk]),
        reverse("org:user_list"),
        reverse("org:user_create"),
        reverse("org:user_edit", args=[liaison_a.pk]),
        reverse("org:user_password_reset", args=[liaison_a.pk]),
        reverse("org:import"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b'name="csrfmiddlewaretoken"' in response.content or url == reverse("org:user_list"), url
