#!/usr/bin/env python3
"""Oracle for fresh9_policy.yaml: re-derives every gold from the policy text and its .meta.yaml.

Run:  python3 evals/oracles/fresh9_policy.py
Checks, per turn:
  * the YAML validates against evals/schema.py;
  * every clause id (clauses / also_ok) exists in the parsed clause tree;
  * every lead/support unit is a canonical name (unit_aliases.yaml) printed as lead/support of a gold clause;
  * who_leads / who_supports turns list the COMPLETE printed set of that clause;
  * unit_tasks / set turns: the gold clause set equals the set computed from the printed units (SPEC);
  * numbers: `count:` / `calc:` labels are recomputed; other numbers must occur in a gold clause's text
    (or in the metadata when no clause is given);
  * require terms: at least one alternative occurs in the document / metadata (or is a yes/no word);
  * negative facts of yes/no questions (NEG) and absence probes for must-decline turns (ABSENT);
  * every answered turn checks something.
Prints a summary with turn and tag counts; exits 1 on any problem.
"""
import collections
import importlib.util
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("set_schema", HERE.parent / "schema.py")
assert _spec is not None and _spec.loader is not None
schema = importlib.util.module_from_spec(_spec)
sys.modules["set_schema"] = schema  # pydantic resolves the models' annotations through the module
_spec.loader.exec_module(schema)

# ---------------------------------------------------------------- independent parser of the policy text

SRC = HERE.parents[1] / "data" / "policy"
TXT = SRC / "anhui-county-clusters-guidance-2024.txt"
META = SRC / "anhui-county-clusters-guidance-2024.meta.yaml"
ALIASES = SRC / "unit_aliases.yaml"

CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
TOP = re.compile(r"^([一二三四五六七八九十]+)、(.*)$")
SUB = re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*(.*)$")
ITEM = re.compile(r"^(\d+)\.\s*(.*)$")
UNITS = re.compile(r"[（(]牵头单位[：:](.*?)(?:[，,]\s*配合单位[：:](.*?))?[）)]")
CITY_COUNTY = "各市、县人民政府"


def split_units(s):
    if not s:
        return []
    s = s.replace(CITY_COUNTY, "@CC@")
    out = [u.strip() for u in re.split(r"[、，,]", s) if u.strip()]
    return [CITY_COUNTY if u == "@CC@" else u for u in out]


def parse():
    lines = [l.strip() for l in TXT.read_text(encoding="utf-8").splitlines()]
    lines = [l for l in lines if l]
    clauses = {}  # id -> dict(title, text)
    order = []
    cur = None
    top = sub = None
    in_table = False
    started = False
    for l in lines:
        if l.startswith("为贯彻落实"):
            cur = "0"; clauses[cur] = {"title": "前言", "text": l}; order.append(cur); started = True
            continue
        if not started:
            continue
        if l == "安徽省人民政府办公厅":  # signature block: end of body
            break
        m = TOP.match(l)
        if m:
            top = str(CN[m.group(1)]); sub = None; in_table = False
            cur = top; clauses[cur] = {"title": m.group(2), "text": ""}; order.append(cur)
            continue
        if top == "2" and l == "集群高质量发展主要指标":
            in_table = True
            cur = "2.table"; clauses[cur] = {"title": l, "text": l}; order.append(cur)
            continue
        if in_table:
            if l.startswith("指 标"):
                continue
            m = ITEM.match(l)
            if m and "\t" in l:
                cid = f"2.table.{m.group(1)}"
                cells = m.group(2).split("\t")
                clauses[cid] = {"title": cells[0], "text": l.replace("\t", " "),
                                "row": dict(zip(["2023", "2025", "2027"], cells[1:]))}
                order.append(cid)
                continue
        m = SUB.match(l)
        if m and m.group(1) in CN:
            sub = f"{top}.{CN[m.group(1)]}"
            cur = sub; clauses[cur] = {"title": m.group(2), "text": m.group(2)}; order.append(cur)
            continue
        m = ITEM.match(l)
        if m and sub:
            cur = f"{sub}.{m.group(1)}"
            clauses[cur] = {"title": m.group(2).split("。")[0], "text": m.group(2)}; order.append(cur)
            continue
        clauses[cur]["text"] += l  # continuation (page breaks split clauses mid-word)
    for cid, c in clauses.items():
        m = UNITS.search(c["text"])
        c["lead"] = split_units(m.group(1)) if m else []
        c["support"] = split_units(m.group(2)) if m else []
        # 四（x） titles are the first sentence
        if cid.count(".") == 1 and cid[0] == "4":
            c["title"] = c["text"].split("。")[0]
    return clauses, order


