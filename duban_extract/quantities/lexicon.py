"""Quantity vocabulary as tables (数量词表): units, multipliers, set phrases.

Units are matched longest first. ``CN_UNITS`` is the smaller set accepted
after a Chinese numeral, where a wider set would read idioms (十分, 一环) as
amounts. ``SET_PHRASES`` are names that contain numerals (四个意识); they are
never quantities.
"""

from __future__ import annotations

UNITS: tuple[str, ...] = (
    "个百分点",
    "百分点",
    "平方公里",
    "平方米",
    "立方米",
    "千瓦时",
    "万千瓦",
    "千瓦",
    "兆瓦",
    "公顷",
    "公里",
    "千米",
    "千克",
    "公斤",
    "个工作日",
    "个月",
    "小时",
    "人次",
    "户次",
    "方面",
    "大类",
    "个",
    "项",
    "件",
    "条",
    "家",
    "人",
    "名",
    "位",
    "篇",
    "套",
    "类",
    "次",
    "场",
    "所",
    "座",
    "处",
    "支",
    "户",
    "亩",
    "元",
    "吨",
    "米",
    "倍",
    "轮",
    "部",
    "本",
    "份",
    "张",
    "台",
    "辆",
    "栋",
    "幢",
    "间",
    "只",
    "期",
    "天",
    "周",
    "岁",
    "床",
    "棵",
    "株",
    "块",
    "批",
    "宗",
    "笔",
    "起",
    "分",
    "%",
    "‰",
    "届",
    "片",
    "村",
    "校",
    "园",
    "组",
)

#: Units accepted after a Chinese numeral (二/两/三…); never after a lone 一.
CN_UNITS: frozenset[str] = frozenset(
    {
        "方面",
        "大类",
        "个",
        "项",
        "件",
        "条",
        "家",
        "人",
        "名",
        "位",
        "篇",
        "套",
        "类",
        "次",
        "场",
        "所",
        "座",
        "处",
        "户",
        "亩",
        "元",
        "吨",
        "倍",
        "部",
        "本",
        "份",
        "张",
        "台",
        "辆",
        "栋",
        "幢",
        "间",
        "天",
        "个月",
        "小时",
        "周",
        "届",
        "批",
        "宗",
        "笔",
        "起",
        "轮",
        "万元",
        "亿元",
    }
)

#: Multipliers kept in the unit (万元, 亿元, 万亩 …); alone they are the unit (30万农村人口 → 万).
MULTIPLIERS: tuple[str, ...] = ("万", "亿", "千")

#: Words before a number that qualify it; recorded in ``approx``.
APPROX: tuple[str, ...] = (
    "大约",
    "约",
    "将近",
    "接近",
    "近",
    "超过",
    "逾",
    "不少于",
    "不低于",
    "至少",
    "最多",
)

#: Words after a unit that make it a threshold (投资10亿元以上).
THRESHOLDS: tuple[str, ...] = ("以上", "以下", "以内", "左右", "及以上", "以上的")

#: Names containing numerals (政治术语与工作品牌); never reported.
SET_PHRASES: frozenset[str] = frozenset(
    {
        "四个意识",
        "四个自信",
        "两个维护",
        "两个确立",
        "三严三实",
        "五张清单",
        "三重一创",
        "两学一做",
        "四风",
        "八项规定",
        "四下基层",
        "三会一课",
        "五位一体",
        "四个全面",
        "两个务必",
        "一岗双责",
        "三个代表",
        "两违",
        "三率",
        "双过半",
        "五纵五横",
        "三纵三横",
        "四网",
        "两高一线",
    }
)

#: Words that end an object phrase after the unit.
OBJECT_STOP = "的,。;、:!?()“”《》\n"

#: Growth/decline cues before a percentage (object gets 增速/降幅).
GROWTH_CUES: tuple[str, ...] = ("同比增长", "比增", "增长", "增速", "增幅", "提高", "上升")
DECLINE_CUES: tuple[str, ...] = ("同比下降", "下降", "减少", "回落", "降低")
