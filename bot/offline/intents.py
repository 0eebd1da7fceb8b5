"""Which question is being asked: rules over the normalised text and its slots."""

from __future__ import annotations

import re

from clusterbot.bot.offline.slots import KNOWN_THRESHOLDS, Slots

HELP = re.compile(r"你(能|可以|会)(做|干|帮|回答)|有什么(功能|用)|怎么用|使用说明|^帮助$|^help\b|what can you|how do i use|^菜单$")
LEADS = re.compile(r"牵头|负责|主管|谁来|哪个部门|哪些部门|什么部门|责任单位|配合|支持单位|协同|lead|responsible|in charge|support(?:s|ing)? unit|which (?:department|unit)")
SUPPORT_ONLY = re.compile(r"配合|支持单位|协同|support")
UNIT_TASKS = re.compile(r"(牵头|负责|配合|参与|承担|涉及)(了)?.{0,8}(哪些|什么|几项|多少|哪方面|哪几)|(哪些|什么)(任务|工作)"
                        r"|干啥|干什么|做啥|要做什么|职责|角色|分工"
                        r"|任务有哪些|what (?:tasks|does)|which tasks|involved in")
DEFINE = re.compile(r"什么是|是什么|指什么|含义|意思|定义|内涵|具体指|包括哪些|包含哪些|what (?:is|are|does)|meaning|mean|define")
CONTENT = re.compile(r"说了什么|讲了什么|讲的啥|说的啥|讲啥|说啥|内容|原文|怎么说|规定|要求|措施|做什么|怎么做|干什么|写了什么"
                     r"|say|says|content|text of")
TARGET = re.compile(r"目标|指标|要达到|达到多少|规划|力争|要培育|培育多少|培育几|哪[一1]?年|何时|什么时候|target|goal|aim|by when"
                    r"|which year|what year|supposed to|expected to|should reach|planned")
PROGRESS = re.compile(r"完成|进展|进度|实现了|达标|差多少|还差|on track|progress|achieved|met\b")
GAP = re.compile(r"离|距离|距|差距|还差|差多少|多远|多久|哪一?年|什么时候|能否|能不能|达到|迈过|突破|跨过|gap|how far|reach|when will|cross")
COUNTY_CLUSTERS = re.compile(r"有(哪些|哪几个|几个|什么).{0,6}集群|集群(有哪些|有哪几个|有几个|都有什么)|which clusters|what clusters")
RANK = re.compile(r"排名|排行|排序|排第|第\d+名|前\d|最大|最高|最多|最小|最低|top|rank|largest|biggest|highest|smallest|lowest|leading")
LIST = re.compile(r"哪些|哪几个|名单|列出|list|which")
ABOVE = re.compile(r"达到|以上|超过|过\s*\d|已是|已有|属于|above|over|at least")
COUNT = re.compile(r"几个|多少个|多少家|有几|是多少|多少|how many|number of")
WITHOUT = re.compile(r"没有|还没|尚未|未有|无|不足|低于|没达到|没培育|没形成|没过|没到|without|not yet|no\s")
CROSSED = re.compile(r"突破|跨过|迈过|新晋|首次|进入|crossed|new(?:ly)?")
COMPARE = re.compile(r"对比|比较|相比|和.{1,12}比|哪个(更|大|高)|谁(更|大)|vs\.?|versus|compare|compared")
PROFILE = re.compile(r"情况|概况|介绍|怎么样|如何|基本|画像|profile|about|overview|tell me")
GROWTH = re.compile(r"增长最快|增速最快|增长最多|增速最高|增长最慢|增速最低|同比增长|增速|下滑|下降|减少|负增长|萎缩"
                    r"|fastest|growth|declin|shrink")
DECLINE = re.compile(r"下滑|下降|减少|负增长|萎缩|declin|shrink")
MONEY = re.compile(r"多少钱|多少资金|多少经费|资金多少|金额|奖补多少|补贴多少|补助多少|奖励多少|给多少|how much money|subsidy amount")
# Words of this assistant's domain; a question with none of them is out of scope.
DOMAIN = re.compile(r"集群|产业|基地|营收|营业|收入|产值|企业|目标|指标|政策|意见|条款|牵头|配合|单位|任务|情况|概况|介绍|排名|排行"
                    r"|百亿|千亿|亿|差距|发展|规模|简报|数据|增长|对比|比较|县|市|cluster|industr|revenue|target|polic"
                    r"|lead|task|gap|rank|compare|profile|billion|county|city|clause")
OUT_OF_SCOPE = re.compile(r"天气|气温|下雨|下雪|降雨|降温|刮风|台风|彩票|笑话|写诗|一首诗|诗歌|写小说|歌词|翻译|房价|电影|足球|篮球|菜谱|做饭|星座|高铁|火车|车票|机票|"
                          r"航班|请假条|汇率|weather|\brain\b|\bsnow\b|joke|poem|recipe|movie|exchange rate|ticket|train|flight")
