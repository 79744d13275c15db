"""Task vocabulary (任务词表): action verbs, exhortations, report and speech cues."""

from __future__ import annotations

import re

#: Verbs of concrete action or commitment; a clause with one can start a task.
ACTION_VERBS: tuple[str, ...] = (
    "出台",
    "启动",
    "建成",
    "完成",
    "编制",
    "制定",
    "开展",
    "实施",
    "推进",
    "落实",
    "力争",
    "确保",
    "建设",
    "召开",
    "修订",
    "完善",
    "规划",
    "引进",
    "引入",
    "组织",
    "培育",
    "孵化",
    "加强",
    "加快",
    "强化",
    "用好",
    "发展",
    "抓好",
    "加大",
    "聚焦",
    "争取",
    "紧盯",
    "盯紧",
    "关注",
    "细化",
    "做好",
    "配合",
    "坚持",
    "算好",
    "明确",
    "推动",
    "打造",
    "提升",
    "开工",
    "竣工",
    "完工",
    "改造",
    "整治",
    "建立",
    "健全",
    "印发",
    "推开",
    "实现",
    "形成",
    "谋划",
    "依托",
    "追缴",
    "调查",
    "批评",
    "责令",
    "整改",
    "深化",
    "优化",
    "拓展",
    "扩大",
    "新建",
    "扩建",
    "投用",
    "交付",
    "上线",
    "签约",
    "落户",
    "化解",
    "破解",
    "狠抓",
    "抓紧",
    "抓实",
    "抓牢",
    "督促",
    "部署",
    "清理",
    "排查",
    "新增",
    "改善",
    "保障",
    "提供",
    "设立",
    "筹建",
    "申报",
    "办结",
    "销号",
    "督办",
    "牵头",
    "对接",
    "举办",
    "研究",
    "施策",
)
ACTION = re.compile("|".join(ACTION_VERBS) + r"|抓(?!一级|到底)(?=[\u4e00-\u9fff])")

#: Pure exhortations of attitude: a clause matching one is not a task.
EXHORTATION = re.compile(
    r"提高(?:政治)?站位|提高(?:思想)?认识|增强.{0,8}(?:意识|感)|树立.{0,8}感|苦干|快干|实干|一以贯之|"
    r"发扬.{0,12}精神|具备.{0,10}劲|不推诿|不扯皮|不放空炮|敢于担当|主动担当|主动作为|主动牵头|凝聚合力|"
    r"加油鼓劲|统一思想|高度重视|充分认识|认识到|讲政治|讲大局|讲党性|善做|善成|善担当|严督|严查|严问责|"
    r"一级抓一级|一环扣一环|迎头赶上|重点突破|履职尽责|齐心协力|解放思想|勇于担当|真抓实干|压实.{0,6}责任|"
    r"改进.{0,4}作风|提高.{0,4}效率|提升服务质量|思想自觉|紧迫意识|统一到|站在.{0,20}高度|作为.{0,10}来抓|"
    r"确保工作实效|关键要抓落实|扎实推进|有效落实|深入开展|稳步推进|以点带面|客观总结|科学研判|"
    r"主体责任|监督责任|具体责任"
)

#: Sentences that report a meeting or a statistic rather than assign work.
NOT_TASK_SENTENCE = re.compile(
    r"会议由|主持会议|出席会议|参加会议|出席并|比增|同比增长|增长\d|增幅排名|排名全市|排全市|"
    r"实现地区生产总值|进行了巡察|反馈了|予以公布|^经.{0,6}同意|印发给你们|特制定本方案|发展态势|"
    r"的重要举措|的必然要求|的重大政策|的重要内容|的重要抓手|"
    r"喜的是|忧的是|亮点纷呈|成效突显|^[一二三四五六七八九十]是[^,]*。?$"
)

#: Clauses that continue the previous task (examples, inclusions), never start one.
CONTINUATION = re.compile(r"^(?:包括|如|特别是|尤其是|其中|即|含)")

#: Subordinate time clauses (…后, …以来) that set the scene for the next clause.
SCENE_CLAUSE = re.compile(r"(?:后|以来|之际|期间|之时)$")

#: A past event told in a news lead (日前/上午 … 召开 … 会).
NEWS_EVENT = re.compile(r"(?:日前|近日|讯|上午|下午|昨天|今天).{0,40}召开|召开.{0,30}会议$")

#: Problem statements are not tasks.
PROBLEM_CUE = re.compile(r"不够|不足|薄弱|不理想|有限|短板|困难和挑战|不深不透|不到位|未有效|面临")

#: Clause that introduces speech (吴某要求), not content.
SPEECH_INTRO = re.compile(r"^.{0,14}(?:指出|强调|要求|表示|认为|提出|说|就.{0,12}(?:强调|指出|要求))$")

#: Labels that only name a field of work (产业互动方面).
LABEL_CLAUSE = re.compile(r"^.{0,10}方面$|^其中$|^同时$|^此外$|^另外$")

#: Leading words stripped from a task's text.
LEAD_WORDS = re.compile(
    r"^(?:[一二三四五六七八九十]是|要进一步|进一步|要|并且|并|同时|还要|必须|他要求|她要求)+"
)

#: Markers of work reported as done.
DONE = re.compile(
    r"已(?!经?开始)|均已|已经|超额完成|按计划完成|完成了|建成了|形成了|全面完成|提前完成|"
    r"交由|给予|追缴|批评帮助|责令检查|批评教育"
)

#: Deadline kinds: a time mention of these kinds can bound a task.
DEADLINE_KINDS = frozenset({"deadline", "period"})
