"""The demo's key projects (重点项目) and Taiwan-funded attraction leads (台资招商), from seed-000.

seed-000 names the projects and their dates: the 五纵五横 road network (about 30% of
its sections done, about 50% under construction; 三纵三横 before 2020, 五纵五横 before
2022), 金屿大桥 (start before the end of 2019), 百崎通道 (start before the end of
2020), 后渚桥头东互通 (finished in July 2019), the second water-supply channel, the
natural-gas regulator station and the substation, the 白沙 shanty-town renewal
(houses and land acquired within five years), 台湾金融街 in 湖东片区, Taiwanese
cultural-creative teams in 洛阳古街, and the Taiwan SME park and youth start-up park;
and the target "2019年春节前将有3—5个台资企业落户".

Invented, and said so on every project (``DEMO_NOTE``): the investment figures,
the section names of the road network, the month-by-month progress and the
firms of the attraction pipeline (named by sector, 台资企业甲…, never after a real
firm). Each project carries a story the loader plays up to the demo date
(``supervision_data.AS_OF``): how far its year-to-date investment lags the
time-proportional plan (``lag``, percentage points of the annual plan), from
which month it reports, and which month's report is missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

D = dt.date

DEMO_NOTE = "（投资额和月度进展为演示数据）"
LEADER_ECON, LEADER_BUILD, LEADER_BAISHA, DEPUTY = "林晓东", "蔡文斌", "许雅琴", "黄振华"
BUILD, CITY_GROUP = "规划建设与交通局", "台商区城市建设集团"


@dataclass(frozen=True)
class DemoProject:
    """A key project of the demo ledger and its 2019 story.

    Money in 万元. ``lag``: points of the annual plan by which the year-to-date
    investment trails the linear (by month) expectation in every report; negative
    is ahead. ``reports_from``: the first month reported (0: no reports at all).
    ``skip``: months whose report is never made (报告缺报).
    """

    name: str
    kind: str  # industry / infrastructure / livelihood / social
    status: str  # preparatory / not_started / under_construction / completed / producing
    lead: str  # unit name
    leader: str  # person name
    area: str  # the 片区 unit ("" when the project spans the zone)
    total: int  # 总投资, 万元
    annual: int  # 2019年计划投资, 万元
    planned_start: dt.date | None
    planned_finish: dt.date | None
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    description: str = ""
    cooperating: tuple[str, ...] = ()
    lag: int = 0
    reports_from: int = 1
    skip: tuple[int, ...] = ()
    problem: str = ""  # a problem needing coordination, in every report from the third on
    milestones: tuple[tuple[dt.date, str], ...] = ()
    items: tuple[str, ...] = ()  # titles of the demo's supervision items it is linked to
    segments: tuple[DemoProject, ...] = field(default_factory=tuple)


def _road(
    name: str, status: str, finish: dt.date, *, started: dt.date | None = None, lag: int = 0
) -> DemoProject:
    """A section of the 五纵五横 network (invented sections and figures); a finished one no longer reports."""
    done, ahead = status == "completed", status == "preparatory"  # ahead: no 2019 investment plan yet
    return DemoProject(
        name=f"五纵五横路网·{name}",
        kind="infrastructure",
        status=status,
        lead=BUILD,
        leader=LEADER_BUILD,
        area="",
        total=38000,
        annual=0 if done or ahead else 12000,
        planned_start=started or D(2020, 3, 1),
        planned_finish=finish,
        actual_start=started,
        actual_finish=D(2018, 12, 28) if done else None,
        description=f"城市主干路网路段{DEMO_NOTE}",
        cooperating=(CITY_GROUP,),
        lag=lag,
        # A section reports from the month it broke ground (January if it was already being built).
        reports_from=0 if done else (started.month if started and started.year == 2019 else 1),
    )


ROAD_NETWORK = DemoProject(
    name="“五纵五横”城市路网",
    kind="infrastructure",
    status="under_construction",
    lead=BUILD,
    leader=LEADER_BUILD,
    area="",
    total=380000,
    annual=60000,
    planned_start=D(2016, 3, 1),
    planned_finish=D(2022, 12, 31),
    actual_start=D(2016, 3, 18),
    description="目前已完成路段约30%，在建约50%；力争2020年前建成“三纵三横”，2022年前建成“五纵五横”。"
    + DEMO_NOTE,
    cooperating=(CITY_GROUP,),
    reports_from=0,  # the sections report; the network adds them up
    milestones=((D(2020, 12, 31), "建成“三纵三横”"), (D(2022, 12, 31), "建成“五纵五横”")),
    items=("2020年前建成“三纵三横”路网", "2022年前建成“五纵五横”路网"),
    segments=(
        # 3 of 10 done (30%), 5 under construction (50%), 2 still preliminary.
        _road("纵一线", "completed", D(2018, 12, 31), started=D(2016, 3, 18)),
        _road("横一线", "completed", D(2018, 12, 31), started=D(2016, 6, 1)),
        _road("纵二线", "completed", D(2018, 12, 31), started=D(2017, 2, 20)),
        _road("纵三线", "under_construction", D(2020, 12, 31), started=D(2018, 4, 10)),
        _road("横二线", "under_construction", D(2020, 12, 31), started=D(2018, 5, 6)),
        _road("横三线", "under_construction", D(2020, 12, 31), started=D(2018, 9, 12), lag=20),
        _road("纵四线", "under_construction", D(2022, 12, 31), started=D(2019, 3, 1)),
        _road("横四线", "under_construction", D(2022, 12, 31), started=D(2019, 4, 15)),
        _road("纵五线", "preparatory", D(2022, 12, 31)),
        _road("横五线", "preparatory", D(2022, 12, 31)),
    ),
)

PROJECTS: tuple[DemoProject, ...] = (
    ROAD_NETWORK,
    DemoProject(
        name="金屿大桥",
        kind="infrastructure",
        status="preparatory",
        lead=BUILD,
        leader=LEADER_BUILD,
        area="",
        total=260000,
        annual=8000,
        planned_start=D(2019, 12, 31),
        planned_finish=D(2023, 12, 31),
        description="跨海大桥，年底前启动建设；前期完成工可、初设及用海用地报批。" + DEMO_NOTE,
        cooperating=(CITY_GROUP, "自然资源局"),
        reports_from=1,
        milestones=(
            (D(2019, 6, 30), "工程可行性研究报告获批"),
            (D(2019, 10, 31), "完成初步设计审查"),
            (D(2019, 12, 31), "开工建设"),
        ),
        items=("年底前启动金屿大桥建设",),
    ),
    DemoProject(
        name="百崎通道",
        kind="infrastructure",
        status="preparatory",
        lead=BUILD,
        leader=LEADER_BUILD,
        area="百崎片区指挥部",
        total=180000,
        annual=2000,
        planned_start=D(2020, 12, 31),
        planned_finish=D(2023, 12, 31),
        description="2020年年底前启动建设，2019年开展线位比选和前期研究。" + DEMO_NOTE,
        reports_from=1,
        milestones=((D(2019, 12, 31), "完成线位方案比选"), (D(2020, 12, 31), "开工建设")),
        items=("2020年年底前启动百崎通道建设",),
    ),
    DemoProject(
        name="后渚桥头东互通",
        kind="infrastructure",
        status="completed",
        lead=BUILD,
        leader=LEADER_BUILD,
        area="",
        total=42000,
        annual=9000,
        planned_start=D(2017, 10, 1),
        planned_finish=D(2019, 7, 31),
        actual_start=D(2017, 10, 16),
        actual_finish=D(2019, 7, 26),
        description="2019年7月完工通车。" + DEMO_NOTE,
        cooperating=(CITY_GROUP,),
        lag=-8,
        reports_from=1,
        milestones=((D(2019, 5, 31), "主线桥合龙"), (D(2019, 7, 31), "完工通车")),
        items=("后渚桥头东互通完工",),
    ),
    DemoProject(
        name="区第二供水通道连通工程",
        kind="infrastructure",
        status="under_construction",
        lead=CITY_GROUP,
        leader=LEADER_BUILD,
        area="",
        total=36000,
        annual=15000,
        planned_start=D(2018, 11, 1),
        planned_finish=D(2020, 6, 30),
        actual_start=D(2018, 11, 20),
        description="新建第二条供水通道，与市政管网连通，提高供水保障能力。" + DEMO_NOTE,
        cooperating=(BUILD,),
        lag=20,
        problem="穿越高速公路段顶管施工许可尚待协调。",
        milestones=((D(2019, 6, 30), "完成主管道铺设50%"), (D(2019, 12, 31), "主管道全线贯通")),
        items=("加快第二供水通道、天然气调压站及变电站建设",),
    ),
    DemoProject(
        name="天然气调压站",
        kind="infrastructure",
        status="not_started",
        lead=CITY_GROUP,
        leader=LEADER_BUILD,
        area="",
        total=6800,
        annual=3000,
        planned_start=D(2019, 6, 30),
        planned_finish=D(2020, 6, 30),
        description="新建天然气门站及调压站。" + DEMO_NOTE,
        cooperating=("自然资源局",),
        lag=25,
        problem="站址用地报批未完成，无法办理施工许可。",
        milestones=((D(2019, 6, 30), "开工建设"),),
        items=("加快第二供水通道、天然气调压站及变电站建设",),
    ),
    DemoProject(
        name="变电站建设工程",
        kind="infrastructure",
        status="under_construction",
        lead=CITY_GROUP,
        leader=LEADER_BUILD,
        area="湖东片区指挥部",
        total=12000,
        annual=7000,
        planned_start=D(2019, 1, 15),
        planned_finish=D(2019, 12, 31),
        actual_start=D(2019, 1, 20),
        description="新建变电站一座，配套线路同步建设。" + DEMO_NOTE,
        lag=-3,
        milestones=((D(2019, 8, 31), "主体结构封顶"), (D(2019, 12, 31), "投运")),
        items=("加快第二供水通道、天然气调压站及变电站建设",),
    ),
    DemoProject(
        name="白沙片区棚户区改造项目",
        kind="livelihood",
        status="under_construction",
        lead="白沙片区指挥部",
        leader=LEADER_BAISHA,
        area="白沙片区指挥部",
        total=450000,
        annual=60000,
        planned_start=D(2019, 1, 14),
        planned_finish=D(2024, 1, 14),
        actual_start=D(2019, 2, 18),
        description="5年内完成片区房屋、土地征收工作，分期实施安置房建设。" + DEMO_NOTE,
        cooperating=("征迁安置办公室", "自然资源局"),
        lag=35,
        problem="部分被征收户对补偿标准有异议，签约进度滞后，需协调征迁政策。",
        milestones=((D(2019, 6, 30), "完成一期房屋征收签约80%"), (D(2019, 12, 31), "一期安置房开工")),
        items=("白沙片区改造：5年内完成房屋、土地征收",),
    ),
    DemoProject(
        name="台湾金融街",
        kind="industry",
        status="under_construction",
        lead="湖东片区指挥部",
        leader=LEADER_BUILD,
        area="湖东片区指挥部",
        total=150000,
        annual=20000,
        planned_start=D(2019, 3, 1),
        planned_finish=D(2022, 12, 31),
        actual_start=D(2019, 3, 28),
        description="在湖东片区成熟地块规划建设台湾金融街，引进台资金融机构。" + DEMO_NOTE,
        cooperating=("台港澳事务局", "招商局"),
        lag=5,
        skip=(8,),
        milestones=((D(2019, 6, 30), "完成街区城市设计"), (D(2019, 12, 31), "首期地块出让")),
        items=("湖东片区成熟地块规划建设台湾金融街",),
    ),
    DemoProject(
        name="洛阳古街台湾文创团队引入",
        kind="social",
        status="under_construction",
        lead="洛阳镇",
        leader=DEPUTY,
        area="",
        total=3000,
        annual=1500,
        planned_start=D(2019, 2, 15),
        planned_finish=D(2019, 12, 31),
        actual_start=D(2019, 2, 25),
        description="洛阳古街引入台湾文创团队，突出台湾元素。" + DEMO_NOTE,
        cooperating=("台港澳事务局",),
        lag=2,
        reports_from=2,
        milestones=((D(2019, 5, 31), "签约首批台湾文创团队"), (D(2019, 10, 31), "文创街区开街")),
    ),
    DemoProject(
        name="台湾中小企业园区",
        kind="industry",
        status="under_construction",
        lead="经济发展局",
        leader=LEADER_ECON,
        area="秀涂片区指挥部",
        total=85000,
        annual=18000,
        planned_start=D(2019, 1, 1),
        planned_finish=D(2021, 12, 31),
        actual_start=D(2019, 1, 8),
        description="规划建设台湾中小企业园区，标准厂房分期建设。" + DEMO_NOTE,
        cooperating=(BUILD, "招商局"),
        lag=12,
        problem="园区二期用地指标尚未落实。",
        milestones=((D(2019, 9, 30), "一期标准厂房主体完工"),),
        items=("规划建设台湾中小企业园区和青年创业园区",),
    ),
    DemoProject(
        name="台湾青年创业园区",
        kind="social",
        status="under_construction",
        lead="台港澳事务局",
        leader=LEADER_ECON,
        area="湖东片区指挥部",
        total=9000,
        annual=4000,
        planned_start=D(2019, 3, 1),
        planned_finish=D(2020, 6, 30),
        actual_start=D(2019, 3, 10),
        description="支持台胞来区实习就业创业，建设青年创业孵化空间。" + DEMO_NOTE,
        cooperating=("科技和人才工作局",),
        lag=0,
        reports_from=3,
        milestones=((D(2019, 10, 31), "孵化空间装修完成并开园"),),
        items=("规划建设台湾中小企业园区和青年创业园区",),
    ),
)


@dataclass(frozen=True)
class DemoLead:
    """An attraction lead (招商线索): the day it reached each stage so far (invented firms and figures)."""

    name: str
    origin: str  # taiwan / foreign / domestic
    sector: str
    unit: str
    amount: int  # 万元
    stages: tuple[
        tuple[str, dt.date], ...
    ]  # (stage, day) in order: talks, signed, landed, started, producing


LEADS: tuple[DemoLead, ...] = (
    DemoLead(
        "台资医疗器械企业甲",
        "taiwan",
        "医疗器械",
        "招商局",
        12000,
        (
            ("talks", D(2018, 6, 12)),
            ("signed", D(2018, 8, 20)),
            ("landed", D(2018, 9, 26)),
            ("started", D(2018, 11, 15)),
            ("producing", D(2019, 6, 20)),
        ),
    ),
    DemoLead(
        "台资生物医药企业乙",
        "taiwan",
        "生物医药",
        "招商局",
        20000,
        (
            ("talks", D(2018, 10, 20)),
            ("signed", D(2018, 12, 10)),
            ("landed", D(2019, 1, 22)),
            ("started", D(2019, 5, 15)),
        ),
    ),
    DemoLead(
        "台资医疗服务企业丙",
        "taiwan",
        "医疗健康",
        "招商局",
        8000,
        (("talks", D(2018, 11, 5)), ("signed", D(2018, 12, 28)), ("landed", D(2019, 1, 30))),
    ),
    DemoLead(
        "台资农业科技企业丁",
        "taiwan",
        "农业技术",
        "台港澳事务局",
        3000,
        (
            ("talks", D(2018, 11, 20)),
            ("signed", D(2019, 1, 10)),
            ("landed", D(2019, 2, 1)),
            ("started", D(2019, 7, 8)),
        ),
    ),
    DemoLead(
        "台资文化创意企业戊",
        "taiwan",
        "文化创意",
        "台港澳事务局",
        1500,
        (("talks", D(2018, 12, 1)), ("signed", D(2019, 1, 18)), ("landed", D(2019, 3, 12))),
    ),
    DemoLead(
        "台资精密机械企业己",
        "taiwan",
        "精密机械",
        "招商局",
        15000,
        (("talks", D(2019, 3, 1)), ("signed", D(2019, 5, 20))),
    ),
    DemoLead(
        "台资金融服务机构庚",
        "taiwan",
        "金融服务",
        "湖东片区指挥部",
        50000,
        (("talks", D(2019, 4, 15)), ("signed", D(2019, 7, 30))),
    ),
    DemoLead("台资电子信息企业辛", "taiwan", "电子信息", "招商局", 30000, (("talks", D(2019, 6, 10)),)),
    DemoLead("台资食品企业壬", "taiwan", "食品加工", "招商局", 6000, (("talks", D(2019, 8, 5)),)),
    DemoLead(
        "外资新材料企业子",
        "foreign",
        "新材料",
        "招商局",
        25000,
        (("talks", D(2019, 2, 20)), ("signed", D(2019, 6, 18)), ("landed", D(2019, 8, 2))),
    ),
    DemoLead(
        "内资智能装备企业丑",
        "domestic",
        "智能装备",
        "经济发展局",
        18000,
        (
            ("talks", D(2019, 1, 8)),
            ("signed", D(2019, 3, 5)),
            ("landed", D(2019, 4, 16)),
            ("started", D(2019, 6, 28)),
        ),
    ),
)


@dataclass(frozen=True)
class DemoTarget:
    """An attraction target (招商目标): between ``low`` and ``high`` leads reaching ``stage`` in the period."""

    title: str
    origin: str
    stage: str
    start: dt.date
    end: dt.date
    low: int
    high: int


# seed-000: "2019年春节前将有3—5个台资企业落户" — counted from the document's date
# (ref_date 2019-01-14) to the eve of the Spring Festival (2019-02-05).
ATTRACTION_TARGET = DemoTarget(
    title="2019年春节前台资企业落户",
    origin="taiwan",
    stage="landed",
    start=D(2019, 1, 14),
    end=D(2019, 2, 4),
    low=3,
    high=5,
)
