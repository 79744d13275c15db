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
    # Concrete works and procedures (工程、程序性动作).
    "打通",
    "贯通",
    "拆除",
    "加装",
    "安装",
    "铺设",
    "修建",
    "修缮",
    "搬迁",
    "征收",
    "上报",
    "报送",
    "验收",
    "移交",
    "关停",
    "取缔",
    "推行",
    "挂牌",
    "解决",
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
    r"主体责任|监督责任|具体责任|"
    # Attitude and method words of closing paragraphs (工作要求) rather than measures.
    r"形成.{0,4}合力|协作配合|密切配合|坚持问题导向|坚持目标导向|倒排工期|挂图作战|亲自抓|负总责|"
    r"取得实效|担当作为|落到实处|(?:认真)?(?:抓好|做好)?(?:会议|文件|讲话)?精神的?(?:贯彻)?落实|贯彻落实.{0,6}精神|"
    r"明确责任(?!单位)|加强(?:组织)?领导|加强统筹协调|强化组织保障|(?:加强|凝聚|汇聚)合力|"
    r"敢于?(?:攻坚|碰硬|亮剑)|善(?:落实|作为|攻坚)|"
    r"获得感|幸福感|安全感|责任感|紧迫感|使命感"
)

#: Outcome clauses (城市功能品质明显提升): a state the work should reach, read as part of the
#: preceding task rather than as a task of its own.
OUTCOME_CLAUSE = re.compile(
    r"(?:明显|显著|大幅|持续|全面|进一步|不断|稳步|有效|基本)(?:提升|提高|改善|增强|优化|加强|增加|好转|降低|下降)$"
)

#: A purpose clause (为切实抓好…, 为了…) that opens a sentence and is followed by the measure.
PURPOSE_CLAUSE = re.compile(
    r"^为了?(?:切实|进一步|加快|全面|深入|推动|促进|确保|做好|抓好|贯彻|落实|提升|加强|补齐|巩固)"
)

#: Paragraphs that look back (过去一年…) or relay what a meeting heard: achievements, not commitments.
RETROSPECT_PARAGRAPH = re.compile(
    r"^(?:过去(?:的)?(?:一|三|五|\d+)?年|去年|上年|上一年|回顾.{0,12}(?:工作|一年)|"
    r"会议(?:通报|听取|观看|传达|审议|学习)了?|会上,)"
)

#: A paragraph that introduces a list (…如下:, 办好十件为民实事:).
LIST_INTRO = re.compile(r"[::]$")

#: Lists of annual commitments (为民办实事, 年度重点任务): their items are due at the plan year's end.
#: A whole document framed as one year's commitments (政府工作报告重点工作, 为民办实事, 今年计划):
#: read in its title or lead paragraph.
ANNUAL_FRAME = re.compile(
    r"政府工作报告|(?<!多)(?<!两)(?<!三)实事|民生(?:项目|工程)|年度(?:重点)?(?:任务|项目|工作|目标)|"
    r"重点工作(?:任务)?(?:完成|推进|进展|落实)|(?:今年|本年度|全年)计划"
)
ANNUAL_LIST = re.compile(
    r"实事|民生(?:项目|工程)|年度(?:重点)?(?:任务|项目|工作|目标)|重点工作(?:任务)?|承诺"
)

#: Headings of sections that list problems (存在问题, 问题清单); a heading that also names
#: measures (问题清单及整改措施) is not one.
PROBLEM_HEADING = re.compile(
    r"存在(?:的)?问题|问题清单|主要问题|突出问题|问题表现|薄弱环节|短板和不足|困难和问题"
)
MEASURE_HEADING = re.compile(r"措施|任务|举措|对策|整改|计划|安排|建议")

#: Sentences that report a meeting or a statistic rather than assign work.
NOT_TASK_SENTENCE = re.compile(
    r"会议由|主持会议|出席会议|参加会议|出席并|比增|同比增长|增长\d|增幅排名|排名全市|排全市|"
    r"实现地区生产总值|进行了巡察|反馈了|予以公布|^经.{0,6}同意|印发给你们|特制定本方案|发展态势|"
    r"的重要举措|的必然要求|的重大政策|的重要内容|的重要抓手|"
    r"喜的是|忧的是|亮点纷呈|成效突显|^[一二三四五六七八九十]是[^,]*。?$|"
    r"制定本方案|特制定|制定如下|如下[::]|取得(?:了)?(?:阶段性|明显|显著|积极|初步)?成效"
)

#: A clause that reports what was done at a meeting (进行了部署, 作了交流发言); the clauses after it
#: may still assign work (…,要求各镇街于4月30日前上报…).
REPORTED_CLAUSE = re.compile(
    r"(?:进行|作)了.{0,6}(?:部署|安排|发言|汇报|通报|交流)|交流发言|"
    # Statistics of work done (累计完成投资…, 占全年计划110%, 完成率76%, 处分0人)
    # and states reached (目前已…).
    r"占(?:全年|年度)?计划|完成率|^累计|累计(?:完成|培育|实现|建成)|目前已|(?<![\d.])0(?:人|个|项|起|件|家)"
)

#: Clauses that continue the previous task (examples, inclusions), never start one.
CONTINUATION = re.compile(r"^(?:包括|如|特别是|尤其是|其中|即|含)")

#: Subordinate time clauses (…后, …以来) that set the scene for the next clause.
SCENE_CLAUSE = re.compile(r"(?:后|以来|之际|期间|之时)$")

#: A past event told in a news lead (日前/上午 … 召开 … 会).
NEWS_EVENT = re.compile(
    r"(?:日前|近日|讯|上午|下午|昨天|今天).{0,40}召开|召开.{0,30}会议$|^本[报网]讯|召开.{0,50}(?:推进|工作|调度|座谈|分析)会$"
)

#: Problem statements are not tasks.
PROBLEM_CUE = re.compile(
    r"不够|不足|薄弱|不理想|有限|(?<!补齐)(?<!补)短板|困难和挑战|不深不透|不到位|未有效|面临|"
    r"问题(?:依然|仍然|较为|比较)?突出|推进缓慢|进度滞后|流于形式|不规范|不及时|走过场|乏力"
)

#: Clause that introduces speech (吴某要求), not content.
SPEECH_INTRO = re.compile(r"^.{0,14}(?:指出|强调|要求|表示|认为|提出|说|就.{0,12}(?:强调|指出|要求))$")

#: Labels that only name a field of work (产业互动方面).
LABEL_CLAUSE = re.compile(
    r"^.{0,10}方面$|^其中$|^同时$|^此外$|^另外$|^从.{0,12}(?:来看|看)$|^总体(?:来|上)?看$"
)

#: Leading words stripped from a task's text.
LEAD_WORDS = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[((][一二三四五六七八九十]+[))]|\d{1,2}(?:、|\.(?!\d)|\.(?=\d{4}年))|"
    r"[((]\d{1,2}[))]|[一二三四五六七八九十]是|要进一步|进一步|要(?!求)|并且|并|同时|还要|必须|"
    r"他要求|她要求|要求|下一步)+[,:]?"
)

#: Markers of work reported as done.
DONE = re.compile(
    r"已(?!经?开始)|均已|已经|超额完成|按计划完成|完成了|建成了|形成了|全面完成|提前完成|"
    r"交由|给予|追缴|批评帮助|责令检查|批评教育"
)

#: Deadline kinds: a time mention of these kinds can bound a task.
# Enumeration markers inside a sentence: each opens its own task (一是…,二是…).
ENUMERATION = re.compile(r"[一二三四五六七八九十]是|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d)")

DEADLINE_KINDS = frozenset({"deadline", "period"})