def meta():
    return yaml.safe_load(META.read_text(encoding="utf-8"))


def aliases():
    return yaml.safe_load(ALIASES.read_text(encoding="utf-8"))


def descendants(clauses, cid):
    return [k for k in clauses if k == cid or k.startswith(cid + ".")]


def full_text(clauses, cid):
    return "".join(clauses[k]["text"] for k in descendants(clauses, cid))


def tasks(clauses):
    """Clauses that carry printed lead units."""
    return [k for k in clauses if clauses[k]["lead"]]



SET_PATH = HERE.parent / "sets" / "fresh9_policy.yaml"
CL, ORDER = parse()
META = meta()
CANON = set(aliases())
TASKS = tasks(CL)
DOC = re.sub(r"\s+", "", "".join(c["text"] + c.get("title", "") for c in CL.values()))
META_TEXT = re.sub(r"\s+", "", " ".join(str(v) for v in META.values()))
CC = "各市、县人民政府"

# ---------------------------------------------------------------- set algebra over printed units
def lead(u):
    return {k for k in TASKS if u in CL[k]["lead"]}


def support(u):
    return {k for k in TASKS if u in CL[k]["support"]}


def anyrole(u):
    return lead(u) | support(u)


ALL = set(TASKS)
DRC, MIIT, SCI, CULT, AGRI = "省发展改革委", "省工业和信息化厅", "省科技厅", "省文化和旅游厅", "省农业农村厅"
COM, FIN, HRSS = "省商务厅", "省财政厅", "省人力资源社会保障厅"

# (case id, turn index) -> expected gold clause set
SPEC = {
    ("p-unit-drc-lead", 0): lead(DRC),
    ("p-unit-miit-support", 0): support(MIIT),
    ("p-unit-most-roles", 0): anyrole(SCI),
    ("p-unit-samr", 0): anyrole("省市场监管局"),
    ("p-unit-data", 0): anyrole("省数据资源局"),
    ("p-unit-civil", 0): anyrole("省民政厅"),
    ("p-unit-commerce-lead", 0): lead(COM),
    ("p-unit-county-lead", 0): lead(CC),
    ("p-unit-agri-lead", 0): lead(AGRI),
    ("p-unit-emerging", 0): anyrole("省新兴产业推进组办公室"),
    ("p-unit-energy", 0): anyrole("省能源局"),
    ("p-unit-edu-hrss", 0): anyrole("省教育厅") | anyrole(HRSS),
    ("p-unit-forestry", 0): anyrole("省林业局"),
    ("p-unit-culture-lead", 0): lead(CULT),
    ("p-set-sci-and-culture", 0): support(SCI) & support(CULT),
    ("p-set-drc-lead-miit-sup", 0): lead(DRC) & support(MIIT),
    ("p-set-commerce-any", 0): anyrole(COM),
    ("p-set-no-county", 0): ALL - anyrole(CC),
    ("p-set-no-support", 0): {k for k in TASKS if not CL[k]["support"]},
    ("p-set-eco-or-energy", 0): anyrole("省生态环境厅") | anyrole("省能源局"),
    ("p-set-samr-and-edu", 0): anyrole("省市场监管局") & anyrole("省教育厅"),
    ("p-set-drc-roles", 0): lead(DRC) | support(DRC),
    ("p-set-agri-and-culture", 0): anyrole(AGRI) & anyrole(CULT),
    ("p-set-sci-lead-miit-sup", 0): lead(SCI) & support(MIIT),
    ("p-set-miit-drc-colead", 0): lead(MIIT) & lead(DRC),
    ("p-set-drc-lead-county-sup", 0): lead(DRC) & support(CC),
    ("p-cnt-drc-support", 0): support(DRC),
    ("p-cnt-miit-total", 0): anyrole(MIIT),
    ("p-cnt-commerce-support", 0): support(COM),
    ("p-cnt-county-roles", 0): anyrole(CC),
    ("p-leadsup-carbonfoot", 0): lead(COM) & support("省外办") & support(MIIT),
    ("p-yn-foreign", 0): anyrole("省外办"),
    ("p-conv-miit-commerce", 0): lead(MIIT),
    ("p-conv-miit-commerce", 1): lead(COM),
    ("p-conv-finance-hrss", 0): support(FIN),
    ("p-conv-finance-hrss", 1): support(HRSS),
    ("p-conv-finance-hrss", 2): anyrole(FIN) & anyrole(HRSS),
}

