"""Schemathesis over every API operation: no server error, every answer as the schema says.

Each operation gets generated requests (valid and invalid parameters and bodies, NUL
characters, huge numbers …) on a small zone — two units, a source with an attachment, an
item in each unit, a report, a notification — sent through the WSGI application once with
a liaison's token and once with a supervisor's. Path ids are drawn half the time from the
fixture's real objects, so requests reach the services and not only the 404. Every answer
must be no 5xx, a status the operation documents, JSON where JSON is documented, and a body
its response schema accepts.

Bounded (a few examples per operation, no shrinking phase past the failing example, no
deadline) and deterministic (``derandomize``), so it stays in the suite's time budget.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from duban.accounts.services import token_create
from duban.core.roles import Role
from duban.supervision.models import Notification
from duban.supervision.services.report import report_submit
from duban.supervision.services.source import source_attach
from duban.supervision.services.transition import item_transition
from duban.supervision.workflow import Action
from duban.wsgi import application
from tests.org.factories import make_person, make_unit, make_user
from tests.supervision.factories import make_item, make_source

pytestmark = pytest.mark.django_db
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 8
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# Loaded at collection (no database needed): one test per operation, spread over the xdist workers.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """What Django's test client does: a request's end must not close the test's connection.

    Schemathesis calls the WSGI application directly; without this, PostgreSQL loses the
    connection holding the test's transaction after the first request.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def zone() -> dict[str, Any]:
    """A small zone with objects of every kind the paths name, and the two callers' tokens."""
    unit_a, unit_b = make_unit(name="经济发展局"), make_unit(name="张坂镇", kind="town")
    supervisor = make_user(Role.SUPERVISOR, username="fuzz_sup")
    liaison = make_user(Role.LIAISON, unit=unit_a, username="fuzz_liaison")
    person = make_person(unit=unit_a)
    source = make_source(supervisor)
    source_attach(
        actor=supervisor,
        source=source,
        files=[SimpleUploadedFile("原件.pdf", PDF, content_type="application/pdf")],
    )
    mine = make_item(supervisor, source, lead_unit=unit_a, start_date=dt.date(2019, 1, 14))
    other = make_item(supervisor, source, lead_unit=unit_b, start_date=dt.date(2019, 1, 14))
    item_transition(item=mine, action=Action.ASSIGN, actor=supervisor, comment="")
    item_transition(item=mine, action=Action.ACKNOWLEDGE, actor=liaison, comment="")
    report = report_submit(actor=liaison, item=mine, text="已完成调研", percent=30)
    ids = {
        "item_id": [mine.pk, other.pk],
        "source_id": [source.pk],
        "attachment_id": [a.pk for a in source.attachments.all()],
        "unit_id": [unit_a.pk, unit_b.pk],
        "person_id": [person.pk],
        "notification_id": list(Notification.objects.values_list("pk", flat=True)) or [1],
        "report_id": [report.pk],
    }
    tokens = [token_create(actor=user, name="fuzz")[1] for user in (liaison, supervisor)]
    return {"ids": ids, "tokens": tokens}


@schema.parametrize()
@schema.given(data=st.data())
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error_and_answers_as_documented(case: Any, data: Any, zone: dict[str, Any]) -> None:
    # given: half of the path ids point at real objects, and the action is a real one now and then
    for name in list(case.path_parameters or {}):
        if name in zone["ids"] and data.draw(st.booleans(), label=f"real {name}"):
            case.path_parameters[name] = data.draw(st.sampled_from(zone["ids"][name]), label=name)
        if name == "action" and data.draw(st.booleans(), label="real action"):
            case.path_parameters[name] = data.draw(st.sampled_from([a.value for a in Action]))
    for token in zone["tokens"]:
        # when / then: no 5xx, a documented status, and a body as its schema says
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
