"""The whole demo, module by module, each idempotent."""

from __future__ import annotations

from duban.demo.load_evaluation import demo_load_evaluation
from duban.demo.load_indicators import demo_load_indicators
from duban.demo.load_org import Say, demo_load_org
from duban.demo.load_projects import demo_load_projects
from duban.demo.load_supervision import Cast, demo_load_supervision


def demo_load(*, say: Say) -> None:
    admin = demo_load_org(say=say)
    # Projects first: a reported problem becomes a supervision item, whose light the
    # supervision step then computes with all the others.
    demo_load_projects(cast=Cast(admin), say=say)
    demo_load_supervision(admin=admin, say=say)
    demo_load_indicators(say=say)
    demo_load_evaluation(say=say)
