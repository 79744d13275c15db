"""Discourse subjects (话语主语): who a clause says does the work, and 承前省略.

Chinese official writing names the acting unit once and omits it afterwards:
"区委组建…巡察组对A开展巡察;对B开展巡察" — both measures are the 区委's. This
module reads the subject that opens a clause and decides what it means for the
clauses after it:

- fronted adverbials (截至目前, 经…批准, 根据…, 此次…后, a time expression) are
  skipped before looking for the subject;
- a subject is a unit list at the head of the clause — registry names, unit names
  ending in a unit suffix (局, 委, 办, 中心, 管委会 …), actor heads (党组织, 专班,
  负责人, 施工方 …) and collectives (各项目单位, 相关牵头单位, 全区上下) — followed by
  a predicate (要, 将, 已, 坚决, a verb …);
- "X N个Y" as a subject (区委4个巡察组) names the group XY;
- a short word that is the tail of a unit named earlier (专班 after 区整改工作专班)
  stands for that unit;
- a speech intro (X要求, X强调) ends the carried subject: what follows is asked of
  others.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from duban_extract.task_lexicon import ACTION_VERBS

#: Unit-name suffixes: organs, offices, companies and places that act (单位名称后缀).
UNIT_HEADS: tuple[str, ...] = (
    "管委会",
    "党工委",
    "办公室",
    "办公厅",
    "委员会",
    "常委会",
    "委会",
    "领导小组",
    "指挥部",
    "工作组",
    "督查组",
    "巡察组",
    "巡视组",
    "专班",
    "街道",
    "中心",
    "公司",
    "集团",
    "医院",
    "学校",
    "政府",
    "党组",
    "党委",
    "纪委",
    "监委",
    "局",
    "委",
    "办",
    "镇",
    "乡",
    "部",
    "厅",
    "院",
    "所",
    "站",
    "队",
    "处",
    "室",
    "组",
    "科",
    "区",
    "县",
    "市",
)
#: Actor heads that are not unit names but act as subjects (主体词): organisations, parties
#: to a project, office holders.
ACTOR_HEADS: tuple[str, ...] = (
    "党组织",
    "基层组织",
    "单位",
    "部门",
    "施工方",
    "建设方",
    "业主方",
    "投资方",
    "参建方",
    "监理方",
    "运营方",
    "主要负责人",
    "负责人",
    "组长",
    "书记",
    "主任",
    "局长",
    "负责同志",
    "领导干部",
    "成员",
    "代表",
    "企业",
    "乡镇",
    "镇街",
    "村居",
    "社区",
)
_HEADS = "|".join(sorted({*UNIT_HEADS, *ACTOR_HEADS}, key=len, reverse=True))

#: Collectives that name every unit of a kind (各X单位, 相关X部门, 全区上下, 各地各部门).
COLLECTIVE = re.compile(
    r"(?:各|相关|有关|全体)[\u4e00-\u9fff]{0,5}?(?:单位|部门|乡镇|镇街|镇|街道|片区|村居|社区|组|处|办|方|企业)"
    r"(?:[和及与、](?:各|相关|有关)?[\u4e00-\u9fff]{0,5}?(?:单位|部门|乡镇|镇街|街道|社区|组|处|办|方|企业))*|"
    r"全[市区县省镇]上下|(?:全[市区县省])?各级各部门|各地各部门|各区(?:市)?县|"
    r"各[县市区乡镇][((][\u4e00-\u9fff、]{1,8}[))]"
)

#: A unit name: Chinese characters ending in a head, optionally with a bracketed part
#: (区委巡察办(组)) or an inner count (区委4个巡察组, read as 区委巡察组).
_NAME = rf"(?:被)?[\u4e00-\u9fff]{{0,16}}?(?:{_HEADS})(?:[((][\u4e00-\u9fff]{{1,4}}[))])?"
_COUNTED = rf"{_NAME}(?:\d+|[一二三四五六七八九十两]+)个[\u4e00-\u9fff]{{0,6}}?(?:{_HEADS})"
UNIT_LIST = re.compile(rf"(?:{_COUNTED}|{_NAME})(?:(?:、|和|及|与|会同)(?:{_NAME}))*")

#: Words that may open the predicate after a subject (谓语开头): modals, adverbs,
#: prepositions and verbs.
PREDICATE_WORDS: tuple[str, ...] = (
    *ACTION_VERBS,
    "要",
    "将",
    "已",
    "均",
    "共",
    "也",
    "还",
    "正",
    "再",
    "又",
    "须",
    "必须",
    "应",
    "需",
    "把",
    "对",
    "向",
    "以",
    "按",
    "从",
    "于",
    "在",
    "就",
    "为",
    "同",
    "与",
    "会同",
    "负责",
    "坚决",
    "坚定",
    "认真",
    "切实",
    "全力",
    "积极",
    "主动",
    "充分",
    "多次",
    "定期",
    "及时",
    "继续",
    "持续",
    "精心",
    "不断",
    "深入",
    "扎实",
    "严格",
    "迅速",
    "立即",
    "尽快",
    "全面",
    "先后",
    "分别",
    "共同",
    "联合",
    "派出",
    "召集",
    "组成",
    "组建",
    "践行",
    "发挥",
    "主持",
    "听取",
    "审议",
    "下发",
    "约谈",
    "提出",
    "作出",
    "扛起",
    "承担",
    "接受",
    "采取",
    "进行",
    "通过",
    "坚持",
    "带头",
    "牵头",
    "配合",
    "努力",
    "大力",
    "团结",
    "带领",
    "引导",
    "动员",
    "号召",
    "交由",
    "交办",
    "每",
    # Verbs of supervision and administration that follow an acting unit.
    "通报",
    "发布",
    "公布",
    "调度",
    "督导",
    "检查",
    "走访",
    "调研",
    "核查",
    "受理",
    "办理",
    "处理",
    "审核",
    "审查",
    "批复",
    "出具",
    # Adverbs that open a predicate (始终站在…高度, 更加注重…).
    "始终",
    "一直",
    "更加",
    "务必",
    "着力",
    "统筹",
    "注重",
    # Verbs that take a unit as object (支持企业…, 指导乡镇…): the clause has no subject.
    "支持",
    "鼓励",
    "指导",
    "帮助",
    "协助",
    "服务",
    "促进",
    "扶持",
    "吸引",
    "激励",
    "要求",
    "邀请",
    "安排",
)
_PREDICATE = re.compile("|".join(sorted(set(PREDICATE_WORDS), key=len, reverse=True)))

#: Fronted adverbials skipped before the subject (状语前置): cut-offs and time words,
#: approvals, bases, conditions and connectives.
FRONTED = re.compile(
    r"^(?:截[至止]目前|截[至止][^,]{0,12}?(?:底|末|日)|目前|当前|近期|近日|日前|今年以来|一年来|"
    r"[^,]{0,12}以来|经[^,]{1,20}?(?:研究同意|批准|同意|研究)|根据[^,]{1,30}|按照[^,]{1,30}|"
    r"此次[^,]{0,12}后|[^,]{0,12}?(?:到期|期满|结束|完成)(?:以?后|之后)|在[^,]{1,20}(?:中|下|上|期|期间)|"
    r"同时|此外|另外|其中|随后|下一步|"
    r"(?:从|自)?(?:今年|本年|\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:[上中下]旬)?(?:前|底前|以来|起)?"
    r"(?:至|到)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:[上中下]旬)?)[,]?"
)
#: A speech intro (X要求 / X强调): what follows is asked of others.
SPEECH = re.compile(r"(?:指出|强调|要求|表示|提出|说)$")


@dataclass(frozen=True)
class Subject:
    """The units a clause names as its subject, and the rule that read them."""

    lead: str
    others: tuple[str, ...]
    rule: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.lead, *self.others)


def strip_fronted(text: str) -> str:
    """The clause without its fronted adverbials (截至目前, 经…批准, dates …)."""
    previous = None
    while previous != text:
        previous = text
        match = FRONTED.match(text)
        if match and match.end():
            text = text[match.end() :].lstrip(",、 ")
    return text


def _split_list(text: str) -> list[str]:
    """Units of a subject list; 和/及 join a name only when both sides end in a head."""
    names = [n for n in re.split(r"、|会同", text) if n]
    return [re.sub(r"(?:\d+|[一二三四五六七八九十两]+)个", "", name) for name in names]


def _registry_subject(text: str, units: Sequence[str]) -> Subject | None:
    for unit in sorted(units, key=len, reverse=True):
        if unit and text.startswith(unit) and _PREDICATE.match(text, len(unit)):
            return Subject(unit, (), "registry_subject")
    return None


def _collective_subject(text: str) -> Subject | None:
    match = COLLECTIVE.match(text)
    if match and (match.end() == len(text) or _PREDICATE.match(text, match.end())):
        names = [n for n in re.split(r"、(?![^((]*[))])", match.group(0)) if n]
        return Subject(names[0], tuple(names[1:]), "collective_subject")
    return None


_HEAD_ENDS = (*UNIT_HEADS, *ACTOR_HEADS, ")", "）")
#: Adverbs, attitude verbs and prepositions never found inside a unit name (指标更加注重开发区 is no unit).
_INNER_ADVERB = re.compile(
    r"更加|始终|一直|注重|坚持|积极|主动|切实|认真|不断|进一步|全面|"
    # Prepositions end the subject (区委巡察组对区卫健局党组开展…: the object follows 对).
    r"对(?!外|口)|向|把|给|按照|根据"
)
#: Words that open a clause but never a subject: 全市新增…, 本区建成…, 我们要….
_NOT_SUBJECT_START = re.compile(r"^(?:全|本|我|该|此|这|其|每|由|各[市区县镇乡]$)")


#: Single-character heads that also end ordinary words (小区改造, 所在, 站在, 处理): after them only
#: a modal, an adverb or a preposition other than 在 opens the predicate.
_WEAK_HEADS = ("区", "县", "市", "镇", "乡", "所", "站", "院", "处", "科", "队", "组")
_MODAL = re.compile(
    r"要|将|已|均|共|也|还|正|须|必须|应|需|坚决|认真|切实|全力|积极|主动|牵头|负责|配合|会同|先后|分别|"
    r"共同|联合|多次|定期|及时|继续|持续|对|向|把|于"
)


def _predicate_after(text: str, end: int, head: str) -> bool:
    if head.endswith(_WEAK_HEADS) and not head.endswith(tuple(h for h in _HEADS.split("|") if len(h) > 1)):
        return bool(_MODAL.match(text, end))
    return bool(_PREDICATE.match(text, end))


def _unit_subject(text: str) -> Subject | None:
    """The longest unit list at the head that a predicate follows (区委组织部要, not 区委|组织)."""
    best = ""
    if _PREDICATE.match(text) or _NOT_SUBJECT_START.match(text):
        return None
    for end in range(min(len(text), 40), 1, -1):
        head = text[:end]
        if (
            head.endswith(_HEAD_ENDS)
            and _predicate_after(text, end, head)
            and "由" not in head
            and not _INNER_ADVERB.search(head)
            and UNIT_LIST.fullmatch(head)
        ):
            best = head
            break
    if not best:
        return None
    names = _split_list(best)
    return Subject(names[0], tuple(names[1:]), "unit_subject")


def clause_subject(clause: str, units: Sequence[str] = ()) -> Subject | None:
    """The subject that opens ``clause`` after its fronted adverbials, or None."""
    text = strip_fronted(clause.strip())
    if not text or SPEECH.search(text):
        return None
    return _registry_subject(text, units) or _collective_subject(text) or _unit_subject(text)


def resolve_short(subject: Subject, earlier: Sequence[str]) -> Subject:
    """A short subject that is the tail of a unit named earlier (专班) stands for that unit."""
    if subject.others or len(subject.lead) > 3:
        return subject
    for name in reversed(earlier):
        if name != subject.lead and name.endswith(subject.lead):
            return Subject(name, (), subject.rule + "+earlier_name")
    return subject


def is_speech_intro(clause: str) -> bool:
    """X要求 / X强调 as a clause of its own: the carried subject does not do what follows."""
    text = clause.strip()
    return len(text) <= 16 and bool(SPEECH.search(text))