# negative facts behind "no" answers: (kind, clause, unit)
NEG = {
    ("p-yn-sci-digital", 0): [("not_support", "3.2.1", SCI), ("not_lead", "3.2.1", SCI)],
    ("p-yn-eco-lead", 0): [("not_lead", "3.3.1", "省生态环境厅"), ("is_support", "3.3.1", "省生态环境厅")],
    ("p-yn-crossborder", 0): [("not_lead", "3.4.2", DRC), ("is_support", "3.4.2", DRC)],
    ("p-yn-finance-wgy", 0): [("not_support", "4.1", FIN), ("not_lead", "4.1", FIN)],
    ("p-conv-selection", 2): [("no_support", "4.4", None)],
    ("p-conv-digital", 2): [("is_support", "3.2.2", "省数据资源局")],
}
# which clause must contain the key term a yes/no or location question turns on
ANCHOR = {
    "p-loc-geo-mark": "地理标志", "p-loc-solar": "光伏", "p-loc-mujun": "亩均论英雄", "p-loc-enclave": "科创飞地",
    "p-loc-successor": "接续集群", "p-loc-datacenter": "绿色数据中心", "p-loc-carbon-en": "碳足迹",
    "p-loc-digital-farm": "数字农业工厂", "p-loc-tasklist": "年度重点任务清单", "p-loc-smart-tourism": "智慧文旅",
    "p-loc-bingtuan": "兵团式", "p-yn-gazelle": "瞪羚", "p-lead-platform": "中试基地", "p-lead-cloud": "数字化车间",
    "p-lead-scenario": "垂直应用场景", "p-lead-circular": "屋顶分布式光伏", "p-lead-train": "定制班列",
    "p-lead-overseas": "海外仓", "p-lead-demo-batch": "示范培育", "p-lead-policy-pack": "年度重点任务清单",
    "p-lead-anchor-firms": "龙头企业", "p-leadsup-brand": "集体商标", "p-sup-digital-farm": "数字农业工厂",
    "p-sup-platform": "产业学院", "p-sup-county-main": "建设主体", "p-sup-factors": "金融服务",
    "p-leadsup-carbonfoot": "碳足迹", "p-leadsup-wgy-civil": "专业管理机构", "p-def-three-retrofits": "三改联动",
    "p-def-one-cluster-one-policy": "一群一策", "p-def-huidong": "徽动全球", "p-def-institute-en": "一产业一研究院",
    "p-yn-sci-digital": "数字化车间", "p-yn-eco-lead": "三改联动", "p-yn-crossborder": "跨境电商",
    "p-cnt-scenario-support": "开放场景资源", "p-cnt-select-leads": "动态调整", "p-val-batch-years": "每批培育时间",
    "p-val-successor-years": "接续集群", "p-txt-cloud": "上云上平台", "p-txt-train": "定制班列",
    "p-txt-green": "循环化改造", "p-txt-county-main": "建设主体", "p-conv-wgy#0": "专业管理机构",
    "p-conv-edu-platform#0": "产教融合实训基地", "p-conv-energy-en#0": "三改联动", "p-conv-selection#0": "遴选认定办法",
}
# strings whose absence from the document + metadata backs a must-decline (regexes)
ABSENT = {
    "p-dec-fund": [r"专项资金", r"\d+\s*(万|亿)元.{0,6}(资金|补助|奖励)"],
    "p-dec-enclave-money": [r"\d+\s*万元"],
    "p-dec-docno": [r"〔2024〕", r"文号", r"皖政办"],
    "p-dec-validity": [r"有效期", r"施行"],
    "p-dec-person": [r"处长", r"电话", r"联系人"],
    "p-dec-2035": [r"2035"],
    "p-dec-rd-2030": [r"2030年?.{0,80}研发投入"],
    "p-dec-pv-subsidy": [r"千瓦", r"\d+\s*元"],
    "p-dec-anchor-threshold": [r"认定.{0,10}\d+\s*亿"],
    "p-dec-batch-size": [r"每批.{0,6}\d+\s*个"],
    "p-dec-tuipo-ratio": [r"比例"],
    "p-dec-eval-weights": [r"权重"],
    "p-dec-train-subsidy": [r"每列", r"班列.{0,10}补贴"],
    "p-dec-qianyi-reward": [r"奖励"],
    "p-dec-demo-list": [r"名单"],
    "p-dec-new-three": [r"新三样”?(即|是指|包括|指)"],
    "p-dec-penalty": [r"问责", r"处罚", r"追责"],
    "p-dec-land-quota-en": [r"\d+\s*亩", r"用地指标"],
    "p-conv-edu-platform#1": [r"\d+\s*万元", r"实训基地.{0,20}\d"],
}
YESNO_WORDS = {"不是", "不在", "没有", "未", "否", "不包括", "并非", "不是由", "无", "no", "not", "左右", "约", "大约"}
ENGLISH_OK = re.compile(r"^[A-Za-z0-9 &\-]+$")

