"""The demo ledgers, from the facts of the two seed documents (paraphrased).

seed-000: a provincial inspection found that the zone's role as a pilot area of
cross-strait co-operation had not shown its effect; the zone answered with four
groups of measures (policy, industry, city, people), each with deadlines.
seed-004: the 2019 half-year meeting on project drive and grass-roots stability
set requirements for the second half of the year.

Each measure carries a small story (what happened by the demo date), so that the
ledger shows every light: closed, on track, near the deadline, behind, overdue,
an extension, a missed report, a returned completion request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

D = dt.date


@dataclass(frozen=True)
class Measure:
    title: str
    lead: str  # unit name
    leader: str  # person name
    deadline: dt.date | None
    story: str  # see load_supervision.STORIES
    content: str = ""
    cooperating: tuple[str, ...] = ()
    target: tuple[float, str] | None = None
    frequency: str = "monthly"
    tags: tuple[str, ...] = ()
    children: tuple[Measure, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class DemoSource:
    kind: str
    title: str
    date: dt.date
    doc_number: str
    issuer: str
    sign_off_mode: str
    problem: str  # "" when the source has no problem level
    measures: tuple[Measure, ...]


LEADER_ECON, LEADER_BUILD, LEADER_BAISHA, DEPUTY = "林晓东", "蔡文斌", "许雅琴", "黄振华"

INSPECTION = DemoSource(
    kind="inspection",
    title="省委巡视反馈问题整改：两岸合作先行区示范带动",
    date=D(2019, 1, 14),
    doc_number="泉台委〔2019〕3号",
    issuer="党工委",
    sign_off_mode="dual_leader",
    problem="“两岸合作先行区”示范和带动效应未有效发挥",
    measures=(
        Measure("谋划台策：从政治高度考量发展建设", "台港澳事务局", DEPUTY, D(2019, 12, 31), "on_track", children=(
            Measure("出台鼓励台商投资和对台交流的若干意见（5大方面44条）", "台港澳事务局", DEPUTY, D(2019, 3, 31),
                    "closed", target=(44, "条"), tags=("惠台政策",)),
            Measure("修订完善惠台人才政策，逐步落实同等待遇", "科技和人才工作局", LEADER_ECON, D(2019, 6, 30),
                    "overdue", tags=("惠台政策",)),
            Measure("召开全区务虚会，形成对台工作理论成果", "党政办公室", DEPUTY, D(2019, 4, 30), "closed",
                    target=(29, "篇")),
        )),
        Measure("壮大台柱：推动两岸产业深度对接", "经济发展局", LEADER_ECON, D(2019, 12, 31), "on_track", children=(
            Measure("编制对台优势产业发展规划", "经济发展局", LEADER_ECON, D(2019, 9, 30), "behind",
                    cooperating=("自然资源局",)),
            Measure("规划建设台湾中小企业园区和青年创业园区", "经济发展局", LEADER_ECON, D(2019, 12, 31),
                    "on_track", cooperating=("规划建设与交通局", "招商局")),
            Measure("春节前引进3—5家台资企业落户", "招商局", LEADER_ECON, D(2019, 2, 4), "closed",
                    target=(3, "家"), tags=("招商",)),
            Measure("建成台湾农业技术交流推广中心和1个对台科技创新平台", "科技和人才工作局", LEADER_ECON,
                    D(2019, 11, 30), "missed_report", target=(1, "个")),
            Measure("组织文化企业参加海峡两岸文化产业博览交易会", "社会事业局", DEPUTY, D(2019, 10, 31),
                    "completion_returned"),
        )),
        Measure("造浓台味：加快打造城市副中心", "规划建设与交通局", LEADER_BUILD, D(2022, 12, 31), "on_track", children=(
            Measure("2020年前建成“三纵三横”路网", "规划建设与交通局", LEADER_BUILD, D(2020, 12, 31), "on_track",
                    frequency="quarterly", tags=("路网",)),
            Measure("2022年前建成“五纵五横”路网", "规划建设与交通局", LEADER_BUILD, D(2022, 12, 31), "assigned",
                    frequency="quarterly", tags=("路网",)),
            Measure("年底前启动金屿大桥建设", "规划建设与交通局", LEADER_BUILD, D(2019, 12, 31), "on_track",
                    cooperating=("台商区城市建设集团",)),
            Measure("2020年年底前启动百崎通道建设", "规划建设与交通局", LEADER_BUILD, D(2020, 12, 31), "acknowledged"),
            Measure("后渚桥头东互通完工", "规划建设与交通局", LEADER_BUILD, D(2019, 7, 31), "extended",
                    cooperating=("台商区城市建设集团",)),
            Measure("加快第二供水通道、天然气调压站及变电站建设", "台商区城市建设集团", LEADER_BUILD,
                    D(2019, 9, 18), "near"),
            Measure("湖东片区成熟地块规划建设台湾金融街", "湖东片区指挥部", LEADER_BUILD, D(2019, 12, 31), "on_track"),
            Measure("白沙片区改造：5年内完成房屋、土地征收", "白沙片区指挥部", LEADER_BAISHA, D(2024, 1, 14),
                    "on_track", cooperating=("征迁安置办公室",), frequency="quarterly", tags=("征迁",)),
        )),
        Measure("吸引台胞：全面提升综合发展水平", "经济发展局", LEADER_ECON, D(2020, 12, 31), "on_track", children=(
            Measure("明确两套指标评价体系的指标牵头单位、分管领导和责任人", "经济发展局", LEADER_ECON,
                    D(2019, 2, 28), "closed"),
            Measure("2020年年底前综合发展水平考核评价进入全省国家级开发区中游水平", "经济发展局", LEADER_ECON,
                    D(2020, 12, 31), "on_track", cooperating=("统计局",), frequency="quarterly"),
        )),
    ),
)

MEETING = DemoSource(
    kind="meeting",
    title="全区上半年“项目攻坚”和“强基促稳”工作推进会部署事项",
    date=D(2019, 7, 31),
    doc_number="会议纪要〔2019〕12号",
    issuer="党工委、管委会",
    sign_off_mode="single",
    problem="",
    measures=(
        Measure("强化监测预警，紧扣时间节点确保完成年度目标", "统计局", LEADER_ECON, D(2019, 12, 31), "on_track",
                cooperating=("经济发展局",)),
        Measure("落实领导干部挂钩走访龙头企业制度", "经济发展局", LEADER_ECON, D(2019, 12, 31), "missed_report"),
        Measure("实施新一轮技改专项行动", "经济发展局", LEADER_ECON, D(2019, 12, 31), "assigned"),
        Measure("关注未开工项目和低于序时进度项目，抓项目储备", "重点项目服务中心", LEADER_BUILD, D(2019, 12, 31),
                "on_track", tags=("项目攻坚",)),
        Measure("加快实施43件为民办实事项目", "社会事业局", DEPUTY, D(2019, 12, 31), "behind", target=(43, "件"),
                tags=("为民办实事",)),
        Measure("破解白沙征迁问题，化解积案", "白沙片区指挥部", LEADER_BAISHA, D(2019, 10, 31), "acknowledged",
                cooperating=("征迁安置办公室",), tags=("征迁",)),
        Measure("生态环境保护督察反馈问题整改", "生态环境局", LEADER_BAISHA, D(2019, 9, 30), "draft"),
    ),
)

SOURCES = (INSPECTION, MEETING)

# The demo's "as of" date (SPEC I): inside the seeds' story.
AS_OF = D(2019, 9, 16)
