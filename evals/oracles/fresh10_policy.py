#!/usr/bin/env python3
"""Oracle for the fresh10_policy question set.

Parses data/policy/anhui-county-clusters-guidance-2024.txt (+ .meta.yaml, unit_aliases.yaml) and
derives every gold used in fresh10_policy.yaml: clause ids, lead / supporting units per task,
numbers stated in the text (targets, indicator table), counts of tasks per unit, set operations
over units, and document metadata.

    python3 evals/oracles/fresh10_policy.py                 # print the derived facts
    python3 evals/oracles/fresh10_policy.py --check SET.yaml # re-derive the golds of every case and compare

Clause ids follow the product convention: preamble -> 0, 一 -> 1, 三（二） -> 3.2, 三（二）1 -> 3.2.1,
the indicator table under 二 -> 2.table, its printed rows 2.table.1 … 2.table.8.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

SRC = Path(__file__).resolve().parents[2] / "data" / "policy"
TEXT = SRC / "anhui-county-clusters-guidance-2024.txt"
META = SRC / "anhui-county-clusters-guidance-2024.meta.yaml"
ALIASES = SRC / "unit_aliases.yaml"

CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
ALL_CITY_COUNTY = "各市、县人民政府"

RE_TOP = re.compile(r"^([一二三四五六七八九十]+)、\s*(.+)$")
RE_SUB = re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*(.+)$")
RE_ITEM = re.compile(r"^(\d+)\.\s*(.+)$")
RE_SIGN = re.compile(r"^安徽省人民政府办公厅$")


def norm(s: str) -> str:
    """Fold the half-width punctuation used in part 四 of the extraction and drop whitespace."""
    s = s.replace("(", "（").replace(")", "）").replace(",", "，").replace(":", "：")
    return re.sub(r"\s+", "", s)


def parse(path: Path = TEXT) -> dict:
    lines = path.read_text(encoding="utf-8").splitlines()
    clauses: dict[str, dict] = {}
    order: list[str] = []
    table_rows: dict[int, dict] = {}
    title = ""
    cur_top = cur_sub = None
    cur = None
    in_table = False
    trailer: list[str] = []
    in_trailer = False

    def open_clause(cid: str, heading: str, body: str = "") -> dict:
        c = {"id": cid, "heading": heading, "text": body}
        clauses[cid] = c
        order.append(cid)
        return c

    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if in_trailer:
            trailer.append(line)
            continue
        if not title:
            title = re.sub(r"\s+", "", line)
            continue
        if RE_SIGN.match(line):
            in_trailer = True
            trailer.append(line)
            continue
        if cur is None:                       # addressees and preamble
            c = clauses.get("0") or open_clause("0", "前言")
            c["text"] += line + "\n"
            if line.startswith("为贯彻落实"):
                cur = c
            continue
        m = RE_TOP.match(line)
        if m and m.group(1) in CN_NUM:
            cur_top, cur_sub, in_table = CN_NUM[m.group(1)], None, False
            cur = open_clause(str(cur_top), m.group(2))
            continue
        m = RE_SUB.match(line)
        if m and cur_top is not None:
            cur_sub = CN_NUM[m.group(1)]
            head = m.group(2)
            hm = re.match(r"^(.+?)。(.*)$", head)
            heading, body = (hm.group(1), hm.group(2)) if (hm and cur_top == 4) else (head, "")
            cur = open_clause(f"{cur_top}.{cur_sub}", heading, body + ("\n" if body else ""))
            continue
        if line.startswith("集群高质量发展主要指标") and cur_top == 2:
            in_table = True
            cur = open_clause("2.table", line)
            continue
        if in_table:
            cells = [x.strip() for x in raw.split("\t")]
            if len(cells) == 4 and RE_ITEM.match(cells[0]):
                no, name = RE_ITEM.match(cells[0]).groups()
                table_rows[int(no)] = {"name": name, "2023": cells[1], "2025": cells[2], "2027": cells[3]}
                cid = f"2.table.{no}"
                clauses[cid] = {"id": cid, "heading": name, "text": raw}
                order.append(cid)
            clauses["2.table"]["text"] += raw + "\n"
            continue
        m = RE_ITEM.match(line)
        if m and cur_top == 3 and cur_sub is not None:
            no, rest = m.groups()
            hm = re.match(r"^(.+?)。(.*)$", rest)
            cur = open_clause(f"3.{cur_sub}.{no}", hm.group(1), hm.group(2) + "\n")
            continue
        cur["text"] += line + "\n"         # continuation (including page breaks inside a sentence)

    # responsible units per task
    for cid in order:
        c = clauses[cid]
        t = norm(c["text"])
        m = re.search(r"（牵头单位：(.+?)(?:，配合单位：(.+?))?）$", t)
        c["lead"], c["support"] = [], []
        if m:
            c["lead"] = split_units(m.group(1))
            c["support"] = split_units(m.group(2) or "")
            c["body"] = t[: m.start()]
        else:
            c["body"] = t
    meta = yaml.safe_load(META.read_text(encoding="utf-8"))
    return {"title": title, "clauses": clauses, "order": order, "table": table_rows,
            "trailer": trailer, "meta": meta}


def split_units(s: str) -> list[str]:
    s = s.replace(ALL_CITY_COUNTY, "@@")
    out = [u.replace("@@", ALL_CITY_COUNTY) for u in re.split(r"[、，]", s) if u]
    return out


DOC = parse()
C = DOC["clauses"]
TASKS = [cid for cid in DOC["order"] if C[cid]["lead"]]          # the 13 tasks with printed units
CANON = list(yaml.safe_load(ALIASES.read_text(encoding="utf-8")).keys())


# ---------------------------------------------------------------- fact helpers used by GOLDS
def L(cid):            # lead units of a task
    return list(C[cid]["lead"])


def S(cid):            # supporting units of a task
    return list(C[cid]["support"])


def led_by(unit):      # tasks a unit leads
    return [c for c in TASKS if unit in C[c]["lead"]]


def supported_by(unit):
    return [c for c in TASKS if unit in C[c]["support"]]


def involved(unit):
    return [c for c in TASKS if unit in C[c]["lead"] or unit in C[c]["support"]]


def n_led(unit):
    return len(led_by(unit))


def n_sup(unit):
    return len(supported_by(unit))


def n_inv(unit):
    return len(involved(unit))


def both(u1, u2):      # tasks in which both units take part (any role)
    return [c for c in TASKS if c in involved(u1) and c in involved(u2)]


def either(u1, u2):
    return [c for c in TASKS if c in involved(u1) or c in involved(u2)]


def units_in(cids, role="any"):
    out = []
    for c in cids:
        pool = C[c]["lead"] if role == "lead" else C[c]["support"] if role == "support" else C[c]["lead"] + C[c]["support"]
        for u in pool:
            if u not in out:
                out.append(u)
    return out


def under(prefix):     # tasks under a clause (3.2 -> 3.2.1, 3.2.2)
    return [c for c in TASKS if c == prefix or c.startswith(prefix + ".")]


def row(no, year):     # indicator table cell, numeric when possible
    v = DOC["table"][no][str(year)]
    try:
        return float(v)
    except ValueError:
        return v


def body(cid):
    return C[cid]["body"]


def para2(year):       # the 工作目标 paragraph of a year
    for p in C["2"]["text"].split("\n"):
        if p.startswith(f"到 {year} 年") or p.startswith(f"到{year}年"):
            return norm(p)
    raise KeyError(year)


def num(pattern, text):
    m = re.search(pattern, text)
    if not m:
        raise KeyError(pattern)
    return float(m.group(1))


def target(year, key):
    """Numbers of the 工作目标 paragraphs (二), by a short key."""
    p = para2(year)
    pats = {
        "百亿级": r"百亿级集群(\d+)个",
        "500亿级": r"500亿级集群(\d+)个",
        "300-500亿级": r"300—500亿级集群(\d+)个",
        "千亿级": r"千亿级集群(?:达到)?(\d+)个",
        "总规模万亿": r"总规模突破(\d+(?:\.\d+)?)万亿元",
        "高新技术企业": r"高新技术企业(\d+)家",
        "专精特新": r"专精特新企业(\d+)家",
        "龙头企业": r"龙头企业(\d+)家",
        "伙伴企业": r"“伙伴”企业(\d+)家",
        "品牌集群": r"力争培育(\d+)个左右在全国",
        "集群总数": r"集群总数(\d+)个",
        "每县百亿": r"每个县（市）至少培育形成(\d+)个",
    }
    return num(pats[key], p)


def mentions(term):    # clause ids whose text contains a term (locate)
    t = norm(term)
    return [c for c in DOC["order"] if t in norm(C[c]["text"]) and not c.startswith("2.table.")]


def leaf_mentions(term):
    """Most specific clauses containing a term (drop a clause when one of its children also has it)."""
    hits = mentions(term)
    return [c for c in hits if not any(h != c and h.startswith(c + ".") for h in hits)]


def meta(key):
    return DOC["meta"][key]


# ---------------------------------------------------------------- printing
def show():
    print("title:", DOC["title"])
    for cid in DOC["order"]:
        c = C[cid]
        print(f"[{cid}] {c['heading']}")
        if c["lead"]:
            print("    lead:", "、".join(c["lead"]))
            print("    support:", "、".join(c["support"]) or "（无）")
    print("\nTASKS:", len(TASKS), TASKS)
    print("\nunit                       led  sup  any   led-tasks / supported-tasks")
    for u in CANON:
        print(f"{u:<20} {n_led(u):>4} {n_sup(u):>4} {n_inv(u):>4}   {led_by(u)} / {supported_by(u)}")
    print("\ntable:")
    for k, v in DOC["table"].items():
        print(k, v)
    for y, keys in {2025: ["百亿级", "500亿级", "300-500亿级", "总规模万亿", "高新技术企业", "专精特新", "龙头企业", "伙伴企业", "品牌集群"],
                    2027: ["百亿级", "千亿级", "总规模万亿"], 2030: ["每县百亿", "千亿级", "总规模万亿", "集群总数"]}.items():
        print(y, {k: target(y, k) for k in keys})
    print("meta:", DOC["meta"])
    print("trailer:", DOC["trailer"])


# ---------------------------------------------------------------- the question set
ALIAS = {}
for _canon, _al in yaml.safe_load(ALIASES.read_text(encoding="utf-8")).items():
    ALIAS[_canon] = _canon
    for _a in _al:
        ALIAS[_a.lower().replace(" ", "")] = _canon


def U(name):
    """Canonical unit name of an alias (as officials type it)."""
    return ALIAS[name.lower().replace(" ", "")]


FGW, KJ, GX, NY, WL = U("发改委"), U("科技厅"), U("经信厅"), U("农业厅"), U("文旅厅")
SJ, CZ, JY, RS, ST = U("市场监管局"), U("财政厅"), U("教育厅"), U("人社厅"), U("环保厅")
NYJ, SW, SJJ, WB, MZ = U("能源局"), U("商务厅"), U("数据局"), U("外办"), U("民政厅")
XX, ZR, JR, LY, SX = U("新兴办"), U("自然资源厅"), U("金融局"), U("林业局"), U("市县政府")


def neither(u1, u2):
    return [c for c in TASKS if c not in involved(u1) and c not in involved(u2)]


def led_and_supported(lead_unit, sup_unit):
    return [c for c in led_by(lead_unit) if c in supported_by(sup_unit)]


def only_in(u1, u2):     # tasks where u1 takes part and u2 does not
    return [c for c in involved(u1) if c not in involved(u2)]


def n_support(cid):
    return len(S(cid))


def max_support():
    top = max(n_support(c) for c in TASKS)
    return [c for c in TASKS if n_support(c) == top]


def no_support():
    return [c for c in TASKS if not S(c)]


def multi_lead():
    return [c for c in TASKS if len(L(c)) > 1]


def single_task_units(provincial_only=True):
    return [u for u in CANON if n_inv(u) == 1 and not (provincial_only and u == SX)]


def provincial_units():
    return [u for u in units_in(TASKS) if u != SX]


def tasks_of(prefix):
    return under(prefix)


def heading(cid):
    return C[cid]["heading"]


def N(value, unit, tol=0.0, label=""):
    v = round(float(value), 6)
    d = {"value": int(v) if v == int(v) else v, "unit": unit, "tol": tol}
    if label:
        d["label"] = label
    return d


def loc(term):
    hits = leaf_mentions(term)
    assert hits, term
    return hits


def uniq(seq):
    out = []
    for x in seq:
        if x not in out:
            out.append(x)
    return out


RANGE_2_3 = "2—3|2-3|2～3|2~3|2至3|2到3|两到三|二至三|两三"
CASES: list[dict] = []
EXP_KEYS = ["status", "clauses", "lead_units", "support_units", "numbers", "require", "forbid", "also_ok"]


def _exp(d):
    out = {}
    for k in EXP_KEYS:
        v = d.get(k)
        if v in (None, [], "answered"):
            continue
        out[k] = list(v) if isinstance(v, (list, tuple)) else v
    return out


def _tags(ops, styles, extra=()):
    tags = ["policy", *extra]
    tags += [o if o in ("decline", "conversation", "multipart") else f"op:{o}" for o in ops.split(",") if o]
    tags += [f"style:{s}" for s in styles.split(",") if s]
    return tags


def case(cid, intent, ops, styles, q, note="", **exp):
    c = {"id": cid, "intent": intent, "tags": _tags(ops, styles), "q": q, **_exp(exp)}
    if note:
        c["note"] = note
    CASES.append(c)


def decline(cid, styles, q, status, note):
    CASES.append({"id": cid, "intent": "decline", "tags": _tags("decline", styles), "q": q,
                  "status": status, "note": note})


def turn(q, intent=None, **exp):
    t = {"q": q}
    if intent:
        t["intent"] = intent
    t.update(_exp(exp))
    return t


def conv(cid, ops, styles, turns, note=""):
    c = {"id": cid, "intent": "conversation", "tags": _tags("conversation," + ops, styles), "turns": turns}
    if note:
        c["note"] = note
    CASES.append(c)


def build():
    CASES.clear()
    # ------------------------------------------------------------ clause_text
    case("p-ct-qunzhu", "clause_text", "clause_text", "plain",
         "引育群主企业这一条的原文是怎么写的？",
         clauses=["3.1.1"], require=["沪苏浙", RANGE_2_3])
    case("p-ct-brand", "clause_text", "clause_text", "colloquial,nickname",
         "我们怀宁蓝莓想打区域公共品牌，创建区域公共品牌那条具体要县里干些啥",
         clauses=["3.1.2"], require=["地理标志|集体商标", "品牌服务平台|联盟标准|展览展示"])
    case("p-ct-platform", "clause_text", "clause_text", "abbrev",
         "三（一）3 产业创新平台 原文发一下",
         clauses=["3.1.3"], require=["一产业一研究院", "科创飞地"])
    case("p-ct-digital", "clause_text", "clause_text", "typo",
         "推动数自化改造那一条讲了哪些内容",
         clauses=["3.2.1"], require=["上云上平台|工业互联网", "智能工厂|5G全连接工厂|数字化车间"])
    case("p-ct-scene", "clause_text", "clause_text", "voice",
         "嗯那个联合开展场景创新你把原文给我念一下就是那条场景的",
         clauses=["3.2.2"], require=["垂直应用场景|场景资源|海量场景"])
    case("p-ct-energy", "clause_text", "clause_text", "traditional",
         "推進節能降碳這一條原文怎麼寫的？",
         clauses=["3.3.1"], require=["三改联动|三改聯動", "一企一策"])
    case("p-ct-green", "clause_text", "clause_text", "english",
         "What exactly does the guidance say under 'promoting green transformation' (推动绿色转型)?",
         clauses=["3.3.2"], require=["光伏|photovoltaic|solar", "循环化改造|circular"])
    case("p-ct-open", "clause_text", "clause_text", "plain",
         "“融入高能级开放平台”这一条的具体表述是什么？",
         clauses=["3.4.1"], require=["定制班列|中欧", "徽动全球"])
    case("p-ct-intl", "clause_text", "clause_text", "polite",
         "麻烦您把“参与国际产业合作”这一条的原文发我一下，谢谢！",
         clauses=["3.4.2"], require=["碳足迹", "海外仓|跨境电商"])
    case("p-ct-5yi", "clause_text", "clause_text", "dialect",
         "五个一推进机制那一块原话是咋个说的嘛",
         clauses=["4.1"], require=["专业管理机构", "行业协会"])
    case("p-ct-empower", "clause_text", "clause_text", "colloquial",
         "强化省级赋能那段到底讲了些啥？",
         clauses=["4.2"], require=["亩均论英雄", "3年|三年"])
    case("p-ct-select", "clause_text", "clause_text", "plain",
         "完善遴选培育机制这条有哪些具体要求？",
         clauses=["4.4"], require=["遴选认定", "接续集群"])
    case("p-ct-general", "clause_text", "clause_text", "plain",
         "总体要求这一部分原文是怎么说的",
         clauses=["1"], require=["兵团式|阵地战", "高端化"])
    # ------------------------------------------------------------ who_leads
    case("p-wl-qunzhu", "who_leads", "who_leads", "plain",
         "引育群主企业的牵头单位是谁？",
         clauses=["3.1.1"], lead_units=L("3.1.1"))
    case("p-wl-platform", "who_leads", "who_leads", "abbrev",
         "产业创新平台谁牵头",
         clauses=["3.1.3"], lead_units=L("3.1.3"))
    case("p-wl-digital", "who_leads", "who_leads", "colloquial",
         "数字化改造这摊事归哪个部门牵头啊？",
         clauses=["3.2.1"], lead_units=L("3.2.1"))
    case("p-wl-scene", "who_leads", "who_leads", "typo",
         "场景创薪由哪个部门牵头",
         clauses=["3.2.2"], lead_units=L("3.2.2"))
    case("p-wl-energy", "who_leads", "who_leads", "english",
         "Which department takes the lead on energy saving and carbon reduction for the clusters?",
         clauses=["3.3.1"], lead_units=L("3.3.1"))
    case("p-wl-green", "who_leads", "who_leads", "traditional",
         "推動綠色轉型的牽頭單位是哪個？",
         clauses=["3.3.2"], lead_units=L("3.3.2"))
    case("p-wl-open", "who_leads", "who_leads,yesno", "dialect",
         "融入高能级开放平台是哪个牵头撒，是不是商务厅哦",
         clauses=["3.4.1"], lead_units=L("3.4.1"), support_units=[SW],
         note="商务厅只是配合单位，牵头的是省发展改革委")
    case("p-wl-intl", "who_leads", "who_leads", "polite",
         "您好，请问“参与国际产业合作”这项任务由哪个单位牵头？",
         clauses=["3.4.2"], lead_units=L("3.4.2"))
    case("p-wl-5yi", "who_leads", "who_leads", "voice",
         "嗯那个五个一推进机制是谁牵头来着",
         clauses=["4.1"], lead_units=L("4.1"))
    case("p-wl-empower", "who_leads", "who_leads", "colloquial",
         "强化省级赋能这块谁挑头？",
         clauses=["4.2"], lead_units=L("4.2"))
    case("p-wl-brand-qihong", "who_leads", "who_leads,locate", "nickname",
         "我们祁红想申报地理标志、打区域公共品牌，文件里这事谁牵头？",
         clauses=["3.1.2"], lead_units=L("3.1.2"))
    case("p-wl-changfeng", "who_leads", "who_leads,locate", "nickname",
         "长丰汽车那边想再引进几家龙头企业，对应文件哪条任务，谁牵头",
         clauses=["3.1.1"], lead_units=L("3.1.1"), require=["群主企业"])
    case("p-wl-guangde", "who_leads", "who_leads,locate", "english,nickname",
         "The Guangde PCB cluster wants to build smart factories and digital workshops. Which provincial department leads that task?",
         clauses=["3.2.1"], lead_units=L("3.2.1"))
    # ------------------------------------------------------------ unit_tasks
    case("p-ut-kjt-lead", "unit_tasks", "unit_tasks", "plain",
         "省科技厅牵头的是哪些任务？",
         clauses=led_by(KJ), lead_units=[KJ], require=["产业创新平台"])
    case("p-ut-fgw-lead", "unit_tasks", "unit_tasks", "abbrev",
         "发改委牵头的任务有哪些",
         clauses=led_by(FGW), lead_units=[FGW])
    case("p-ut-gxt-support", "unit_tasks", "unit_tasks", "abbrev,colloquial",
         "经信厅作为配合单位要干哪些活？",
         clauses=supported_by(GX), support_units=[GX])
    case("p-ut-scjg", "unit_tasks", "unit_tasks", "colloquial",
         "市场监管局在这个文件里有啥任务",
         clauses=involved(SJ), support_units=[SJ])
    case("p-ut-sw", "unit_tasks", "unit_tasks", "english",
         "What tasks is the provincial Department of Commerce responsible for in this guidance, either leading or supporting?",
         clauses=involved(SW), lead_units=[SW], support_units=[SW])
    case("p-ut-cz", "unit_tasks", "unit_tasks", "traditional",
         "省財政廳在這份文件裡要配合哪些工作？",
         clauses=supported_by(CZ), support_units=[CZ])
    case("p-ut-rs", "unit_tasks", "unit_tasks", "dialect",
         "人社厅在里头有啥子活路嘛",
         clauses=involved(RS), support_units=[RS])
    case("p-ut-hbt", "unit_tasks", "unit_tasks", "nickname",
         "环保厅要配合哪几项？",
         clauses=supported_by(ST), support_units=[ST], note="环保厅为省生态环境厅旧称")
    case("p-ut-nyj", "unit_tasks", "unit_tasks", "voice",
         "能源局参与了哪些任务说一下",
         clauses=involved(NYJ), support_units=[NYJ])
    case("p-ut-sjj", "unit_tasks", "unit_tasks", "typo",
         "省数剧局在文件里负责啥",
         clauses=involved(SJJ), support_units=[SJJ])
    case("p-ut-wb", "unit_tasks", "unit_tasks", "polite",
         "请问省外办在这份文件中承担哪些任务？谢谢。",
         clauses=involved(WB), support_units=[WB])
    case("p-ut-county-lead", "unit_tasks", "unit_tasks", "colloquial,nickname",
         "我是濉溪县政府办的，我们县有濉溪白酒、铝基两个集群，文件里哪些事是我们市县政府牵头的？",
         clauses=led_by(SX), lead_units=[SX])
    case("p-ut-xx", "unit_tasks", "unit_tasks,multipart", "nickname",
         "新兴办牵头哪项、配合哪项？",
         clauses=involved(XX), lead_units=[XX], support_units=[XX])
    # ------------------------------------------------------------ counts
    case("p-cnt-fgw", "count", "count,unit_tasks,multipart", "plain",
         "省发展改革委一共参与了几项任务？其中牵头几项、配合几项？",
         numbers=[N(n_inv(FGW), "项", label="参与"), N(n_led(FGW), "项", label="牵头"),
                  N(n_sup(FGW), "项", label="配合")],
         also_ok=involved(FGW))
    case("p-cnt-gxt-lead", "count", "count,unit_tasks", "abbrev",
         "工信厅牵头的有几项",
         clauses=led_by(GX), lead_units=[GX], numbers=[N(n_led(GX), "项")])
    case("p-cnt-main", "count", "count,locate", "plain",
         "主要任务部分一共列了多少条具体任务？",
         clauses=["3"], numbers=[N(len(tasks_of("3")), "项")], also_ok=tasks_of("3"))
    case("p-cnt-actions", "count", "count,clause_text", "colloquial",
         "主要任务分成几大行动？都叫啥名？",
         clauses=["3.1", "3.2", "3.3", "3.4"], numbers=[N(len([c for c in DOC["order"] if re.fullmatch(r"3\.\d+", c)]), "个")],
         require=["创新发展", "数字化改造", "绿色转型升级|绿色转型", "走出去"], also_ok=["3"])
    case("p-cnt-county-lead", "count", "count,unit_tasks", "voice",
         "市县政府牵头的一共几项",
         clauses=led_by(SX), lead_units=[SX], numbers=[N(n_led(SX), "项")])
    case("p-cnt-single", "count", "count,set", "plain",
         "只在一项任务里出现过的省直单位有几个？分别是哪些？",
         clauses=uniq(involved(u)[0] for u in single_task_units()),
         support_units=single_task_units(), numbers=[N(len(single_task_units()), "个")])
    case("p-cnt-prov-units", "count", "count,set", "polite",
         "麻烦统计一下：文件里牵头和配合单位加起来，一共涉及多少个省直部门（不算市县政府）？",
         numbers=[N(len(provincial_units()), "个")], also_ok=TASKS)
    case("p-cnt-sw", "count", "count,unit_tasks,multipart", "english",
         "How many tasks does the Department of Commerce lead, and how many does it support?",
         clauses=involved(SW), lead_units=[SW], support_units=[SW],
         numbers=[N(n_led(SW), "项", label="lead"), N(n_sup(SW), "项", label="support")])
    # ------------------------------------------------------------ set operations
    case("p-set-kj-gx", "set", "set", "plain",
         "科技厅和工信厅都参与的任务有哪几条？",
         clauses=both(KJ, GX))
    case("p-set-neither", "set", "set", "colloquial",
         "有没有哪条任务发改委和工信厅都不沾边的",
         clauses=neither(FGW, GX))
    case("p-set-st-nyj", "set", "set", "abbrev",
         "生态环境厅和能源局同时出现在哪几条",
         clauses=both(ST, NYJ), support_units=[ST, NYJ])
    case("p-set-wb-or-sjj", "set", "set", "plain",
         "外办或者数据局参与的任务有哪些？",
         clauses=either(WB, SJJ), support_units=[WB, SJJ])
    case("p-set-fgw-gx", "set", "set", "plain",
         "哪些任务是发改委牵头、工信厅配合的？",
         clauses=led_and_supported(FGW, GX), lead_units=[FGW], support_units=[GX])
    case("p-set-fgw-sw", "set", "set", "typo",
         "发改委牵头、商务厅陪合的任务是哪几项",
         clauses=led_and_supported(FGW, SW), lead_units=[FGW], support_units=[SW])
    case("p-set-nosupport", "set", "set", "plain",
         "有没有哪条任务是只写了牵头单位、没有配合单位的？",
         clauses=no_support(), require=["遴选"])
    case("p-set-cz-rs", "set", "set", "colloquial",
         "财政厅和人社厅都得配合的是哪些",
         clauses=[c for c in supported_by(CZ) if c in supported_by(RS)], support_units=[CZ, RS])
    case("p-set-kj-not-wl", "set", "set", "typo",
         "科技厅参于了、但文旅厅没参与的任务是哪条？",
         clauses=only_in(KJ, WL))
    case("p-set-digital-units", "set", "set,unit_tasks", "plain",
         "数字化改造行动（三（二））一共涉及哪些单位？",
         clauses=tasks_of("3.2"), lead_units=units_in(tasks_of("3.2"), "lead"),
         support_units=[u for u in units_in(tasks_of("3.2"), "support") if u not in units_in(tasks_of("3.2"), "lead")])
    case("p-set-ny-not-sx", "set", "set", "dialect",
         "农业农村厅有份、市县政府又不在里头的任务是哪条嘛",
         clauses=only_in(NY, SX))
    case("p-set-maxsupport", "set", "set,argmax", "plain",
         "哪条任务的配合单位最多？",
         clauses=max_support(),
         note="3.2.2 与 4.2 并列，各 7 个配合单位（含各市、县人民政府）；个数口径可能不同，不查数字")
    # ------------------------------------------------------------ targets
    case("p-tg-100-2025", "target", "target", "plain",
         "到2025年，百亿级集群要培育多少个？",
         clauses=["2"], numbers=[N(target(2025, "百亿级"), "个")])
    case("p-tg-100-2027", "target", "target", "colloquial,abbrev",
         "27年百亿集群得搞到多少个",
         clauses=["2"], numbers=[N(target(2027, "百亿级"), "个")], require=["以上"])
    case("p-tg-1000-2027", "target", "target", "abbrev",
         "千亿级集群2027年目标几个",
         clauses=["2"], numbers=[N(target(2027, "千亿级"), "个")], require=["2027"])
    case("p-tg-rev-2027", "target", "target", "english",
         "What is the 2027 target for the clusters' total operating revenue?",
         clauses=["2"], numbers=[N(target(2027, "总规模万亿"), "万亿元")], require=["万亿|trillion"])
    case("p-tg-rev-2025", "target", "target", "traditional",
         "2025年集群營業收入總規模要突破多少？",
         clauses=["2"], numbers=[N(target(2025, "总规模万亿"), "万亿元")], require=["万亿|萬億"])
    case("p-tg-500", "target", "target", "dialect",
         "500亿级的集群25年要弄几个哦",
         clauses=["2"], numbers=[N(target(2025, "500亿级"), "个")])
    case("p-tg-hitech", "target", "target,multipart", "voice",
         "高新技术企业到2025年目标多少家 2023年是多少家",
         clauses=["2"], numbers=[N(target(2025, "高新技术企业"), "家"), N(row(3, 2023), "家")])
    case("p-tg-zjtx", "target", "target", "typo",
         "省级以上专精特心企业，2025年的培育目标是多少家？",
         clauses=["2"], numbers=[N(target(2025, "专精特新"), "家")])
    case("p-tg-leader", "target", "target,multipart", "colloquial",
         "发挥群主功能的龙头企业、配套伙伴企业，各要培育多少家",
         clauses=["2"], numbers=[N(target(2025, "龙头企业"), "家"), N(target(2025, "伙伴企业"), "家")])
    case("p-tg-rd", "target", "target,multipart", "plain",
         "制造业集群研发投入强度2025年目标是多少？2023年基数是多少？",
         clauses=["2"], numbers=[N(row(4, 2025), "%"), N(row(4, 2023), "%")])
    case("p-tg-export", "target", "target", "plain",
         "集群进出口总额占全省比重有没有定具体目标？",
         clauses=["2"], require=["持续提高"],
         note=f"2023 年基数 {row(7, 2023)}%，2025、2027 年只写{row(7, 2025)}，没有具体数字")
    case("p-tg-total-2030", "target", "target", "plain",
         "到2030年，县域制造业特色产业集群总数要达到多少个？",
         clauses=["2"], numbers=[N(target(2030, "集群总数"), "个")], require=["左右"])
    case("p-tg-d-100", "target", "target", "plain",
         "百亿级集群从2023年的基数到2025年目标，要新增多少个？",
         clauses=["2"], numbers=[N(row(2, 2025) - row(2, 2023), "个")])
    case("p-tg-brand", "target", "target", "typo",
         "2025年要培育几个在全国市场战有率、美誉度较高的集群",
         clauses=["2"], numbers=[N(target(2025, "品牌集群"), "个")])
    case("p-tg-2030-rev", "target", "target", "polite",
         "领导想了解一下，到2030年集群营业收入总规模的目标是多少？麻烦告知。",
         clauses=["2"], numbers=[N(target(2030, "总规模万亿"), "万亿元")], require=["万亿"])
    # ------------------------------------------------------------ define
    case("p-def-cluster", "define", "define", "plain",
         "文件里说的“集群”具体指什么？",
         clauses=["0"], require=["县域特色产业集群"])
    case("p-def-path", "define", "define", "colloquial",
         "文件里说的集群“成长路径”是咋样的",
         clauses=["1"], require=["龙头企业", "产业生态"])
    case("p-def-3gai", "define", "define", "plain",
         "三改联动是哪三改？",
         clauses=["3.3.1"], require=["节能降碳改造", "灵活性改造", "供热改造"])
    case("p-def-qunzhu", "define", "define", "dialect",
         "群主企业是个啥意思嘛，啥样的企业才算",
         clauses=["3.1.1"], require=["龙头企业", "研发设计|核心技术|自主知识产权"])
    case("p-def-yiqunyice", "define", "define", "colloquial",
         "一群一策指的是啥",
         clauses=["4.3"], require=["政策组合包"])
    case("p-def-5yi-en", "define", "define", "english",
         "What does the 'five ones' (五个一) mechanism consist of?",
         clauses=["4.1"], require=["专业管理机构|management", "区域公共品牌|brand", "行业协会|association",
                                   "高端研发中心|R&D", "产业链|industrial chain|industry chain"])
    case("p-def-5yi-trad", "define", "define", "traditional",
         "「五個一」推進機制具體是指哪五個？",
         clauses=["4.1"], require=["专业管理机构|專業管理機構", "行业协会|行業協會", "产业链|產業鏈"])
    case("p-def-xinsanyang", "define", "define", "plain",
         "新三样具体指哪三样？文件里有没有说明？",
         clauses=loc("新三样"), require=["新三样"],
         note="文件只在 3.4.1 提到与“新三样”骨干整机厂合作，未列明是哪三样")
    case("p-def-mujun", "define", "define", "voice",
         "亩均论英雄是什么意思文件里咋说的",
         clauses=loc("亩均论英雄"), require=["亩均论英雄"],
         note="文件只提“深入开展亩均论英雄改革”及盘活低效工业用地，没有定义")
    case("p-def-yiqiyice", "define", "define", "typo",
         "一企一侧在这个文件里说的是什么",
         clauses=loc("一企一策"), require=["诊断"])
    # ------------------------------------------------------------ locate
    case("p-loc-dili", "locate", "locate", "plain",
         "文件哪里提到了地理标志？",
         clauses=loc("地理标志"))
    case("p-loc-banlie", "locate", "locate", "plain",
         "中欧定制班列是在哪一条里说的？",
         clauses=loc("定制班列"))
    case("p-loc-tzj", "locate", "locate", "abbrev",
         "碳足迹测算 哪条",
         clauses=loc("碳足迹"))
    case("p-loc-pv", "locate", "locate", "colloquial,nickname",
         "肥东光伏那边想推屋顶分布式光伏，文件哪条讲了这个",
         clauses=loc("光伏"))
    case("p-loc-cloud", "locate", "locate", "plain",
         "“上云上平台”是在哪一部分提出的？",
         clauses=loc("上云上平台"))
    case("p-loc-cbec", "locate", "locate", "english",
         "Where does the policy talk about cross-border e-commerce and overseas warehouses?",
         clauses=uniq(loc("跨境电商") + loc("海外仓")))
    case("p-loc-husuzhe", "locate", "locate", "typo",
         "承接沪苏折产业转移是在哪条提的",
         clauses=loc("沪苏浙"))
    case("p-loc-hdqq", "locate", "locate", "nickname",
         "“徽动全球”出海行动写在哪条？",
         clauses=loc("徽动全球"))
    case("p-loc-szny", "locate", "locate", "voice,nickname",
         "那个砀山梨这种果园想建数字农业工厂文件里是哪条说的来着",
         clauses=loc("数字农业工厂"))
    case("p-loc-lssj", "locate", "locate", "dialect",
         "绿色数据中心在哪一条头哦",
         clauses=loc("绿色数据中心"))
    case("p-loc-cjrh", "locate", "locate", "traditional",
         "產教融合實訓基地在哪一條提到？",
         clauses=loc("产教融合"))
    case("p-loc-zhwl", "locate", "locate", "polite",
         "请问文件哪一部分提到了智慧文旅？谢谢。",
         clauses=loc("智慧文旅"))
    # ------------------------------------------------------------ metadata
    case("p-meta-issuer", "metadata", "metadata", "plain",
         "这个文件是哪个单位发的？",
         require=["安徽省人民政府办公厅|省政府办公厅"])
    case("p-meta-date", "metadata", "metadata", "traditional",
         "這份文件是哪天發的？",
         require=["2024", "8月16|08-16|8 月 16"])
    case("p-meta-title", "metadata", "metadata", "colloquial",
         "这个文件全称叫啥",
         require=["指导意见", "县域特色产业集群"])
    case("p-meta-en", "metadata", "metadata,multipart", "english",
         "When was this guidance issued, and by which office?",
         require=["2024", "办公厅|General Office"])
    case("p-meta-zhusong", "metadata", "metadata", "plain",
         "这个文件主送哪些单位？",
         clauses=["0"], require=["各市、县人民政府|各市县人民政府", "省政府各部门"])
    case("p-meta-chaosong", "metadata", "metadata", "colloquial",
         "这文件抄送给了哪些单位",
         require=["省委各部门", "省军区|省工商联|中央驻皖各单位"])
    case("p-meta-month", "metadata", "metadata", "voice",
         "文件是二零二四年几月份出的来着",
         require=["8月|8 月|八月|08"])
    case("p-meta-source", "metadata", "metadata", "plain",
         "这份文件的原文来源是哪个网站？",
         require=["ah.gov.cn"])
    # ------------------------------------------------------------ yes / no
    case("p-yn-5yi-100", "yesno", "yesno,target", "plain",
         "五个一机制覆盖率2027年是不是要达到100%？",
         clauses=["2"], numbers=[N(row(6, 2027), "%")])
    case("p-yn-1000-2025", "yesno", "yesno,target", "colloquial",
         "2025年有没有千亿级集群的目标？",
         clauses=["2"], numbers=[N(target(2027, "千亿级"), "个")], require=["2027"],
         note="2025 年目标里没有千亿级，千亿级从 2027 年（1 个）开始提")
    case("p-yn-batch", "yesno", "yesno", "dialect",
         "示范培育是不是每批搞两年嘛",
         clauses=loc("每批培育时间为3年"), numbers=[N(num(r"每批培育时间为(\d+)年", body("4.2")), "年")])
    case("p-yn-jy-lead", "yesno", "yesno,unit_tasks", "plain",
         "教育厅有没有牵头的任务？",
         clauses=involved(JY), support_units=[JY],
         note="教育厅只在 3.1.3 作为配合单位出现")
    case("p-yn-cz-5yi", "yesno", "yesno", "plain",
         "财政厅是不是“五个一”推进机制的配合单位？",
         clauses=["4.1"], require=["不是|没有|不在|不包括|未"],
         note=f"4.1 配合单位：{'、'.join(S('4.1'))}；财政厅不在其中")
    case("p-yn-hitech-2027", "yesno", "yesno,target", "plain",
         "2027年高新技术企业个数有具体的数字目标吗？",
         clauses=["2"], require=["持续增长"])
    case("p-yn-county-5yi", "yesno", "yesno,who_leads", "english",
         "Are the city and county governments the lead units for the 'five ones' mechanism?",
         clauses=["4.1"], lead_units=L("4.1"))
    case("p-yn-digital-gx", "yesno", "yesno,who_leads", "traditional",
         "數字化改造是不是經信廳牽頭？",
         clauses=["3.2.1"], lead_units=L("3.2.1"))
    case("p-yn-green-same", "yesno", "yesno,set", "colloquial",
         "三（三）那两条任务的配合单位是不是一模一样？",
         clauses=tasks_of("3.3"), support_units=S("3.3.1"), require=["一样|相同|一致"],
         note="set(S(3.3.1)) == set(S(3.3.2))，只是顺序不同")
    case("p-yn-31-fgw", "yesno", "yesno,set", "abbrev",
         "三（一）下面三条，发改委是不是都只是配合？",
         clauses=tasks_of("3.1"), support_units=[FGW])
    # ------------------------------------------------------------ multipart
    case("p-mp-digital-hitech", "multipart", "multipart,who_leads,target", "plain",
         "数字化改造谁牵头？另外2025年高新技术企业目标是多少家？",
         clauses=["3.2.1", "2"], lead_units=L("3.2.1"), numbers=[N(target(2025, "高新技术企业"), "家")])
    case("p-mp-5yi-cov", "multipart", "multipart,define,target", "plain",
         "五个一是哪五个？2025年覆盖率要到多少？",
         clauses=["4.1", "2"], require=["专业管理机构", "行业协会"], numbers=[N(row(6, 2025), "%")])
    case("p-mp-1000", "multipart", "multipart,target", "abbrev",
         "千亿级集群27年和30年目标分别几个",
         clauses=["2"], numbers=[N(target(2027, "千亿级"), "个"), N(target(2030, "千亿级"), "个")])
    case("p-mp-scene-sjj", "multipart", "multipart,who_leads,unit_tasks", "colloquial",
         "场景创新谁牵头？数据局在里面算啥角色？",
         clauses=["3.2.2"], lead_units=L("3.2.2"), support_units=[SJJ])
    case("p-mp-en-100", "multipart", "multipart,target", "english",
         "How many clusters with revenue above 10 billion yuan are targeted for 2025 and for 2027?",
         clauses=["2"], numbers=[N(target(2025, "百亿级"), "个"), N(target(2027, "百亿级"), "个")])
    case("p-mp-green-subsidy", "multipart", "multipart,who_leads", "colloquial",
         "推动绿色转型谁牵头？省里给多少补贴？",
         clauses=["3.3.2"], lead_units=L("3.3.2"),
         note="补贴金额文件未写（应说明没有），牵头单位可答")
    case("p-mp-platform", "multipart", "multipart,who_leads,unit_tasks", "polite",
         "请问“搭建产业创新平台”由谁牵头、哪些单位配合？谢谢！",
         clauses=["3.1.3"], lead_units=L("3.1.3"), support_units=S("3.1.3"))
    case("p-mp-intl", "multipart", "multipart,who_leads,unit_tasks", "voice",
         "参与国际产业合作谁牵头谁配合一起说下",
         clauses=["3.4.2"], lead_units=L("3.4.2"), support_units=S("3.4.2"))
    case("p-mp-cov-budget", "multipart", "multipart,target", "polite",
         "请问“五个一”机制覆盖率2027年的目标是多少？为此省里安排了多少资金？",
         clauses=["2"], numbers=[N(row(6, 2027), "%")],
         note="资金文件未写（应说明没有），覆盖率目标可答")
    # ------------------------------------------------------------ conversations
    t31 = tasks_of("3")
    conv("p-conv-ordinal", "clause_text,unit_tasks", "plain", [
        turn("主要任务第一项是什么？", clauses=[t31[0]], require=[heading(t31[0])]),
        turn("第四项呢", clauses=[t31[3]], require=[heading(t31[3]) + "|数字化改造"]),
        turn("那配合的有谁", clauses=[t31[3]], support_units=S(t31[3])),
    ], note="第四项按主要任务 9 条的顺序数：3.1.1、3.1.2、3.1.3、3.2.1")
    conv("p-conv-energy", "who_leads,clause_text", "colloquial", [
        turn("节能降碳是谁牵头的", clauses=["3.3.1"], lead_units=L("3.3.1")),
        turn("这条原文给我看看", clauses=["3.3.1"], require=["三改联动"]),
        turn("下一条呢", clauses=["3.3.2"], require=["绿色转型"]),
    ])
    conv("p-conv-sw", "count,unit_tasks", "abbrev", [
        turn("商务厅牵头几项", clauses=led_by(SW), lead_units=[SW], numbers=[N(n_led(SW), "项")]),
        turn("配合的呢，几项", clauses=supported_by(SW), numbers=[N(n_sup(SW), "项")]),
        turn("分别是哪几条", clauses=supported_by(SW), support_units=[SW]),
    ])
    conv("p-conv-targets", "target", "plain", [
        turn("2025年百亿级集群的目标是多少个？", clauses=["2"], numbers=[N(target(2025, "百亿级"), "个")]),
        turn("2027年呢", clauses=["2"], numbers=[N(target(2027, "百亿级"), "个")]),
        turn("那2030年呢", clauses=["2"], numbers=[N(target(2030, "每县百亿"), "个")], require=["每个县"]),
    ], note="2030 年没有个数，写的是每个县（市）至少 1 个百亿级以上集群")
    conv("p-conv-table", "target", "plain,colloquial", [
        turn("主要指标表里第三个指标是什么？2025年目标多少？", clauses=["2"],
             require=["高新技术企业"], numbers=[N(row(3, 2025), "家")]),
        turn("下一个呢", clauses=["2"], require=["研发投入强度"], numbers=[N(row(4, 2025), "%")]),
        turn("它2027年是多少", clauses=["2"], require=["持续增长"]),
    ])
    t34 = tasks_of("3.4")
    conv("p-conv-goglobal", "count,who_leads,unit_tasks", "dialect", [
        turn("走出去行动下面有几条任务撒", clauses=["3.4"], numbers=[N(len(t34), "项")]),
        turn("第二条是哪个牵头", clauses=[t34[1]], lead_units=L(t34[1])),
        turn("外办在里头干啥子", clauses=[t34[1]], support_units=[WB]),
    ])
    conv("p-conv-en", "who_leads,unit_tasks", "english", [
        turn("Who leads the task of pushing digital transformation of the clusters?", clauses=["3.2.1"],
             lead_units=L("3.2.1")),
        turn("And which units support it?", clauses=["3.2.1"], support_units=S("3.2.1")),
    ])
    conv("p-conv-select", "who_leads,yesno,clause_text", "voice", [
        turn("遴选培育机制是谁牵头", clauses=["4.4"], lead_units=L("4.4")),
        turn("有配合单位没有", clauses=["4.4"], require=["没有|无|未"]),
        turn("那县里评估要连续几年排前面才能培育接续集群", clauses=["4.4"],
             numbers=[N(num(r"连续(\d+)年", body("4.4")), "年")]),
    ])
    conv("p-conv-cz", "unit_tasks", "colloquial", [
        turn("财政厅参与了哪些任务", clauses=involved(CZ), support_units=[CZ]),
        turn("那它每年给集群多少钱", intent="decline", status="no_data"),
    ], note="第二问：文件没写资金数额")
    conv("p-conv-meta", "metadata", "polite", [
        turn("请问这份文件是什么时候印发的？", require=["2024", "8月16|08-16|8 月 16"]),
        turn("发文机关是哪个？", require=["安徽省人民政府办公厅|省政府办公厅"]),
        turn("文号是多少呢？", intent="decline", status="no_data"),
    ], note="第三问：文本和元数据都没有文号")
    # ------------------------------------------------------------ must-decline
    decline("p-dec-wenhao", "plain", "这个文件的文号是多少？", "no_data", "文本与元数据均无文号")
    decline("p-dec-validity", "plain", "这个意见的有效期到什么时候？", "no_data", "文件未写有效期")
    decline("p-dec-budget", "colloquial", "省财政每年拿多少专项资金支持这些集群啊", "no_data", "未写资金数额")
    decline("p-dec-tuipo", "plain", "节能降碳的退坡奖补标准是多少？", "no_data", "3.3.1 只提用足用活退坡奖补，无标准")
    decline("p-dec-tjj", "abbrev", "统计局在文件里牵头哪些任务", "no_data", "省统计局未被列为任何任务的牵头或配合单位")
    decline("p-dec-zjt", "plain", "住建厅要配合哪些工作？", "no_data", "住房城乡建设厅不在任何任务的责任单位中")
    decline("p-dec-2026", "plain", "2026年百亿级集群的目标是多少个？", "no_data", "目标只有 2025、2027、2030 年")
    decline("p-dec-hitech-2030", "plain", "到2030年高新技术企业要达到多少家？", "no_data", "2030 年目标无高企数")
    decline("p-dec-part5", "plain", "文件第五部分“保障措施”讲了什么？", "no_data", "文件只有一至四部分")
    decline("p-dec-35", "abbrev", "三（五）讲的是啥", "no_data", "三 下只有（一）至（四）")
    decline("p-dec-batchsize", "plain", "示范培育每批选多少个集群？", "no_data", "4.2 只写择优选择一批，未写数量")
    decline("p-dec-weights", "plain", "集群年度综合评估的打分指标和权重是什么？", "no_data", "文件未给评估办法细则")
    decline("p-dec-banlie", "dialect", "开中欧定制班列每列补好多钱嘛", "no_data", "未写补贴额")
    decline("p-dec-rending", "polite", "麻烦把制造业集群遴选认定办法的全文发我一下，谢谢。", "no_data",
            "4.4 只要求出台认定办法，办法本身不在资料中")
    decline("p-dec-oldversion", "plain", "这份意见跟之前的老版本比，有哪些变化？", "no_data", "资料中没有旧版本")
    decline("p-dec-contact", "colloquial", "这文件的联系人是谁，电话多少", "no_data", "无联系人信息")
    decline("p-dec-signer", "voice", "签发这个文件的领导是谁啊", "no_data", "无签发人（人物）信息")
    decline("p-dec-en-subsidy", "english", "How much subsidy does the policy give for each newly certified high-tech enterprise?",
            "no_data", "未写补贴")
    decline("p-dec-rd-2030", "traditional", "研發投入強度2030年的目標是多少？", "no_data", "指标表只到 2027 年（持续增长）")
    decline("p-dec-kcfd", "dialect", "科创飞地到底给好多经费嘛", "no_data", "3.1.3 只写给予支持，未写金额")
    decline("p-dec-speech", "polite", "请帮我写一篇在全省县域特色产业集群推进会上的领导讲话稿，谢谢。",
            "out_of_scope", "写讲话稿不是本助手的职责")
    decline("p-dec-jiangsu", "plain", "江苏的县域特色产业集群政策是怎么规定的？", "out_of_scope", "其他省份")
    decline("p-dec-weather", "colloquial", "明天合肥天气咋样", "out_of_scope", "天气")
    decline("p-dec-ticket", "plain", "帮我订一张明天去北京的高铁票", "out_of_scope", "订票")
    decline("p-dec-stock", "typo", "帮我推荐几只安徽产业集群概念骨", "out_of_scope", "荐股")
    return CASES


# ---------------------------------------------------------------- sanity checks on the golds
def sanity(cases):
    problems = []
    ids = [c["id"] for c in cases]
    if len(ids) != len(set(ids)):
        problems.append("duplicate ids")
    for c in cases:
        for i, t in enumerate(c.get("turns") or [c]):
            where = f"{c['id']}#{i}"
            cl = t.get("clauses", []) + t.get("also_ok", [])
            for x in cl:
                if x not in C:
                    problems.append(f"{where}: unknown clause {x}")
            for u in t.get("lead_units", []):
                if not any(u in C[x].get("lead", []) for x in t.get("clauses", []) if x in C):
                    problems.append(f"{where}: lead {u} not lead in gold clauses")
            for u in t.get("support_units", []):
                if not any(u in C[x].get("support", []) for x in t.get("clauses", []) if x in C):
                    problems.append(f"{where}: support {u} not support in gold clauses")
            if t.get("status", "answered") == "answered":
                if not any(t.get(k) for k in ("clauses", "lead_units", "support_units", "numbers", "require")):
                    problems.append(f"{where}: nothing to check")
    return problems


def dump(cases):
    doc = {"version": 1, "name": "fresh10_policy",
           "description": "县域特色产业集群政策文本问答评测集（条款原文、牵头配合单位、任务集合运算、目标指标、术语、定位、元数据、拒答）",
           "retrieval_k": 5, "thresholds": {}, "cases": cases}

    class D(yaml.SafeDumper):
        pass

    def _list(dumper, data):
        flow = all(not isinstance(x, (dict, list)) for x in data) or all(isinstance(x, dict) and "value" in x for x in data)
        return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)

    D.add_representer(list, _list)
    return yaml.dump(doc, Dumper=D, allow_unicode=True, sort_keys=False, width=200)


def check(path):
    want = build()
    have = yaml.safe_load(Path(path).read_text(encoding="utf-8"))["cases"]
    bad = 0
    hv = {c["id"]: c for c in have}
    for c in want:
        if hv.get(c["id"]) != c:
            bad += 1
            print("MISMATCH", c["id"])
    if len(have) != len(want):
        print("case count differs", len(have), len(want))
        bad += 1
    print("sanity:", sanity(want) or "ok")
    print("OK: every gold re-derived" if not bad else f"{bad} mismatches")
    return bad


def stats(cases):
    from collections import Counter
    turns = [(c, t) for c in cases for t in (c.get("turns") or [c])]
    dec = sum(1 for _, t in turns if t.get("status", "answered") != "answered")
    ops, styles = Counter(), Counter()
    for c, t in turns:
        for tag in c["tags"]:
            if tag.startswith("op:") or tag in ("decline", "conversation", "multipart"):
                ops[tag] += 1
            if tag.startswith("style:"):
                styles[tag] += 1
    print(f"cases {len(cases)}  turns {len(turns)}  answered {len(turns) - dec}  decline {dec}  "
          f"conversations {sum(1 for c in cases if c.get('turns'))}")
    print("ops (per turn):", dict(ops.most_common()))
    print("styles (per turn):", dict(styles.most_common()))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--check":
        sys.exit(1 if check(sys.argv[2]) else 0)
    elif len(sys.argv) > 2 and sys.argv[1] == "--write":
        cs = build()
        p = sanity(cs)
        if p:
            sys.exit("\n".join(p))
        Path(sys.argv[2]).write_text(dump(cs), encoding="utf-8")
        stats(cs)
    elif len(sys.argv) > 1 and sys.argv[1] == "--stats":
        stats(build())
    else:
        show()
