"""Owners (责任主体): units by pattern or registry, and people with titles.

People are found three ways: a title followed by a name (区委书记张某某), a
group label followed by a list (区领导张某、李某某), and a reporter credit in
brackets ((记者 张某 李某)). The first specific title wins; a group label
(区领导) yields to a specific title met later.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from duban_extract.subjects import clause_subject
from duban_extract.types import Person, Span

SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单"
    "季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚"
    "娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘"
    "池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠"
    "豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰"
    "赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富"
    "尧闭由赖洪阎鄂滕蔺"
)
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "令狐",
    "夏侯",
)

#: Titles, longest first when compiled. Org prefixes are matched separately.
TITLES: tuple[str, ...] = (
    "总书记",
    "党工委书记",
    "党工委副书记",
    "管委会主任",
    "管委会副主任",
    "常务副区长",
    "常务副市长",
    "常务副县长",
    "区委副书记",
    "市委副书记",
    "县委副书记",
    "区委书记",
    "市委书记",
    "县委书记",
    "镇党委书记",
    "党组书记",
    "党委书记",
    "纪工委书记",
    "纪委书记",
    "副书记",
    "书记",
    "副区长",
    "区长",
    "副市长",
    "市长",
    "副县长",
    "县长",
    "副镇长",
    "镇长",
    "乡长",
    "副主任",
    "主任",
    "副局长",
    "局长",
    "副部长",
    "部长",
    "副主席",
    "主席",
    "秘书长",
    "副厅长",
    "厅长",
    "副省长",
    "省长",
    "处长",
    "科长",
    "总经理",
    "董事长",
    "院长",
    "校长",
    "所长",
    "站长",
    "总工程师",
    "调研员",
    "分站记者",
    "特约记者",
    "见习记者",
    "记者",
    "通讯员",
    "编辑",
)
ORG_PREFIX = r"(?:区管委会|管委会|区委|市委|县委|镇党委|区政府|市政府|县政府|区人大常委会|区政协)?"
GROUP_LABELS = (
    "区领导",
    "市领导",
    "县领导",
    "镇领导",
    "局领导",
    "班子成员",
    "区级领导",
    "市级领导",
    "县级领导",
)
_NAME_STOP = set("就在说等和与及对为到向是出主指强要表参作讲带同率陪会发分调听通了的并也又都将已以各")
_TITLE_ALT = "|".join(sorted(TITLES, key=len, reverse=True))
_TITLED = re.compile(rf"(?P<org>{ORG_PREFIX})(?P<title>{_TITLE_ALT})\s?(?P<name>[\u4e00-\u9fff]{{2,4}})")
_GROUP = re.compile(
    rf"(?P<title>{'|'.join(GROUP_LABELS)})(?P<names>[\u4e00-\u9fff]{{2,4}}(?:、[\u4e00-\u9fff]{{2,4}})+)"
)
_CREDIT = re.compile(
    r"[((](?P<title>[\u4e00-\u9fff]{0,6}(?:记者|通讯员))\s*(?P<names>[\u4e00-\u9fff]{2,4}(?:[\s、]+[\u4e00-\u9fff]{2,4})*)\s*[))]"
)
GENERIC_TITLES = frozenset(GROUP_LABELS)


_NOT_NAMES = frozenset(
    {
        "关于",
        "主持",
        "指出",
        "出席",
        "参加",
        "强调",
        "要求",
        "表示",
        "讲话",
        "同志",
        "带领",
        "在会",
        "对于",
        "一行",
        "认为",
        "介绍",
        "任务",
        "主任",
        "书记",
        "陪同",
        "调研",
        "部署",
    }
)


def _name_ok(name: str) -> bool:
    if name[:2] in _NOT_NAMES:
        return False
    if name.startswith(COMPOUND_SURNAMES):
        return 3 <= len(name) <= 4
    return name[0] in SURNAMES and 2 <= len(name) <= 3


def trim_name(raw: str) -> str:
    """Cut a name candidate at the first character that starts the next word."""
    size = 2 if not raw.startswith(COMPOUND_SURNAMES) else 3
    name = raw[:size]
    if len(raw) > size and raw[size] not in _NAME_STOP:
        name = raw[: size + 1]
    return name


def _titled(text: str) -> Iterable[Person]:
    for match in _TITLED.finditer(text):
        name = trim_name(match.group("name"))
        if _name_ok(name):
            org = match.group("org")
            title = (org if org and not org.endswith(("办", "部")) else "") + match.group("title")
            yield Person(name, title, Span(match.start(), match.end()))


def _listed(text: str) -> Iterable[Person]:
    for pattern in (_GROUP, _CREDIT):
        for match in pattern.finditer(text):
            for raw in re.split(r"[\s、]+", match.group("names")):
                name = raw if len(raw) <= 3 or raw.startswith(COMPOUND_SURNAMES) else trim_name(raw)
                if _name_ok(name):
                    yield Person(name, match.group("title"), Span(match.start(), match.end()))


def find_people(text: str, *, credits: Sequence[Person] = ()) -> list[Person]:
    """People with the title at first mention; group labels yield to a specific title."""
    found = sorted([*_titled(text), *_listed(text)], key=lambda p: p.span.start if p.span else 0)
    chosen: dict[str, Person] = {}
    for person in [*found, *credits]:
        current = chosen.get(person.name)
        if current is None or (current.title in GENERIC_TITLES and person.title not in GENERIC_TITLES):
            chosen[person.name] = person
    return list(chosen.values())


UNIT_SUFFIXES = (
    "管委会",
    "党工委",
    "办公室",
    "办公厅",
    "委员会",
    "领导小组",
    "指挥部",
    "片区",
    "街道",
    "中心",
    "公司",
    "集团",
    "医院",
    "学校",
    "政府",
    "党组",
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
    "室",
    "组",
)
_COLLECTIVE = re.compile(
    r"^(?:各(?:牵头|责任|相关|有关|成员)?(?:单位|部门|乡镇|镇街|镇|街道|片区|村居|社区)|"
    r"全区上下|各级各部门|各区(?:市)?县|区直各部门|市直各部门|县直各部门)"
)


def is_unit_name(text: str, units: Sequence[str] = ()) -> bool:
    """A unit of the registry, a name ending in a unit suffix (局, 街道 …) or a collective (各街道)."""
    return bool(text) and (
        text in units
        or bool(_COLLECTIVE.fullmatch(text))
        or (len(text) <= 20 and text.endswith(UNIT_SUFFIXES) and not re.search(r"[,:;。]", text))
    )


#: Leading label or trailing verb around a unit list: 责任单位:X, X牵头, X负责 …
_UNIT_LIST_DECOR = re.compile(
    r"^(?:由|牵头单位|责任单位|责任部门|主办单位|承办单位|配合单位|协办单位)[::]?|"
    r"(?:牵头负责|具体负责|组织实施|牵头|负责|配合|协助|协办|参与|承办|落实)$|等$"
)


def _split_outside_brackets(text: str) -> list[str]:
    """Pieces between 、,;/ and white space that stand outside brackets (市各县(市、区)政府 is one)."""
    pieces: list[str] = []
    depth, current = 0, list[str]()
    for ch in text:
        if ch in "((":
            depth += 1
        elif ch in "))":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in "、,;/;," or ch.isspace()):
            pieces.append("".join(current))
            current = []
            continue
        current.append(ch)
    pieces.append("".join(current))
    return pieces


def split_units(text: str, units: Sequence[str] = ()) -> tuple[str, ...]:
    """Unit names in a list (区林业局、滨江街道): registry names are kept whole (规划建设与交通局)."""
    names = []
    for raw in _split_outside_brackets(text):
        name = _UNIT_LIST_DECOR.sub("", raw.strip())
        name = _UNIT_LIST_DECOR.sub("", name)
        if name:
            names.append(name)
    return tuple(names)


#: Labels inside one owner cell or field: 牵头单位:X 责任单位:Y 配合单位:Z.
_OWNER_LABEL = re.compile(
    r"(?P<label>牵头单位|牵头部门|责任单位|责任部门|主办单位|承办单位|配合单位|协办单位|配合部门)[::]"
)


def read_owner_cell(text: str, units: Sequence[str] = ()) -> tuple[str, tuple[str, ...]]:
    """Lead and cooperating units of an owner cell or field, labelled or a plain list.

    With a 牵头单位 label, the units under 责任单位/配合单位 cooperate; without one, the
    first unit of the list leads.
    """
    labels = list(_OWNER_LABEL.finditer(text))
    if not labels:
        names = split_units(text, units)
        return (names[0], names[1:]) if names else ("", ())
    lead_names: list[str] = []
    others: list[str] = []
    has_lead_label = any(m.group("label").startswith("牵头") for m in labels)
    for index, match in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        names = split_units(text[match.end() : end], units)
        label = match.group("label")
        leads = label.startswith("牵头") or (
            not has_lead_label and label in ("责任单位", "责任部门", "主办单位", "承办单位")
        )
        (lead_names if leads and not lead_names else others).extend(names)
    if not lead_names:
        return (others[0], tuple(others[1:])) if others else ("", ())
    return lead_names[0], (*lead_names[1:], *others)


@dataclass(frozen=True)
class OwnerRule:
    """A named pattern that reads a lead unit and/or cooperating units from a whole clause."""

    name: str
    pattern: re.Pattern[str]


_UNITS = r"[\u4e00-\u9fff、]{2,40}?"
#: Clauses that only say who does the work (由X牵头, X牵头Y配合, Y配合, X负责); they are not tasks.
OWNER_CLAUSES: tuple[OwnerRule, ...] = (
    OwnerRule(
        "by_unit_leads",
        re.compile(rf"^由(?P<lead>{_UNITS})(?:牵头负责|具体负责|组织实施|牵头|负责|承办)(?:实施|落实)?$"),
    ),
    OwnerRule(
        "unit_leads_others_assist", re.compile(rf"^(?P<lead>{_UNITS})牵头(?P<coop>{_UNITS})(?:配合|协助)$")
    ),
    OwnerRule("unit_leads", re.compile(rf"^(?P<lead>{_UNITS})(?:牵头负责|具体负责|牵头|负责)$")),
    OwnerRule("others_assist", re.compile(rf"^(?P<coop>{_UNITS})(?:配合|协助|协办|参与)$")),
    OwnerRule(
        "owner_label",
        re.compile(rf"^(?:牵头单位|责任单位|责任部门)[::](?P<lead>{_UNITS})$"),
    ),
    OwnerRule("cooperating_label", re.compile(rf"^(?:配合单位|协办单位)[::](?P<coop>{_UNITS})$")),
)


@dataclass(frozen=True)
class OwnerReading:
    """Lead unit and cooperating units read from an owner clause, and the rule that read them."""

    lead: str
    cooperating: tuple[str, ...]
    rule: str


def read_owner_clause(clause: str, units: Sequence[str] = ()) -> OwnerReading | None:
    """Owner and cooperating units when ``clause`` does nothing but name them, else None."""
    text = clause.strip().strip("()").strip()
    for rule in OWNER_CLAUSES:
        match = rule.pattern.match(text)
        if not match:
            continue
        groups = match.groupdict()
        lead = split_units(groups.get("lead") or "", units)
        coop = split_units(groups.get("coop") or "", units)
        if all(is_unit_name(u, units) for u in (*lead, *coop)) and (lead or coop):
            return OwnerReading(lead[0] if lead else "", (*lead[1:], *coop), rule.name)
    return None


#: A bracketed owner note at the end of an item: (新区市场监管局负责), (牵头单位:区住建局).
BRACKET_OWNER = re.compile(r"[((](?P<body>[^()]{2,60})[))]$")


def read_bracket_owner(text: str, units: Sequence[str] = ()) -> tuple[OwnerReading, int] | None:
    """An owner note in brackets closing ``text``, and where the note starts."""
    match = BRACKET_OWNER.search(text.rstrip("。;"))
    if not match:
        return None
    lead, coop = "", list[str]()
    for part in re.split(r"[;,]", match.group("body")):
        reading = read_owner_clause(part, units)
        if reading is None:
            return None
        if lead and reading.lead:
            coop.append(reading.lead)  # 牵头单位:X;责任单位:Y — Y works with the lead X
        lead = lead or reading.lead
        coop.extend(reading.cooperating)
    return OwnerReading(lead, tuple(coop), "bracket_owner"), match.start()


def find_owner(clause: str, units: Sequence[str] = ()) -> str:
    """The unit a clause names as its subject (registry names first, then the unit grammar)."""
    subject = clause_subject(clause, units)
    return subject.lead if subject is not None else ""
