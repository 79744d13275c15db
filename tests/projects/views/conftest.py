"""Shared set-up for the project pages: a project office, a project led by unit A with reports."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from duban.core import clock
from duban.org.models import Unit, User
from duban.projects.models import MonthlyReport, Project
from tests.projects.factories import make_officer, make_project, make_report

TODAY = dt.date(2019, 9, 16)


def png(width: int = 24, height: int = 16) -> bytes:
    """A real (decodable) PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x2e\x9d\x4a" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def photo(name: str = "现场照片.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png(), "image/png")


def client_for(user: User, language: str = "zh-hans") -> Client:
    """A signed-in client; the pages answer in Chinese, the product's language."""
    client = Client(headers={"accept-language": language})
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with clock.frozen(TODAY):
        yield


@pytest.fixture
def officer(db: None) -> User:
    return make_officer()


@pytest.fixture
def project_a(officer: User, unit_a: Unit) -> Project:
    """Unit A's project, 20 points behind its time-proportional plan in August (47% of 67%)."""
    return make_project(officer, unit_a, name="区第二供水通道连通工程", annual_investment=Decimal(15000))


@pytest.fixture
def report_a(liaison_a: User, project_a: Project) -> MonthlyReport:
    return make_report(
        liaison_a, project_a, 8, 7050, problems="穿越高速公路段顶管施工许可尚待协调。", files=[photo()]
    )