problems = []


def bad(where, msg):
    problems.append(f"{where}: {msg}")


def fmt(v):
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def num_in(text, v):
    return re.search(r"(?<![\d.])" + re.escape(fmt(v)) + r"(?!\.?\d)", text) is not None


def count_label(label):
    kind, _, arg = label.partition(":")[2].partition(":")
    if kind == "tasks":
        return len([k for k in descendants(CL, arg) if k in TASKS])
    if kind == "children":
        return len([k for k in CL if k.startswith(arg + ".") and k.count(".") == arg.count(".") + 1
                    and not k.endswith(".table")])
    if kind == "lead":
        return len(lead(arg))
    if kind == "support":
        return len(support(arg))
    if kind == "any":
        return len(anyrole(arg))
    if kind == "support_of":
        return len(CL[arg]["support"])
    if kind == "lead_of":
        return len(CL[arg]["lead"])
    raise ValueError(label)


def check_turn(cid, i, t, where):
    gold = list(t.clauses)
    for c in gold + list(t.also_ok):
        if c not in CL:
            bad(where, f"clause {c} does not exist")
    gold_ok = [c for c in gold if c in CL]
    if t.status != "answered":
        if t.numbers or t.lead_units or t.support_units or gold:
            bad(where, "decline turn carries answer expectations")
        pats = ABSENT.get(f"{cid}#{i}") or (ABSENT.get(cid) if i == 0 else None)
        if pats is None and t.status == "no_data":
            bad(where, "no_data turn without an ABSENT probe")
        for pat in pats or []:
            if re.search(pat, DOC) or re.search(pat, META_TEXT):
                bad(where, f"decline but /{pat}/ occurs in the document or metadata")
        return
    if not (gold or t.numbers or t.require or t.lead_units or t.support_units):
        bad(where, "answered turn checks nothing")
    # units
    for role, units in (("lead", t.lead_units), ("support", t.support_units)):
        for u in units:
            if u not in CANON:
                bad(where, f"{role} unit {u} is not a canonical name")
            if not any(u in CL[k][role] for c in gold_ok for k in descendants(CL, c)):
                bad(where, f"{u} is not printed as {role} of any gold clause {gold}")
    intent = t.intent or ""
    if intent in ("who_leads", "who_leads_supports") and gold_ok:
        want = set().union(*(CL[c]["lead"] for c in gold_ok))
        if set(t.lead_units) != want:
            bad(where, f"lead_units {t.lead_units} != printed {sorted(want)}")
    if intent in ("who_supports", "who_leads_supports") and gold_ok:
        want = set().union(*(CL[c]["support"] for c in gold_ok))
        if set(t.support_units) != want:
            bad(where, f"support_units {t.support_units} != printed {sorted(want)}")
    if (cid, i) in SPEC and set(gold) != SPEC[(cid, i)]:
        bad(where, f"gold clauses {sorted(gold)} != computed {sorted(SPEC[(cid, i)])}")
    if intent in ("unit_tasks", "set") and (cid, i) not in SPEC:
        bad(where, "unit_tasks/set turn without a SPEC entry")
    for kind, c, u in NEG.get((cid, i), []):
        ok = {"not_support": u not in CL[c]["support"], "not_lead": u not in CL[c]["lead"],
              "is_support": u in CL[c]["support"], "no_support": not CL[c]["support"]}[kind]
        if not ok:
            bad(where, f"negative fact {kind} {c} {u} is false")
    anchor = ANCHOR.get(f"{cid}#{i}") or (ANCHOR.get(cid) if i == 0 else None)
    if anchor:
        hits = sorted(k for k in CL if anchor in re.sub(r"\s+", "", CL[k]["text"]))
        if not any(h == g or h.startswith(g + ".") for h in hits for g in gold_ok):
            bad(where, f"anchor '{anchor}' found in {hits}, not under gold {gold}")
    # numbers
    text = "".join(full_text(CL, c) for c in gold_ok) if gold_ok else META_TEXT
    text = re.sub(r"(?<=\d)\s+(?=[\u4e00-\u9fff%])", "", text)
    for n in t.numbers:
        if n.label.startswith("count:"):
            got = count_label(n.label)
            if got != n.value:
                bad(where, f"{n.label} computes {got}, gold {n.value}")
        elif n.label.startswith("calc:"):
            expr = n.label[5:]
            for operand in re.findall(r"\d+(?:\.\d+)?", expr):
                if not num_in(text, float(operand)):
                    bad(where, f"operand {operand} not in clause text")
            if abs(eval(expr) - n.value) > 1e-9:
                bad(where, f"{expr} = {eval(expr)}, gold {n.value}")
        elif not num_in(text, n.value):
            bad(where, f"number {fmt(n.value)} does not occur in gold clauses {gold}")
    # require
    for term in t.require:
        alts = term.split("|")
        if not any(re.sub(r"\s+", "", a) in DOC or re.sub(r"\s+", "", a) in META_TEXT or a in YESNO_WORDS
                   or ENGLISH_OK.match(a) for a in alts):
            bad(where, f"require '{term}' found nowhere in document/metadata")


