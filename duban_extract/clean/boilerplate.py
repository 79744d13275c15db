"""Page furniture of news and government sites (网页版式噪声).

Each rule is a named pattern; a line that matches is dropped with the rule's
name as the reason. ``FOOTER_START`` rules also end the article: everything
after them (in the second half of the page) is footer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class LineRule:
    """Drop a whole line when ``pattern`` matches it (``search`` semantics)."""

    reason: str
    pattern: re.Pattern[str]
    footer_start: bool = False


def _rule(reason: str, pattern: str, *, footer_start: bool = False) -> LineRule:
    return LineRule(reason, re.compile(pattern), footer_start)


PHONE = r"(?<![\d/])(?:0\d{2,3}-?\d{7,8}|400-?\d{3}-?\d{4}|1[3-9]\d{9})(?![\d/])"
EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"

LINE_RULES: tuple[LineRule, ...] = (
    _rule("breadcrumb", r"^(?:当前位置|您现在的位置|你的位置|您的位置|所在位置|当前栏目)"),
    _rule("breadcrumb", r"^[^,。;!?]{1,40}(?:>>|>|»|→)[^,。;!?]{0,40}$"),
    _rule("share", r"^[—\-\s·]*(?:分享|分享到|分享至)[::]?[—\-\s·]*[\u4e00-\u9fffA-Za-z\s]{0,20}$"),
    _rule(
        "page tool",
        r"^(?:朗读|打印|打印本页|关闭|关闭窗口|收藏|纠错|我要纠错|返回顶部|[大中小]字号"
        r"|字号[::].{0,10}|【[大中小]】.{0,10}|扫一扫.{0,20}|视力保护色.{0,20}|【打印】.{0,20})$",
    ),
    _rule("page counter", r"^(?:浏览量|浏览次数|阅读量|阅读数|点击量|点击数|访问量)[::]?\s*\d*$"),
    _rule(
        "disclaimer",
        r"免责声明|本网站?所(?:登载|刊登|发布|转载)|本网(?:原创|未注明|转载|注明)|凡本网"
        r"|作品版权|如因作品内容|转载请注明|未经(?:本网)?(?:书面)?(?:授权|许可)[^。]{0,12}(?:转载|复制|镜像)",
        footer_start=True,
    ),
    _rule(
        "related links",
        r"^(?:相关阅读|相关链接|相关新闻|相关文章|推荐阅读|延伸阅读|热点推荐|上一篇|下一篇)",
        footer_start=True,
    ),
    _rule("more links", r"^更多\s*>+"),
    _rule("registration number", r"ICP[备证]|公网安备|网安备\s*\d|备案号|网站标识码"),
    _rule("copyright", r"版权所有|Copyright|©", footer_start=True),
    _rule(
        "site links",
        r"^(?:关于我们|联系我们|网站地图|广告服务|法律顾问|主办单位|承办单位|技术支持|主办[::])"
        r"|/(?:广告服务|联系我们|网站地图)",
        footer_start=True,
    ),
    _rule("postal code", r"邮政编码|邮编[::]\s*\d{6}"),
    _rule("address", r"^.{0,24}地址[::]"),
    _rule("contact", rf"(?:电话|联系电话|传真|热线|邮箱|电子邮件|E-?mail)[::]?\s*(?:{PHONE}|{EMAIL})"),
    _rule("contact", EMAIL),
    _rule(
        "credit",
        r"^[\[【(]?(?:责任编辑|责编|编辑|审核|校对|终审|初审)[::]\s*[\u4e00-\u9fff\s]{0,12}[\]】)]?$",
    ),
)

#: Short page labels that are not text (a site's app name, a widget title).
MAX_FURNITURE_LEN = 6


def match_line(line: str) -> LineRule | None:
    """The first rule that drops ``line``, or None."""
    for rule in LINE_RULES:
        if rule.pattern.search(line):
            return rule
    return None


def has_phone(line: str) -> bool:
    """A phone number on a short line marks a contact line."""
    return bool(re.search(PHONE, line)) and len(line) < 80 and "," not in line
