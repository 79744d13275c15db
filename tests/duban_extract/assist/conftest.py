from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from tests.duban_extract.assist.fake_server import FakeLLM

REF = dt.date(2019, 3, 1)

# A plan written for these tests: the rules miss task (二) (no action verb they know).
DOC = """关于东湖片区建设的工作方案
一、主要任务
(一)年底前完成东湖大道改造提升工程。
(二)东湖片区全域通气的工作,要在明年春节前见到成效。
(三)加强组织领导,提高政治站位。
以上工作请规划建设与交通局统筹推进。
"""

MISSED = "东湖片区全域通气的工作，要在明年春节前见到成效"  # as a model writes it (full-width comma)
GAS_DEADLINE = "2020-01-24"  # the day before the 2020 Spring Festival (rules), not the model's guess

#: A model answer: one task the rules found (with an owner they lack), one they missed (with a wrong
#: date), one invented, and one malformed entry.
ANSWER: dict[str, Any] = {
    "tasks": [
        {"text": "年底前完成东湖大道改造提升工程", "deadline": "2019-12-31", "owner": "规划建设与交通局"},
        {"text": MISSED, "deadline": "2020-01-01", "owner": None, "cooperating": [], "target": None},
        {"text": "新建东湖体育馆并于2019年10月投入使用", "deadline": "2019-10-31"},
        {"deadline": "2019-05-01"},
    ],
    "problems": [],
}


@pytest.fixture
def llm() -> Iterator[FakeLLM]:
    with FakeLLM() as server:
        yield server
