"""The demo: idempotent, a realistic mix of states and lights, an intact audit chain."""

from __future__ import annotations

import pytest

from duban.audit.verify import verify_chain
from duban.demo.load import demo_load
from duban.org.models import Unit, User
from duban.supervision.models import DeadlineChange, Item, Notification, ProgressReport, Source, Urge

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_shows_every_light() -> None:
    # given / when
    lines: list[str] = []
    demo_load(say=lines.append)
    counts = (
        Unit.objects.count(),
        User.objects.count(),
        Source.objects.count(),
        Item.objects.count(),
        ProgressReport.objects.count(),
    )
    demo_load(say=lines.append)
    # then: nothing duplicated by the second run
    assert counts == (
        Unit.objects.count(),
        User.objects.count(),
        Source.objects.count(),
        Item.objects.count(),
        ProgressReport.objects.count(),
    )
    lights = set(Item.objects.values_list("light", flat=True))
    assert {"green", "yellow", "red"} <= lights
    # the start-up line is true: it counts the items whose lights were computed (each run),
    # not the ones that changed (none, the second time)
    said = [line for line in lines if line.startswith("lights computed")]
    assert len(said) == 2
    assert all(f": {Item.objects.count()} items (" in line for line in said)
    assert said[1].endswith("(0 changed)")
    states = set(Item.objects.values_list("state", flat=True))
    assert {"draft", "assigned", "acknowledged", "in_progress", "closed"} <= states
    assert any("overdue" in i.light_reasons for i in Item.objects.all())
    assert DeadlineChange.objects.filter(old__isnull=False).exists(), "one extension was granted"
    assert ProgressReport.objects.filter(attachments__isnull=False).exists(), "reports carry evidence"
    # one account per role
    roles = set(User.objects.values_list("roles__role", flat=True))
    assert {
        "admin",
        "supervisor",
        "top_leader",
        "leader",
        "liaison",
        "statistician",
        "project_officer",
    } <= roles
    # the demo's liaison of 经济发展局 finds an urge and an instruction behind the bell
    kinds = set(Notification.objects.filter(user__username="liaison").values_list("kind", flat=True))
    assert {"manual", "instruction"} <= kinds
    assert Urge.objects.exists()
    assert verify_chain().ok


def test_the_run_command_serves_the_demo_as_of_the_demos_own_date() -> None:
    from pathlib import Path

    from duban.demo.supervision_data import AS_OF

    run = (Path(__file__).resolve().parents[2] / "scripts" / "run").read_text(encoding="utf-8")
    assert f"DUBAN_AS_OF=${{DUBAN_AS_OF-{AS_OF.isoformat()}}}" in run
