"""The instruction given to the language model (提示词), kept as data.

The model reads one cleaned document body (or a chunk of it) and answers
with a JSON object; ``merge.parse_reply`` checks that answer strictly. The
conventions follow the gold corpus (deadline = last allowed day, ISO dates;
exhortations are not tasks).
"""

from __future__ import annotations

from datetime import date

ROLE = (
    "你是政府督查督办工作的助手。请从一份政府文件(会议纪要、工作方案、整改方案、新闻报道等)中"
    "找出需要督办的具体任务和存在的问题,只输出一个 JSON 对象,不要输出任何其他文字。"
)

SHAPE = (
    '{"tasks": [{"text": "...", "deadline": "YYYY-MM-DD 或 null", "owner": "牵头单位或 null", '
    '"cooperating": ["配合单位"], "target": "量化目标或 null"}], "problems": ["..."]}'
)

CONVENTIONS = (
    "text 必须是从原文中逐字摘录的一句或一个分句,不得改写、概括或编造;原文中没有的任务不要输出。",
    "任务是具体的工作措施(如“年底前建成东湖污水处理厂”);号召性、表态性的话"
    "(如“加强组织领导”“提高政治站位”“形成工作合力”)不是任务。",
    "deadline 是允许完成的最后一天,写成 ISO 日期 YYYY-MM-DD:“年底前”为当年12月31日,"
    "“6月底前”为6月30日,“2020年前”为2020-12-31,“2019年春节前”为春节前一天2019-02-04;"
    "相对时间以给出的参考日期为准;原文没有时限则为 null。",
    "owner 为牵头或责任单位(照原文写法),cooperating 为配合单位;原文没有写明则为 null 或空列表。",
    "target 为原文中的量化目标(如“新增停车位300个”),没有则为 null。",
    "problems 为原文中指出的存在问题(逐字摘录),没有则为空列表。",
)

SYSTEM = "\n".join(
    [ROLE, "", "JSON 格式:", SHAPE, "", "约定:", *(f"{i}. {c}" for i, c in enumerate(CONVENTIONS, 1))]
)

USER = "参考日期:{ref_date}\n\n文件正文:\n{body}"


def messages(body: str, ref_date: date) -> list[dict[str, str]]:
    """The chat messages for one document body (or chunk) read against ``ref_date``."""
    return [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": USER.format(ref_date=ref_date.isoformat(), body=body)},
    ]
