"""Metadata lines (元数据): title, publication time, source, authors, editors.

Government portals print labelled fields (信息索引号, 发布机构, 成文日期 …) with
the value on the same or the next line; news sites print one line such as
``2019-07-31 17:53:15 来源: X 责任编辑: Y``. Both are read here and dropped
from the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from duban_extract.types import Person

INFO_LABELS: dict[str, str] = {
    "信息索引号": "index",
    "索引号": "index",
    "文件名称": "title",
    "标题": "title",
    "内容概述": "title",
    "发布机构": "source",
    "发文机关": "source",
    "所属机构": "source",
    "成文日期": "date",
    "发布日期": "date",
    "公开方式": "other",
    "公开范围": "other",
    "主题分类": "other",
    "文号": "other",
    "发文字号": "other",
    "生效日期": "other",
    "有效性": "other",
    "体裁分类": "other",
    "组配分类": "other",
    "公开时限": "other",
}
INFO_LINE = re.compile(r"^(" + "|".join(sorted(INFO_LABELS, key=len, reverse=True)) + r")[::]\s*(.*)$")

_TIMESTAMP = re.compile(
    r"(?P<y>(?:19|20)\d{2})(?:[-/.]|年)(?P<m>\d{1,2})(?:[-/.]|月)(?P<d>\d{1,2})日?"
    r"(?:\s*(?P<H>\d{1,2})[::](?P<M>\d{2})(?:[::](?P<S>\d{2}))?)?"
)
_META_LABEL = re.compile(
    r"(来源|作者|责任编辑|编辑|发布时间|发布日期|日期|时间|浏览量|浏览次数|点击数|阅读量|字号)[::]"
)
_PERSON_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")

BYLINE = re.compile(
    r"^[□■◇◆●○\s]*(?P<org>[\u4e00-\u9fff]{0,10}?)(?P<title>特约记者|见习记者|通讯员|记者)\s*"
    r"(?P<names>[\u4e00-\u9fff]{2,4}(?:[\s、,]+[\u4e00-\u9fff]{2,4}){0,4})\s*$"
)


@dataclass
class Meta:
    """Metadata gathered while cleaning (mutable while collecting)."""

    title: str = ""
    published: datetime | None = None
    source: str = ""
    source_rank: int = 9
    authors: list[str] = field(default_factory=list)
    credits: list[Person] = field(default_factory=list)

    def set_source(self, value: str, rank: int) -> None:
        """Keep the most authoritative source (lower rank wins: 发布机构 < 来源 < byline)."""
        value = value.strip()
        if value and rank < self.source_rank:
            self.source, self.source_rank = value, rank

    def set_published(self, stamp: datetime) -> None:
        """Prefer a stamp with a clock time over a bare date."""
        if self.published is None or (
            self.published.time() == datetime.min.time() and stamp.time() != datetime.min.time()
        ):
            self.published = stamp


def parse_timestamp(text: str) -> datetime | None:
    """The first date(-time) in ``text`` as a naive local datetime (a page's wall-clock time)."""
    match = _TIMESTAMP.search(text)
    if not match:
        return None
    y, m, d, hh, mm, ss = (int(match.group(k) or 0) for k in ("y", "m", "d", "H", "M", "S"))
    try:
        return datetime(y, m, d, hh, mm, ss)  # noqa: DTZ001 - the page's local wall-clock time, no zone given
    except ValueError:
        return None


def is_meta_line(line: str) -> bool:
    """A line of labelled page metadata (来源/作者/编辑/日期 …) or a bare timestamp."""
    labels = _META_LABEL.findall(line)
    stamp = _TIMESTAMP.search(line)
    if stamp and len(line) - len(stamp.group(0)) <= 2:
        return True
    if not labels:
        return False
    return bool(stamp) or len(labels) >= 2 or line.startswith(("来源", "作者"))


def _names(value: str) -> list[str]:
    return [n for n in re.split(r"[\s、,]+", value.strip()) if _PERSON_NAME.fullmatch(n)]


def read_meta_line(line: str, meta: Meta) -> None:
    """Take source, authors, editors and time from a metadata line."""
    stamp = parse_timestamp(line)
    if stamp:
        meta.set_published(stamp)
    pieces = _META_LABEL.split(line)
    for label, raw in zip(pieces[1::2], pieces[2::2], strict=True):
        value = _TIMESTAMP.sub("", raw).replace("|", " ").strip()
        if label == "来源":
            meta.set_source(value.split(" ")[0] if value else "", 2)
        elif label == "作者":
            for name in _names(value):
                if name not in meta.authors:
                    meta.authors.append(name)
        elif label in ("编辑", "责任编辑"):
            meta.credits.extend(Person(name, label) for name in _names(value))


def read_byline(line: str, meta: Meta) -> bool:
    """A reporter's byline (□XX报记者 张三): authors, credits, maybe the source."""
    match = BYLINE.match(line)
    if not match:
        return False
    title = match.group("org") + match.group("title")
    for name in _names(match.group("names")):
        if name not in meta.authors:
            meta.authors.append(name)
        meta.credits.append(Person(name, title))
    org = match.group("org")
    if org.endswith(("报", "网", "台", "社", "日报", "晚报")):
        meta.set_source(org, 3)
    return True


def read_info_field(label: str, value: str, meta: Meta) -> None:
    """One labelled field of a government information-disclosure header."""
    kind = INFO_LABELS[label]
    if kind == "title" and value:
        meta.title = value
    elif kind == "source":
        meta.set_source(value, 1)
    elif kind == "date":
        stamp = parse_timestamp(value)
        if stamp:
            meta.set_published(stamp)


_ISSUERS = re.compile(
    r"^(?P<issuers>[^,。]{2,120}?)\s*关于[^,。]{2,120}的(?:通知|意见|决定|通报|批复|函|报告)$"
)


def issuers_from_title(title: str) -> str:
    """Issuing bodies of an official notice title (A B 关于…的通知 → A、B)."""
    match = _ISSUERS.match(title)
    if not match:
        return ""
    return "、".join(part for part in match.group("issuers").split() if part)