def main():
    data = yaml.safe_load(SET_PATH.read_text(encoding="utf-8"))
    qs = schema.QuestionSet.model_validate(data)
    if qs.thresholds.model_dump(exclude_none=True):
        bad("set", "thresholds must stay empty")
    ids = collections.Counter(c.id for c in qs.cases)
    for k, v in ids.items():
        if v > 1:
            bad(k, "duplicate id")
    turns = answered = declined = 0
    convs = 0
    cls, sty = collections.Counter(), collections.Counter()
    for c in qs.cases:
        if c.turns:
            convs += 1
            if not 2 <= len(c.turns) <= 4:
                bad(c.id, "conversation must have 2-4 turns")
        for i, t in enumerate(c.steps()):
            turns += 1
            if t.status == "answered":
                answered += 1
            else:
                declined += 1
            check_turn(c.id, i, t, f"{c.id}#{i}")
        if "policy" not in c.tags:
            bad(c.id, "missing source tag")
        if not any(t.startswith("style:") for t in c.tags):
            bad(c.id, "missing style tag")
        for tg in c.tags:
            if tg.startswith("style:"):
                sty[tg] += 1
            elif tg != "policy":
                cls[tg] += 1
    known = {(c.id, i) for c in qs.cases for i in range(len(c.steps()))}
    for key in list(SPEC) + list(NEG):
        if key not in known:
            bad(str(key), "SPEC/NEG key names no turn")
    for key in list(ANCHOR) + list(ABSENT):
        cid, _, i = key.partition("#")
        if (cid, int(i or 0)) not in known:
            bad(key, "ANCHOR/ABSENT key names no turn")
    print(f"cases {len(qs.cases)}  turns {turns}  answered {answered}  declined {declined} "
          f"({100 * declined / turns:.1f}%)  conversations {convs}")
    print("classes:", dict(sorted(cls.items())))
    print("styles:", dict(sorted(sty.items())))
    if problems:
        print(f"\n{len(problems)} PROBLEM(S):")
        for p in problems:
            print("  -", p)
        sys.exit(1)
    print("all golds check out against the text")


if __name__ == "__main__":
    main()
