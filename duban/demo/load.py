"""The whole demo, module by module, each idempotent."""

from __future__ import annotations

from duban.demo.load_org import Say, demo_load_org


def demo_load(*, say: Say) -> None:
    demo_load_org(say=say)