# Investment advice is never this assistant's to give, whatever industry the question names.
INVEST = re.compile(r"股票|股价|stock price|炒股|抄底|涨停|跌停|个股|理财产品|证券账户|买哪只|\bstocks?\b|\bshares\b")
OTHER_PROVINCE = re.compile(r"江苏|浙江|上海|山东|河南|湖北|江西|广东|福建|河北|四川|湖南|广西|云南|贵州|陕西|山西|辽宁|吉林"
                            r"|黑龙江|内蒙古|新疆|西藏|青海|甘肃|宁夏|海南|重庆|天津|北京"
                            r"|jiangsu|zhejiang|shandong|guangdong|henan|hubei|jiangxi|fujian|sichuan|hunan")
ANHUI = re.compile(r"安徽|皖|全省|我省|本省|省里|anhui")
# Opinions are not this assistant's to give; the guidance and the data are.
OPINION = re.compile(r"你(个人)?(觉得|认为|怎么看|的看法)|靠不靠谱|好不好|怎么评价|in your opinion|do you think|what do you think|your view")
# "蒙城汽配全省排第几": the place of one entity, which its profile states.
POSITION = re.compile(r"排第几|第几名|第几位|排在第几|排名(多少|如何|怎么样|情况)|what rank|which place|ranked where|its rank")
SHORT_FORM = re.compile(r"简称|全称|缩写|full name|short for|stand for")
INJECTION = re.compile(r"忽略.{0,8}(指令|规则|说明|设定)|system prompt|ignore (?:all|your|previous)|jailbreak|drop\s+table|;\s*delete\s+from|--\s*$")


def classify(text: str, slots: Slots, entities: list, units: list[str]) -> str | None:
    """The intent name, or None when nothing matched (the caller may treat it as a follow-up)."""
    lowered = text.lower()
    if HELP.search(lowered):
        return "help"
    if INJECTION.search(lowered) or INVEST.search(lowered):
        return "out_of_scope"
    if OPINION.search(lowered) and not (entities or units or slots.tasks or slots.threshold or slots.clause_ref):
        return "out_of_scope"
    if OTHER_PROVINCE.search(lowered) and not ANHUI.search(lowered) and not (
            entities or units or slots.tasks or slots.clause_ref or LEADS.search(lowered)):
        return "other_province"
    if OUT_OF_SCOPE.search(lowered) and not (slots.tasks or slots.term or slots.metric or slots.threshold):
        return "out_of_scope"
    if SHORT_FORM.search(lowered) and not (entities or units or slots.tasks or slots.clause_ref):
        return "abbreviation"
    if slots.clause_ref and (CONTENT.search(lowered) or not (entities or slots.tasks)):
        return "clause"
    if units and UNIT_TASKS.search(lowered) and not slots.tasks:
        return "unit_tasks"
    if slots.tasks and LEADS.search(lowered):
        # "What does it say about solar, and who leads that?": the text, with its units
        return "task_content" if CONTENT.search(lowered) and not slots.clause_ref else "who_leads"
    if LEADS.search(lowered) and not units and not entities and not slots.metric:
        return "who_leads"
    if slots.term and DEFINE.search(lowered) and not entities:
        return "definition"
    if len(entities) >= 2 and (COMPARE.search(lowered) or re.search(r"和|与|跟|同|还是|哪个", text) or " and " in lowered):
        return "compare"
    if not entities and GROWTH.search(lowered) and (LIST.search(lowered) or slots.top_n or RANK.search(lowered)):
        return "growth"
    if not entities and slots.threshold and LIST.search(lowered) and WITHOUT.search(lowered):
        return "without_threshold"
    if not entities and slots.threshold and slots.years and CROSSED.search(lowered) and LIST.search(lowered):
        return "crossed"
    if not entities and slots.threshold and LIST.search(lowered) and ABOVE.search(lowered) and not TARGET.search(lowered):
        return "above_threshold"
    if not entities and slots.threshold not in (None, *KNOWN_THRESHOLDS) and ABOVE.search(lowered) and COUNT.search(lowered):
        return "above_threshold"  # "营收过150亿的集群有几个": a level the policy sets no count for
    if entities and slots.threshold and not (slots.top_n and slots.top_n > 1):
        return "gap"
    if entities and GAP.search(lowered) and not RANK.search(lowered):
        return "gap"
    if not entities and (TARGET.search(lowered) or PROGRESS.search(lowered)) and (
        slots.metric or slots.years or slots.threshold or slots.amounts_yi or "集群" in text or "cluster" in lowered
    ):
        return "province"
    if not entities and (slots.metric or slots.threshold or slots.tier_range) and COUNT.search(lowered) and not (
        RANK.search(lowered) or LIST.search(lowered) or slots.top_n
    ):
        return "province"
    if entities and POSITION.search(lowered):
        return "profile"
    if entities and all(e.kind == "county" for e in entities) and COUNTY_CLUSTERS.search(lowered):
        return "profile"  # "舒城县有哪些特色产业集群？": the county's own clusters
    if slots.top_n or RANK.search(lowered) or (LIST.search(lowered) and (slots.sector or slots.metric)):
        if entities or slots.metric or slots.sector or "集群" in text or "cluster" in lowered or "县" in text:
            return "rank"
    if slots.tasks and (CONTENT.search(lowered) or DEFINE.search(lowered)):
        return "task_content"
    if slots.term:
        return "definition"
    if entities:
        return "profile"
    if slots.tasks:
        return "task_content"
    if units and LEADS.search(lowered):
        return "unit_tasks"
    if OUT_OF_SCOPE.search(lowered):
        return "out_of_scope"
    return None
