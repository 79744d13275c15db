"""Vocabulary of statistical sentences (统计表述词表) for ``indicators``.

General words of statistical releases and progress reports, not of any one document:
growth verbs and their comparison bases, statistical head nouns, rank verbs and scopes,
report cues and target cues.
"""

from __future__ import annotations

import re

_N = r"[一二三四五六七八九十\d]+"

#: Comparison base and growth verb right before a percentage: 同比增长, 比上年下降, 分别增长.
GROWTH_BEFORE = re.compile(
    r"(?:同比|环比|比上年同期|比上年|比去年同期|比去年|较上年同期|较上年|较去年|与去年同期相比|与上年相比|"
    r"与去年相比|与去年|按可比价格计算|可比价|可比)?(?:分别)?(?:同比)?"
    r"(?P<dir>比增|增长|增|下降|减少|回落|上升|提高|降低|下滑|减)(?:了)?$"
)
#: A growth rate stated as a level: 增速加快至4.6%, 增速回落到3.1%.
GROWTH_TO = re.compile(r"(?P<dir>增速|增幅)[^,;]{0,6}?(?:至|到|为)$")

#: Words that open the text before a value but are not part of the name: scope, report
#: frames, status words, connectives (全市, 初步核算, 现已, 其中, 分领域看).
LEADING_NOISE = re.compile(
    r"^(?:其中|全[国省市区县镇乡]|我[国省市区县镇]|本[市区县镇]|全年|初步(?:测算|核算)|据统计|截[至止]目前|"
    r"目前|现已|现|已经|均已|已|累计|共|总计|合计|按[^,]{0,8}计算|分[\u4e00-\u9fff]{1,3}看|"
    r"从[^,]{0,10}看|同期|今年|其余|另外|另有|另|此外|本次|此次|为|在|有|超额|提前|按期)"
)
#: Words that close the text before a value without naming anything: 为, 达到, 超过, 完成了.
COPULA_TAIL = re.compile(r"(?:为|达到了?|达|是|约|近|超过|超|突破|共|累计|完成了|已完成|完成|已|有|实现)$")

#: Statistical head nouns that end an indicator's name (指标中心词).
STAT_HEAD = re.compile(
    r"(?:生产总值|总值|增加值|产值|收入|投资|总额|零售额|销售额|销售面积|产量|总产|面积|利用外资|出口|进口|"
    r"进出口|比重|占比|率|指数|得分|总分|余额|存款|贷款|税收|利润|营收|用电量|客运量|货运量|吞吐量|"
    r"出栏|存栏|GDP)$"
)

#: Cues that a value was reached (报告语): status words, cut-offs, year totals, comparisons.
ACHIEVED_CUE = re.compile(
    r"已|累计|实现|截[至止]|全年|同比|比上年|增长|总计|合计|初步(?:核算|测算)|完成了|共完成|完成投资|"
    # The figures of the event being reported (本次集中开工项目90个).
    r"本次|此次"
)
#: Cues that a value is planned or required (目标语): it is a target, not an indicator.
TARGET_CUE = re.compile(
    r"(?<!占全年)(?<!占年度)(?<!超年度)(?<!占全部)计划(?!的?\d)|力争|确保|不少于|不低于|不超过|目标|预计|争取|"
    r"到\d{4}年|拟|每年|年均|将(?=[\u4e00-\u9fff]{0,4}\d)|"
    # Capacity after completion is a projection (建成后年可实现产值…).
    r"可实现|可达|可带动|可新增|建成后|投产后|达产后|达效后"
)

#: Text right before a value that makes it a note, not an indicator: shares of a plan,
#: progress, comparison bases (占全年计划, 完成进度为, 由上年的).
NOTE_BEFORE = re.compile(
    r"(?:占|超(?!额)|高出|低于|相当于)[^,;]{0,10}$|进度(?:为|在|达)?$|任务数$|由[^,;]{0,10}$|(?:上年|去年)的?$|之间$"
)
#: Names that are only function words, status or progress words.
NOT_A_NAME = re.compile(
    r"^(?:其中|分别|同比|增长|达到|占|比|较|约|正在|另有)|进度|任务数|^[\u4e00-\u9fff]?$|"
    # An indicator's name is a noun phrase: no preposition or clause conjunction inside.
    r"对(?!外)|向|把|给|并|以及|指标|基础上|%|依次|工作$|第[一二三四五六七八九十\d]+[名位]|"
    # "…中" frames a set (20件实事项目中,已有…): the set, not a figure.
    r"中$"
)

#: Classifiers that follow 万/亿 in a unit (98.78万头) or name what a count counts.
CLASSIFIERS = (
    "头",
    "只",
    "株",
    "棵",
    "台",
    "辆",
    "吨",
    "户",
    "人",
    "亩",
    "套",
    "项",
    "个",
    "家",
    "件",
    "条",
    "所",
    "座",
    "名",
    "处",
)
#: Units of counted events (会议38次): activity counts, not indicators.
EVENT_UNITS = frozenset(
    {"次", "场", "轮", "期", "人次"}
    # Durations (通过3个月的整改) say how long, not how much.
    | {"个月", "年", "天", "日", "周", "小时", "分钟", "个工作日", "工作日"}
)

#: A rank after an indicator: 增幅排名全市第一, 增幅全省排第7位, 居全省第3位, 名列第一.
RANK = re.compile(
    rf"(?P<of>增幅|增速|涨幅|降幅|总量)?(?:在(?P<scope3>[^,;]{{2,24}}?)中)?(?P<scope>全[省市区县国])?"
    rf"(?:排名|排在|排|位居|居|位列|名列|列)"
    rf"(?P<scope2>全[省市区县国])?第(?P<rank>{_N})(?:位|名)?"
)
_NAME = r"[\u4e00-\u9fffA-Z]{2,14}?"
#: "A、B、C N个指标增幅排名全市第一".
RANK_GROUP = re.compile(
    rf"(?P<names>{_NAME}(?:、{_NAME})+)(?P<count>{_N})[个项]指标(?P<of>增幅|增速|总量)?"
    rf"排名?(?P<scope>全[市省区县国])第(?P<rank>{_N})"
)
#: "A、B分别排全市第X位、第Y位".
RANK_EACH = re.compile(
    rf"(?P<names>{_NAME}(?:、{_NAME})+)分别排(?:名)?(?P<scope>全[市省区县国])(?P<ranks>第{_N}位?(?:、第{_N}位?)*)"
)
