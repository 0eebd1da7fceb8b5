#!/usr/bin/env python3
"""Oracle for the fresh10_data question set (clusterbot, data questions).

Every expected number in fresh10_data.yaml is computed here with pandas over the CSVs in
data/ (demo indicators + reference tables) -- nothing is typed in by hand.

    python3 evals/oracles/fresh10_data.py            # print every case id with its gold numbers / terms
    python3 evals/oracles/fresh10_data.py --write    # also (re)generate fresh10_data.yaml next to this script

Conventions (from the brief): latest year 2025; revenue in 亿元; tiers 100/300/500/1000 亿 judged on a
county's LARGEST cluster; reached = >= threshold; growth of a year = v/v_prev - 1; average growth over a
window = compound rate; 近三年 from 2025 = 2022->2025; required rate = (thr/v2025)^(1/(Y-2025)) - 1;
crossing year = first Y > 2025 with v2025*(1+r)^(Y-2025) >= thr; county total = sum of its clusters;
city total = sum over counties.csv units of that city; province = sum over all clusters; R&D intensity of
a group = revenue-weighted; 五个一 coverage = built items / (clusters x 5); export share = cluster exports /
province_trade_total.  Falling rates are stored as positive magnitudes with a required "down" word.
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

import pandas as pd

SRC = Path(__file__).resolve().parents[2] / "data"
OUT = Path(__file__).resolve().parents[2] / "evals" / "sets" / "fresh10_data.generated.yaml"
LATEST = 2025

D = pd.read_csv(SRC / "demo" / "indicators_demo.csv")
CL = pd.read_csv(SRC / "reference" / "clusters.csv")
CO = pd.read_csv(SRC / "reference" / "counties.csv")
PT = pd.read_csv(SRC / "reference" / "province_totals.csv")
D = D.merge(CL[["cluster", "short_name"]], on="cluster", how="left").merge(CO[["county", "city"]], on="county", how="left")
assert D.short_name.notna().all() and D.city.notna().all()
N_CLUSTERS = CL.cluster.nunique()
assert N_CLUSTERS == 72

# ---------------------------------------------------------------- primitives
def v(short: str, metric: str = "revenue", year: int = LATEST) -> float:
    s = D[(D.short_name == short) & (D.metric == metric) & (D.year == year)].value
    assert len(s) == 1, (short, metric, year, len(s))
    return float(s.iloc[0])


def has(short: str, metric: str, year: int = LATEST) -> bool:
    return len(D[(D.short_name == short) & (D.metric == metric) & (D.year == year)]) == 1


def county_tot(county: str, metric: str = "revenue", year: int = LATEST) -> float:
    return float(D[(D.county == county) & (D.metric == metric) & (D.year == year)].value.sum())


def city_tot(city: str, metric: str = "revenue", year: int = LATEST) -> float:
    return float(D[(D.city == city) & (D.metric == metric) & (D.year == year)].value.sum())


def prov(metric: str = "revenue", year: int = LATEST) -> float:
    return float(D[(D.metric == metric) & (D.year == year)].value.sum())


def prov_trade(year: int = LATEST) -> float:
    return float(PT[(PT.code == "province_trade_total") & (PT.year == year)].value.iloc[0])


def year_table(metric: str = "revenue", year: int = LATEST) -> pd.DataFrame:
    return D[(D.metric == metric) & (D.year == year)][["short_name", "county", "city", "value"]].reset_index(drop=True)


def yoy(cur: float, prev: float) -> float:          # percent
    return (cur / prev - 1) * 100


def cagr(end: float, start: float, years: int) -> float:   # percent
    return ((end / start) ** (1 / years) - 1) * 100


def req_rate(now: float, thr: float, year: int) -> float:  # percent
    return ((thr / now) ** (1 / (year - LATEST)) - 1) * 100


def project(now: float, rate_pct: float, year: int) -> float:
    return now * (1 + rate_pct / 100) ** (year - LATEST)


def cross_year(now: float, rate_pct: float, thr: float) -> int:
    assert rate_pct > 0
    y = LATEST + 1
    while now * (1 + rate_pct / 100) ** (y - LATEST) < thr:
        y += 1
        assert y < 2200
    return y


def cross_robust(now: float, rate_pct: float, thr: float) -> int:
    """Crossing year; asserts it does not change when the rate is rounded to one decimal."""
    a = cross_year(now, rate_pct, thr)
    b = cross_year(now, round(rate_pct, 1), thr)
    assert a == b, ("crossing year sensitive to rounding", now, rate_pct, thr, a, b)
    return a


def proj_tol(now: float, rate_pct: float, year: int) -> float:
    """Tolerance for a projection: rounding the rate to one decimal may move the result a little."""
    exact = project(now, rate_pct, year)
    lo = project(now, round(rate_pct, 1) - 0.05, year)
    hi = project(now, round(rate_pct, 1) + 0.05, year)
    return round(max(0.1, abs(hi - exact), abs(lo - exact)) + 0.1, 1)


def largest_by_county(year: int = LATEST) -> pd.Series:
    t = year_table("revenue", year)
    return t.groupby("county").value.max()


def r1(x: float) -> float:
    return round(x + 0.0, 1)


# ---------------------------------------------------------------- case builders
CASES: list[dict] = []
GOLD_LOG: list[str] = []


def N(value, unit, tol=None, label=""):
    out = {"value": float(value), "unit": unit}
    if tol is not None:
        out["tol"] = float(tol)
    if label:
        out["label"] = label
    return out


def pct(x, label=""):
    return N(round(abs(x), 1), "%", 0.1, label)


def yi(x, label="", tol=0.1):
    return N(round(x, 1), "亿元", tol, label)


def jia(x, label=""):
    return N(int(round(x)), "家", 0, label)


def ge(x, label=""):
    return N(int(round(x)), "个", 0, label)


def nian(y, label=""):
    return N(int(y), "年", 0, label)


DOWN = "下降|减少|下滑|降|负增长|減少|下降|decline|decrease|fell|drop|down"


def expect(numbers=(), require=(), forbid=(), clauses=(), also_ok=(), status=None):
    e = {}
    if status and status != "answered":
        e["status"] = status
    if clauses:
        e["clauses"] = list(clauses)
    if also_ok:
        e["also_ok"] = list(also_ok)
    if numbers:
        e["numbers"] = list(numbers)
    if require:
        e["require"] = list(require)
    if forbid:
        e["forbid"] = list(forbid)
    return e


def add(cid, intent, ops, style, q, note="", multipart=False, **kw):
    tags = ["data"] + [f"op:{o}" for o in ops] + (["multipart"] if multipart else []) + [f"style:{s}" for s in style.split(",")]
    case = {"id": cid, "intent": intent, "tags": tags, "q": q}
    case.update(expect(**kw))
    if note:
        case["note"] = note
    CASES.append(case)


def decline(cid, style, q, status="no_data", note=""):
    case = {"id": cid, "intent": "decline", "tags": ["data", "decline", f"style:{style}"], "q": q, "status": status}
    if note:
        case["note"] = note
    CASES.append(case)


def turn(q, intent=None, **kw):
    t = {"q": q}
    if intent:
        t["intent"] = intent
    t.update(expect(**kw))
    return t


def conv(cid, ops, style, turns, note=""):
    tags = ["data", "conversation"] + [f"op:{o}" for o in ops] + [f"style:{s}" for s in style.split(",")]
    case = {"id": cid, "intent": "conversation", "tags": tags, "turns": turns}
    if note:
        case["note"] = note
    CASES.append(case)


TIER = ["2"]   # the policy's tier/target clause may be cited on tier questions without penalty

# ================================================================= VALUE
add("d-val-qihong-2024", "value", ["value"], "nickname",
    "祁红那个集群2024年营收有多少？",
    numbers=[yi(v("祁门红茶", year=2024))], require=["祁门"])
add("d-val-guangde-hightech", "value", ["value"], "abbrev,nickname",
    "广德PCB 25年高企数",
    numbers=[jia(v("广德电子电路", "high_tech_enterprises"))], require=["广德"])
add("d-val-dangtu-rd-en", "value", ["value"], "english",
    "What was the R&D intensity of the Dangtu high-end equipment manufacturing cluster in 2025?",
    numbers=[N(v("当涂高端装备", "rd_intensity"), "%", 0.01)], require=["当涂|Dangtu"])
add("d-val-wuwei-exports-2023", "value", ["value"], "traditional",
    "請問無為市電線電纜集群2023年的進出口總額是多少？",
    numbers=[yi(v("无为电线电缆", "exports", 2023))], require=["无为|無為"])
add("d-val-lingbi-specialized", "value", ["value"], "typo",
    "灵壁轴承集群2025年专精特新企业有几家",
    numbers=[jia(v("灵璧轴承", "specialized_enterprises"))], require=["灵璧|灵壁|靈璧"],
    note="typo: 灵壁 for 灵璧")
add("d-val-dangshan-scale", "value", ["value"], "dialect,nickname",
    "俺们砀山梨那个集群25年规上企业有多少家嘞",
    numbers=[jia(v("砀山果蔬食品", "enterprises_above_scale"))], require=["砀山"])
add("d-val-ningguo-capacitor", "value", ["value"], "voice,nickname",
    "那个宁国电容器集群二零二五年营收是多少来着",
    numbers=[yi(v("宁国电子元器件"))], require=["宁国", "电子元器件|元器件|电容"], forbid=["高分子"],
    note="宁国电容器 is a nickname of 宁国电子元器件, not of the larger 宁国高分子 cluster")
add("d-val-shucheng-yuzhicai-partner", "value", ["value"], "polite,nickname",
    "您好，麻烦帮我查一下舒城预制菜集群2025年的配套伙伴企业有多少家，谢谢。",
    numbers=[jia(v("舒城预制食品", "partner_enterprises"))], require=["舒城", "预制"])
add("d-val-taihe-shaiwang", "value", ["value"], "colloquial",
    "太和筛网现在一年营收多大点？",
    numbers=[yi(v("太和筛网"))], require=["太和", "筛网"])
add("d-val-yuexi-fiveone", "value", ["value"], "plain",
    "岳西县文化旅游集群的“五个一”机制目前建了几项？",
    numbers=[N(v("岳西文旅", "five_one_count"), "项", 0)], require=["岳西"])
add("d-val-jieshou-leading", "value", ["value"], "nickname,colloquial",
    "界首搞再生资源的那个集群，群主企业有几家？",
    numbers=[jia(v("界首资源循环利用", "leading_enterprises"))], require=["界首"])

# ================================================================= SERIES
add("d-ser-yixian-rev", "series", ["series"], "plain",
    "列一下黟县乡村旅游集群2019年到2025年每年的营业收入。",
    numbers=[yi(v("黟县乡村旅游", year=y), label=str(y)) for y in range(2019, 2026)], require=["黟县"])
s = [v("天长电线电缆", year=y) for y in range(2021, 2026)]
assert all(b < a for a, b in zip(s, s[1:]))
add("d-ser-tianchang-cable-down", "series", ["series", "yesno"], "colloquial,nickname",
    "天长电缆这几年营收是不是一直在往下走？把21到25年的数给我看看",
    numbers=[yi(x, label=str(y)) for x, y in zip(s, range(2021, 2026))],
    require=["天长", "是|对|确实|一直|连续", DOWN], multipart=True)
add("d-ser-guangde-hightech-en", "series", ["series"], "english",
    "Give me the number of high-tech enterprises in the Guangde electronic circuits cluster for each year from 2022 to 2025.",
    numbers=[jia(v("广德电子电路", "high_tech_enterprises", y), label=str(y)) for y in range(2022, 2026)],
    require=["广德|Guangde"])
add("d-ser-dongzhi-trad", "series", ["series"], "traditional",
    "東至縣精細化工集群2021至2025年營業收入各是多少？",
    numbers=[yi(v("东至精细化工", year=y), label=str(y)) for y in range(2021, 2026)], require=["东至|東至"])
add("d-ser-province-rev-polite", "series", ["series", "aggregate"], "polite",
    "领导想看一下全省县域特色产业集群营业收入总规模2021年以来的逐年变化，麻烦按年列出来，谢谢。",
    numbers=[yi(prov(year=y), label=str(y)) for y in range(2021, 2026)], also_ok=TIER)
add("d-ser-hexian-typo", "series", ["series"], "typo",
    "和县化公新材料集群2022到2025年营收分别多少",
    numbers=[yi(v("和县化工新材料", year=y), label=str(y)) for y in range(2022, 2026)], require=["和县"],
    note="typo: 化公 for 化工")

# ================================================================= CHANGE
add("d-chg-feixi-appliance-yoy", "change", ["change"], "plain",
    "肥西县智能家电集群2025年营业收入同比增长了多少？",
    numbers=[pct(yoy(v("肥西智能家电"), v("肥西智能家电", year=2024)))], require=["肥西"])
add("d-chg-changfeng-abs-2022", "change", ["change"], "colloquial,abbrev",
    "长丰汽车22年比21年多了多少个亿？",
    numbers=[yi(v("长丰汽车零部件", year=2022) - v("长丰汽车零部件", year=2021))], require=["长丰"])
add("d-chg-wuwei-2024-en", "change", ["change"], "english",
    "By what percentage did revenue of the Wuwei wire and cable cluster grow in 2024?",
    numbers=[pct(yoy(v("无为电线电缆", year=2024), v("无为电线电缆", year=2023)))], require=["无为|Wuwei"])
x = yoy(v("东至精细化工", year=2023), v("东至精细化工", year=2022))
assert x < 0
add("d-chg-dongzhi-2023-drop", "change", ["change"], "dialect",
    "东至精细化工23年咋掉了恁多，到底掉了百分之几？",
    numbers=[pct(x)], require=["东至", DOWN], note="falling rate: gold is the magnitude, with a down word required")
add("d-chg-mengcheng-typo", "change", ["change"], "typo",
    "蒙城汽车另部件2025年营收增速是多少",
    numbers=[pct(yoy(v("蒙城汽车零部件"), v("蒙城汽车零部件", year=2024)))], require=["蒙城"],
    note="typo: 另部件 for 零部件")
add("d-chg-province-voice", "change", ["change", "aggregate"], "voice",
    "全省集群总营收二五年比二四年涨了多少个点啊",
    numbers=[pct(yoy(prov(), prov(year=2024)))])
add("d-chg-province-hightech-polite", "change", ["change", "aggregate"], "polite",
    "请问全省制造业集群高新技术企业数2025年比2023年增加了多少家？谢谢。",
    numbers=[jia(prov("high_tech_enterprises") - prov("high_tech_enterprises", 2023))], also_ok=TIER)
x = yoy(v("黟县乡村旅游", year=2020), v("黟县乡村旅游", year=2019))
assert x < 0
add("d-chg-yixian-2020-abbrev", "change", ["change"], "abbrev,nickname",
    "黟县旅游20年营收降幅",
    numbers=[pct(x)], require=["黟县"])

# ================================================================= CAGR
add("d-cagr-shucheng-3y", "cagr", ["cagr"], "plain",
    "舒城县电子信息（光电显示）集群近三年营业收入年均增长率是多少？",
    numbers=[pct(cagr(v("舒城电子信息"), v("舒城电子信息", year=2022), 3))], require=["舒城"])
add("d-cagr-yingshang-since2020", "cagr", ["cagr"], "colloquial",
    "颍上清洁能源新材料从2020年算起，平均每年涨多少？",
    numbers=[pct(cagr(v("颍上清洁能源新材料"), v("颍上清洁能源新材料", year=2020), 5))], require=["颍上"])
add("d-cagr-laian-4y-en", "cagr", ["cagr"], "english",
    "What is the compound annual growth rate of revenue for the Lai'an auto parts cluster over the last four years?",
    numbers=[pct(cagr(v("来安汽车零部件"), v("来安汽车零部件", year=2021), 4))], require=["来安|Lai'an|Laian"])
add("d-cagr-langxi-abbrev", "cagr", ["cagr"], "abbrev",
    "郎溪智能装备近3年CAGR",
    numbers=[pct(cagr(v("郎溪智能装备"), v("郎溪智能装备", year=2022), 3))], require=["郎溪"])
add("d-cagr-yixian-5y-typo", "cagr", ["cagr"], "typo",
    "黝县乡村旅游近五年年均增速多少",
    numbers=[pct(cagr(v("黟县乡村旅游"), v("黟县乡村旅游", year=2020), 5))], require=["黟县|黝县"],
    note="typo: 黝县 for 黟县; 近五年 = 2020->2025")
add("d-cagr-province-2019-trad", "cagr", ["cagr", "aggregate"], "traditional",
    "全省集群營業收入2019年以來年均增長多少？",
    numbers=[pct(cagr(prov(), prov(year=2019), 6))])
x = cagr(v("望江纺织服装"), v("望江纺织服装", year=2022), 3)
assert x < 0
add("d-cagr-wangjiang-dialect", "cagr", ["cagr"], "dialect",
    "望江纺织服装近三年到底是涨还是跌？平均一年跌多少嘛",
    numbers=[pct(x)], require=["望江", DOWN])
add("d-cagr-hefei-city-voice", "cagr", ["cagr", "aggregate"], "voice",
    "帮我算下合肥市下面几个县的集群营收加一块近三年年均增速多少",
    numbers=[pct(cagr(city_tot("合肥市"), city_tot("合肥市", year=2022), 3))], require=["合肥"])

# ================================================================= GAP
add("d-gap-feixi-1000", "gap", ["gap"], "nickname,colloquial",
    "肥西家电要冲千亿，还差多少？",
    numbers=[yi(1000 - v("肥西智能家电"))], require=["肥西"], also_ok=TIER)
add("d-gap-mengcheng-500-en", "gap", ["gap"], "english",
    "How far is the Mengcheng auto parts cluster from the 50-billion-yuan (500亿) tier?",
    numbers=[yi(500 - v("蒙城汽车零部件"))], require=["蒙城|Mengcheng"], also_ok=TIER)
add("d-gap-shucheng-300-typo", "gap", ["gap"], "typo,nickname",
    "舒城光电离300亿还查多少",
    numbers=[yi(300 - v("舒城电子信息"))], require=["舒城"], also_ok=TIER, note="typo: 查 for 差")
add("d-gap-huaiyuan-100-dialect", "gap", ["gap"], "dialect,nickname",
    "怀远食品离一百个亿还差好多撒？",
    numbers=[yi(100 - v("怀远农副食品加工"))], require=["怀远"], also_ok=TIER)
lg = largest_by_county()
assert county_tot("霍邱县") >= 100 and lg["霍邱县"] < 100
add("d-gap-huoqiu-county-100", "gap", ["gap"], "plain",
    "霍邱县要有一个百亿级集群，还差多少营收？",
    numbers=[yi(100 - lg["霍邱县"])], require=["霍邱", "铁基"], also_ok=TIER,
    note="trap: the county's two clusters sum past 100 but the tier is judged on the largest cluster (铁基新材料)")
add("d-gap-ningguo-auto-500-polite", "gap", ["gap"], "polite,nickname",
    "麻烦帮忙算一下，宁国汽车零部件集群离500亿这一档还有多大差距？",
    numbers=[yi(500 - v("宁国高分子材料和金属零部件"))], require=["宁国"], forbid=["电子元器件"], also_ok=TIER,
    note="宁国汽车零部件 is a nickname of 宁国先进高分子材料和高端金属材料零部件 cluster")

# ================================================================= REQUIRED RATE
add("d-req-tianchang-100-2027", "required_rate", ["required_rate"], "plain",
    "天长市智能测控装置（仪器仪表）集群要在2027年迈上百亿，年均增速需要达到多少？",
    numbers=[pct(req_rate(v("天长仪器仪表"), 100, 2027))], require=["天长"], also_ok=TIER)
add("d-req-hexian-100-2028", "required_rate", ["required_rate"], "colloquial",
    "和县化工想在2028年重新回到百亿，每年得涨多少？",
    numbers=[pct(req_rate(v("和县化工新材料"), 100, 2028))], require=["和县"], also_ok=TIER)
add("d-req-fengyang-1000-2030-en", "required_rate", ["required_rate"], "english",
    "What annual growth rate would the Fengyang silicon-based materials cluster need to reach 100 billion yuan (千亿) in revenue by 2030?",
    numbers=[pct(req_rate(v("凤阳硅基新材料"), 1000, 2030))], require=["凤阳|Fengyang"], also_ok=TIER)
add("d-req-province-14000-2027", "required_rate", ["required_rate", "target"], "plain",
    "全省集群营业收入要在2027年突破1.4万亿元，接下来两年年均要增长多少？",
    numbers=[pct(req_rate(prov(), 14000, 2027))], also_ok=TIER)
add("d-req-huaiyuan-100-2027-typo", "required_rate", ["required_rate"], "typo",
    "怀远农副食品加工集群2027年要到白亿，年均增速得多少",
    numbers=[pct(req_rate(v("怀远农副食品加工"), 100, 2027))], require=["怀远"], also_ok=TIER,
    note="typo: 白亿 for 百亿")
add("d-req-ningguo-cap-100-2028-dialect", "required_rate", ["required_rate"], "dialect,nickname",
    "宁国电容器要是想2028年整到百亿，一年得涨几个点嘛？",
    numbers=[pct(req_rate(v("宁国电子元器件"), 100, 2028))], require=["宁国"], also_ok=TIER)
add("d-req-province-20000-2030-trad", "required_rate", ["required_rate", "target"], "traditional",
    "全省集群營收2030年要突破2萬億元，年均需增長多少？",
    numbers=[pct(req_rate(prov(), 20000, 2030))], also_ok=TIER)

# ================================================================= PROJECT
g = yoy(v("长丰汽车零部件"), v("长丰汽车零部件", year=2024))
add("d-proj-changfeng-2027", "project", ["project"], "plain",
    "如果长丰县汽车零部件集群保持2025年的增速，2027年营收能达到多少？",
    numbers=[yi(project(v("长丰汽车零部件"), g, 2027), tol=proj_tol(v("长丰汽车零部件"), g, 2027))], require=["长丰"])
add("d-proj-lujiang-8pct-2028", "project", ["project"], "colloquial",
    "要是庐江新材料每年涨8%，2028年能到多少？",
    numbers=[yi(project(v("庐江新材料"), 8, 2028))], require=["庐江"])
add("d-proj-jieshou-10pct-en", "project", ["project"], "english",
    "If the Jieshou resource recycling cluster grows 10% a year, what will its revenue be in 2027?",
    numbers=[yi(project(v("界首资源循环利用"), 10, 2027))], require=["界首|Jieshou"])
c3 = cagr(prov(), prov(year=2022), 3)
add("d-proj-province-cagr-2027-abbrev", "project", ["project", "aggregate"], "abbrev",
    "全省集群营收按近3年CAGR外推，27年能到多少",
    numbers=[yi(project(prov(), c3, 2027), tol=proj_tol(prov(), c3, 2027))], also_ok=TIER)
add("d-proj-laian-5pct-2030-typo", "project", ["project"], "typo",
    "来按汽车零部件按5%的增速，2030年营收多少",
    numbers=[yi(project(v("来安汽车零部件"), 5, 2030))], require=["来安"], note="typo: 来按 for 来安")
add("d-proj-mengcheng-15pct-voice", "project", ["project"], "voice",
    "假如蒙城汽车零部件每年增长百分之十五那二零二七年营收大概多少",
    numbers=[yi(project(v("蒙城汽车零部件"), 15, 2027))], require=["蒙城"])
g = yoy(v("黟县乡村旅游"), v("黟县乡村旅游", year=2024))
add("d-proj-yixian-2026-trad", "project", ["project"], "traditional",
    "若黟縣鄉村旅遊集群按2025年的增速繼續增長，2026年營收約為多少？",
    numbers=[yi(project(v("黟县乡村旅游"), g, 2026), tol=proj_tol(v("黟县乡村旅游"), g, 2026))], require=["黟县|黟縣"])

# ================================================================= CROSSING YEAR
add("d-cross-tianchang-10pct", "crossing_year", ["crossing_year"], "plain",
    "按每年增长10%测算，天长仪器仪表集群哪一年能突破百亿？",
    numbers=[nian(cross_robust(v("天长仪器仪表"), 10, 100))], require=["天长"], also_ok=TIER)
r = cagr(v("蒙城汽车零部件"), v("蒙城汽车零部件", year=2022), 3)
add("d-cross-mengcheng-cagr-500", "crossing_year", ["crossing_year", "cagr"], "colloquial",
    "蒙城汽车照近三年的平均速度走，啥时候能上500亿？",
    numbers=[nian(cross_robust(v("蒙城汽车零部件"), r, 500))], require=["蒙城"], also_ok=TIER)
add("d-cross-wuwei-12pct-1000-en", "crossing_year", ["crossing_year"], "english",
    "At 12% annual growth, in which year would the Wuwei wire and cable cluster pass 100 billion yuan?",
    numbers=[nian(cross_robust(v("无为电线电缆"), 12, 1000))], require=["无为|Wuwei"], also_ok=TIER)
r = yoy(v("肥西智能家电"), v("肥西智能家电", year=2024))
add("d-cross-feixi-g25-1000", "crossing_year", ["crossing_year"], "nickname",
    "肥西家电按2025年的增速走下去，哪年能过千亿？",
    numbers=[nian(cross_robust(v("肥西智能家电"), r, 1000))], require=["肥西"], also_ok=TIER)
add("d-cross-hexian-8pct-trad", "crossing_year", ["crossing_year"], "traditional",
    "按年均8%增長，和縣化工新材料集群哪一年能重回百億？",
    numbers=[nian(cross_robust(v("和县化工新材料"), 8, 100))], require=["和县|和縣"], also_ok=TIER)
add("d-cross-lujiang-9pct-300-dialect", "crossing_year", ["crossing_year"], "dialect",
    "庐江新材料一年涨个9%，哪年能摸到300亿哦？",
    numbers=[nian(cross_robust(v("庐江新材料"), 9, 300))], require=["庐江"], also_ok=TIER)
r = cagr(prov(), prov(year=2022), 3)
add("d-cross-province-20000", "crossing_year", ["crossing_year", "aggregate"], "plain",
    "全省集群营业收入按近三年年均增速，哪一年能突破2万亿元？",
    numbers=[nian(cross_robust(prov(), r, 20000))], also_ok=TIER)

# ================================================================= RANK
t = year_table().sort_values("value", ascending=False).reset_index(drop=True)
assert t.value.iloc[4] > t.value.iloc[5]
top5 = t.head(5)
kw = {"长丰汽车零部件": "长丰", "肥西智能家电": "肥西", "凤阳硅基新材料": "凤阳", "无为电线电缆": "无为", "广德电子电路": "广德"}
assert list(top5.short_name) == list(kw)
add("d-rank-top5-rev", "rank", ["rank"], "plain",
    "2025年营业收入排名前五的集群是哪几个？",
    numbers=[yi(x) for x in top5.value], require=list(kw.values()))
pos = int(t.index[t.short_name == "凤阳硅基新材料"][0]) + 1
assert pos == 3
add("d-rank-fengyang-position", "rank", ["rank"], "colloquial,nickname",
    "凤阳玻璃在全省集群里营收能排第几？",
    numbers=[yi(v("凤阳硅基新材料"))], require=["凤阳", "第三|第3|第 3"])
xc = year_table()
xc = xc[xc.city == "宣城市"].sort_values("value", ascending=False).reset_index(drop=True)
assert list(xc.short_name[:3]) == ["广德电子电路", "宁国高分子材料和金属零部件", "郎溪智能装备"]
add("d-rank-xuancheng-en", "rank", ["rank"], "english",
    "Rank the clusters in Xuancheng city by 2025 revenue — which are the top three?",
    numbers=[yi(x) for x in xc.value[:3]], require=["广德|Guangde", "宁国|Ningguo", "郎溪|Langxi"])
ct = year_table().groupby("county").value.sum().sort_values(ascending=False)
assert list(ct.index[:3]) == ["长丰县", "肥西县", "无为市"] and ct.iloc[2] > ct.iloc[3]
add("d-rank-county-top3", "rank", ["rank", "aggregate"], "colloquial",
    "按县（市）算，集群营收加起来最多的是哪三个县？",
    numbers=[yi(x) for x in ct.values[:3]], require=["长丰", "肥西", "无为"])
cy = year_table().groupby("city").value.sum().sort_values(ascending=False)
assert list(cy.index[:3]) == ["合肥市", "滁州市", "宣城市"] and cy.iloc[2] > cy.iloc[3]
add("d-rank-city-top3-trad", "rank", ["rank", "aggregate"], "traditional",
    "各市集群營業收入2025年排名前三的是哪幾個市？",
    numbers=[yi(x) for x in cy.values[:3]], require=["合肥", "滁州", "宣城"])
rd = year_table("rd_intensity").sort_values("value").reset_index(drop=True)
assert rd.value.iloc[2] < rd.value.iloc[3]
assert list(rd.short_name[:3]) == ["颍上绿色食品", "舒城预制食品", "潜山刷业"]
add("d-rank-rd-bottom3-abbrev", "rank", ["rank"], "abbrev",
    "制造业集群研发强度倒数三名（2025）",
    numbers=[N(x, "%", 0.01) for x in rd.value[:3]], require=["颍上", "舒城", "潜山"])
gt = year_table().merge(year_table(year=2024), on="short_name", suffixes=("", "_p"))
gt["g"] = (gt.value / gt.value_p - 1) * 100
gt = gt.sort_values("g", ascending=False).reset_index(drop=True)
assert gt.g.iloc[1] - gt.g.iloc[2] > 0.05   # 3rd/4th (郎溪 17.03, 无为 16.99) are too close to rank fairly
assert list(gt.short_name[:2]) == ["蒙城汽车零部件", "舒城电子信息"]
add("d-rank-growth-top2", "rank", ["rank", "change"], "polite",
    "请帮忙列出2025年营收同比增速最快的两个集群及其增速，谢谢。",
    numbers=[pct(x) for x in gt.g[:2]], require=["蒙城", "舒城"])

# ================================================================= ARGMAX (scoped superlatives)
tl = year_table()
assert list(tl[tl.city == "铜陵市"].short_name) == ["枞阳新型建材"]
add("d-argmax-tongling-dialect", "argmax", ["argmax"], "dialect",
    "铜陵那边哪个集群长得最快嘛？",
    require=["枞阳"],
    note="铜陵市 has a single cluster in the data (枞阳新型建材), so any growth definition gives it; no rate required")
rdl = year_table("rd_intensity")
rdl = rdl[rdl.city == "六安市"].sort_values("value", ascending=False)
assert rdl.short_name.iloc[0] == "金寨新能源装备"
add("d-argmax-luan-rd", "argmax", ["argmax"], "voice",
    "六安那几个集群研发投入强度哪个最高啊二零二五年的",
    numbers=[N(rdl.value.iloc[0], "%", 0.01)], require=["金寨"])
cg = year_table().merge(year_table(year=2022), on="short_name", suffixes=("", "_p"))
cg["c"] = ((cg.value / cg.value_p) ** (1 / 3) - 1) * 100
cg = cg.sort_values("c", ascending=False)
assert cg.short_name.iloc[0] == "长丰汽车零部件"
add("d-argmax-cagr3-province", "argmax", ["argmax", "cagr"], "plain",
    "全省哪个集群近三年营收年均增速最高？是多少？",
    numbers=[pct(cg.c.iloc[0])], require=["长丰"])
fs = year_table("enterprises_above_scale")
fs = fs[fs.city == "阜阳市"].sort_values("value", ascending=False)
assert fs.short_name.iloc[0] == "界首资源循环利用"
add("d-argmax-fuyang-scale-typo", "argmax", ["argmax"], "typo",
    "阜杨那几个集群里规上企业最多的是哪个？",
    numbers=[jia(fs.value.iloc[0])], require=["界首"], note="typo: 阜杨 for 阜阳")
cz = year_table()
cz = cz[cz.city == "滁州市"].groupby("county").value.sum().sort_values(ascending=False)
assert cz.index[0] == "凤阳县"
add("d-argmax-chuzhou-county-trad", "argmax", ["argmax", "aggregate"], "traditional",
    "滁州市哪個縣（市）的集群營收合計最高？",
    numbers=[yi(cz.iloc[0])], require=["凤阳|鳳陽"])
dn = gt[gt.g < 0].sort_values("g")
assert dn.short_name.iloc[0] == "太和筛网"
add("d-argmax-biggest-drop", "argmax", ["argmax", "change"], "plain",
    "2025年营收下降的集群中，降幅最大的是哪个？降了多少？",
    numbers=[pct(dn.g.iloc[0])], require=["太和", "筛网"])
fo = year_table("five_one_count")
fo = fo[fo.city == "合肥市"].sort_values("value", ascending=False)
assert fo.value.iloc[0] == 5 and fo.value.iloc[1] < 5 and fo.short_name.iloc[0] == "长丰汽车零部件"
add("d-argmax-hefei-fiveone-voice", "argmax", ["argmax"], "voice",
    "合肥那几个集群五个一机制哪个建得最全啊建了几项",
    numbers=[N(fo.value.iloc[0], "项", 0)], require=["长丰"])

# ================================================================= COUNT
cnt = lambda thr, y=LATEST: int((year_table(year=y).value >= thr).sum())
fv = year_table("five_one_count")
add("d-count-decline-en", "count", ["count", "change"], "english",
    "How many clusters saw their revenue fall in 2025 compared with 2024?",
    numbers=[ge(len(dn))])
xcb = year_table()
xcb = xcb[(xcb.city == "宣城市") & (xcb.value >= 100)]
add("d-count-xuancheng-100-dialect", "count", ["count"], "dialect",
    "宣城有几个百亿集群嘛？",
    numbers=[ge(len(xcb))], require=["广德", "宁国", "郎溪"], also_ok=TIER)
n_cty_100 = int((lg >= 100).sum())
add("d-count-counties-with-100", "count", ["count"], "colloquial",
    "现在有多少个县（市）手里至少有一个百亿级集群？",
    numbers=[ge(n_cty_100)], also_ok=TIER,
    note="judged on each county's largest cluster (天长/霍邱 sum past 100 but do not count)")
rdc = year_table("rd_intensity")
add("d-count-rd2-trad", "count", ["count"], "traditional",
    "2025年製造業集群研發投入強度達到2%及以上的有幾個？",
    numbers=[ge(int((rdc.value >= 2).sum()))])
ke = year_table("key_enterprises_100yi")
add("d-count-key100-typo", "count", ["count"], "typo",
    "有几个集群拥有百亿级重点企页？",
    numbers=[ge(int((ke.value > 0).sum()))], note="typo: 企页 for 企业")
add("d-count-anqing-dialect", "count", ["count"], "dialect",
    "安庆那边一共有几个集群来着？",
    numbers=[ge(int((tl.city == "安庆市").sum()))], require=["安庆"])

# ================================================================= FILTER
band = tl[(tl.value >= 300) & (tl.value < 500)].sort_values("value", ascending=False)
bandkw = {"凤阳硅基新材料": "凤阳", "无为电线电缆": "无为", "广德电子电路": "广德", "宁国高分子材料和金属零部件": "宁国",
          "肥东先进光伏": "肥东", "蒙城汽车零部件": "蒙城", "界首资源循环利用": "界首", "颍上清洁能源新材料": "颍上"}
assert set(band.short_name) == set(bandkw)
add("d-filter-300-500", "filter", ["filter", "count"], "plain",
    "2025年营收在300亿到500亿之间的集群有哪些？一共几个？",
    numbers=[ge(len(band))], require=list(bandkw.values()), also_ok=TIER, multipart=True,
    note="300 inclusive (颍上 = 300.0), 500 exclusive")
near = tl[(tl.value >= 80) & (tl.value < 100)].sort_values("value", ascending=False)
assert list(near.short_name) == ["天长仪器仪表", "肥西农业装备", "和县化工新材料"]
add("d-filter-80-100", "filter", ["filter"], "colloquial",
    "营收80亿以上、还没到百亿的集群有哪几个？",
    numbers=[yi(x) for x in near.value], require=["天长", "肥西", "和县"], also_ok=TIER)
dkw = {"太和筛网": "筛网", "和县化工新材料": "和县", "望江纺织服装": "望江", "天长电线电缆": "天长", "歙县文旅": "歙县", "宿松鞋服": "宿松"}
assert set(dn.short_name) == set(dkw)
add("d-filter-declined-2025", "filter", ["filter", "change"], "plain",
    "哪些集群2025年营收比2024年少了？",
    require=list(dkw.values()))
r3 = year_table("rd_intensity")
r3 = r3[r3.value > 3].sort_values("value", ascending=False)
r3kw = {"全椒新能源": "全椒", "天长电线电缆": "天长", "宁国电子元器件": "宁国", "金寨新能源装备": "金寨"}
assert set(r3.short_name) == set(r3kw)
add("d-filter-rd3-en", "filter", ["filter"], "english",
    "List the clusters whose R&D intensity was above 3% in 2025.",
    numbers=[N(x, "%", 0.01) for x in r3.value], require=["全椒|Quanjiao", "天长|Tianchang", "宁国|Ningguo", "金寨|Jinzhai"])
z = fv[fv.value == 0]
zkw = {"全椒新能源": "全椒", "霍邱柳编": "霍邱", "灵璧轴承": "灵璧"}
assert set(z.short_name) == set(zkw)
add("d-filter-fiveone-zero", "filter", ["filter"], "colloquial",
    "“五个一”一项都还没建的集群是哪些？",
    require=list(zkw.values()))
svc = CL[CL.manufacturing == 0].short_name
tv = tl[tl.short_name.isin(svc) & (tl.value >= 100)]
assert list(tv.short_name) == ["黟县乡村旅游"]
add("d-filter-tourism-100-trad", "filter", ["filter"], "traditional",
    "百億級集群中，有哪些是文旅或旅遊類的？",
    numbers=[yi(tv.value.iloc[0])], require=["黟县|黟縣"], also_ok=TIER)
e30 = year_table("exports")
e30 = e30[e30.value > 30].sort_values("value", ascending=False)
assert list(e30.short_name) == ["长丰汽车零部件", "广德电子电路", "肥东先进光伏"]
add("d-filter-exports30", "filter", ["filter"], "abbrev",
    "进出口超30亿的集群",
    numbers=[yi(x) for x in e30.value], require=["长丰", "广德", "肥东"])

# ================================================================= AGGREGATE
rdw = year_table("rd_intensity").merge(year_table(), on="short_name", suffixes=("", "_rev"))
rd_w = float((rdw.value * rdw.value_rev).sum() / rdw.value_rev.sum())   # revenue-weighted R&D intensity
add("d-agg-province-rev", "aggregate", ["aggregate"], "voice",
    "全省七十二个集群二零二五年营收一共是多少",
    numbers=[yi(prov())], also_ok=TIER)
add("d-agg-chuzhou-rev", "aggregate", ["aggregate"], "colloquial",
    "滁州市的集群25年营收一共多少？",
    numbers=[yi(city_tot("滁州市"))], require=["滁州"])
add("d-agg-exports-share-en", "aggregate", ["aggregate"], "english",
    "What were the total imports and exports of all clusters in 2025, and what share of the province's total foreign trade is that?",
    numbers=[yi(prov("exports")), pct(prov("exports") / prov_trade() * 100)], multipart=True, also_ok=TIER)
cov = prov("five_one_count") / (N_CLUSTERS * 5) * 100
add("d-agg-fiveone-coverage", "aggregate", ["aggregate"], "abbrev",
    "五个一覆盖率 2025",
    numbers=[pct(cov)], also_ok=TIER)
add("d-agg-xuancheng-hightech-trad", "aggregate", ["aggregate"], "traditional",
    "宣城市各集群高新技術企業2025年合計多少家？",
    numbers=[jia(city_tot("宣城市", "high_tech_enterprises"))], require=["宣城"])
add("d-agg-fuyang-scale-dialect", "aggregate", ["aggregate"], "dialect",
    "阜阳几个县的集群规上企业加起来有好多家嘛？",
    numbers=[jia(city_tot("阜阳市", "enterprises_above_scale"))], require=["阜阳"])
add("d-agg-partner-typo", "aggregate", ["aggregate"], "typo",
    "全省集群配套伙伴企也总数多少",
    numbers=[jia(prov("partner_enterprises"))], also_ok=TIER, note="typo: 企也 for 企业")
add("d-agg-huangshan-exports-voice", "aggregate", ["aggregate"], "voice",
    "黄山市那几个集群加一起进出口多少啊",
    numbers=[yi(city_tot("黄山市", "exports"))], require=["黄山"])

# ================================================================= COMPARE
assert v("来安汽车零部件") == v("当涂高端装备")
add("d-cmp-laian-dangtu-tie", "compare", ["compare"], "polite",
    "您好，想请教一下：来安汽车零部件和当涂高端装备制造两个集群，2025年谁的营收更高？谢谢！",
    numbers=[yi(v("来安汽车零部件"))], require=["来安", "当涂", "相同|持平|一样|相等|并列"],
    note="trap: both are exactly 166.8 亿元")
a, b = v("肥东先进光伏", "exports"), v("界首资源循环利用", "exports")
assert a > b
add("d-cmp-feidong-jieshou-exports", "compare", ["compare"], "colloquial,nickname",
    "肥东光伏跟界首循环经济比，谁的进出口多？多多少？",
    numbers=[yi(a), yi(b), yi(a - b)], require=["肥东"], multipart=True)
a, b = v("东至精细化工"), v("和县化工新材料")
assert a > b
add("d-cmp-dongzhi-hexian-en", "compare", ["compare"], "english",
    "Compare the Hexian chemical new materials cluster with the Dongzhi fine chemicals cluster: which had higher revenue in 2025?",
    numbers=[yi(a), yi(b)], require=["东至|Dongzhi"])
add("d-cmp-changfeng-mengcheng-ratio", "compare", ["compare"], "abbrev",
    "长丰汽车营收是蒙城汽车的几倍",
    numbers=[N(round(v("长丰汽车零部件") / v("蒙城汽车零部件"), 2), "倍", 0.05)], require=["长丰", "蒙城"])
a, b = v("广德电子电路", "rd_intensity"), v("肥西智能家电", "rd_intensity")
assert a > b
add("d-cmp-guangde-feixi-rd-trad", "compare", ["compare"], "traditional",
    "廣德電子電路與肥西智能家電，2025年哪個研發投入強度更高？",
    numbers=[N(a, "%", 0.01), N(b, "%", 0.01)], require=["广德|廣德"])
add("d-cmp-hefei-chuzhou", "compare", ["compare", "aggregate"], "polite",
    "请问合肥和滁州两市的集群营收2025年相差多少？谢谢。",
    numbers=[yi(city_tot("合肥市") - city_tot("滁州市"))], require=["合肥", "滁州"])
a, b = v("歙县文旅"), v("岳西文旅")
assert a > b
add("d-cmp-shexian-yuexi-dialect", "compare", ["compare"], "dialect",
    "歙县文旅跟岳西文旅，25年哪个营收大些嘛？",
    numbers=[yi(a), yi(b)], require=["歙县"])

# ================================================================= RACE
def race(s1, s2, thr, how):
    if how == "cagr3":
        r_a = cagr(v(s1), v(s1, year=2022), 3)
        r_b = cagr(v(s2), v(s2, year=2022), 3)
    else:
        r_a = yoy(v(s1), v(s1, year=2024))
        r_b = yoy(v(s2), v(s2, year=2024))
    ya, yb = cross_robust(v(s1), r_a, thr), cross_robust(v(s2), r_b, thr)
    assert ya != yb, (s1, s2, ya, yb)
    return ya, yb


ya, yb = race("蒙城汽车零部件", "肥东先进光伏", 500, "cagr3")
assert ya < yb
add("d-race-mengcheng-feidong-500", "race", ["race", "crossing_year"], "plain",
    "按各自近三年年均增速，蒙城汽车零部件和肥东先进光伏哪个先达到500亿？分别在哪一年？",
    numbers=[nian(ya, "蒙城"), nian(yb, "肥东")], require=["蒙城"], also_ok=TIER)
ya, yb = race("舒城电子信息", "颍上清洁能源新材料", 400, "g25")
assert ya < yb
add("d-race-shucheng-yingshang-400", "race", ["race", "crossing_year"], "colloquial",
    "舒城光电和颍上清洁能源都按2025年的增速跑，谁先过400亿？",
    numbers=[nian(ya, "舒城"), nian(yb, "颍上")], require=["舒城"], also_ok=TIER)
ya, yb = race("来安汽车零部件", "当涂高端装备", 300, "cagr3")
assert ya < yb
add("d-race-laian-dangtu-300-en", "race", ["race", "crossing_year"], "english",
    "Lai'an auto parts and Dangtu high-end equipment both had 16.68 billion yuan of revenue in 2025. At each one's own three-year average growth, which reaches 30 billion yuan first?",
    numbers=[nian(ya, "来安"), nian(yb, "当涂")], require=["来安|Lai'an|Laian"], also_ok=TIER)
ya, yb = race("庐江新材料", "郎溪智能装备", 200, "cagr3")
winner = "郎溪" if yb < ya else "庐江"
add("d-race-lujiang-langxi-200", "race", ["race", "crossing_year"], "abbrev",
    "庐江新材料vs郎溪智能装备，按近3年均速谁先到200亿",
    numbers=[nian(ya, "庐江"), nian(yb, "郎溪")], require=[winner], also_ok=TIER)
ya, yb = race("天长仪器仪表", "肥西农业装备", 100, "g25")
winner = "天长" if ya < yb else "肥西"
add("d-race-tianchang-feixi-ag-100", "race", ["race", "crossing_year"], "nickname,colloquial",
    "天长仪表跟肥西农机，都照2025年的增速往下走，谁先破百亿？",
    numbers=[nian(ya, "天长"), nian(yb, "肥西")], require=[winner], also_ok=TIER)

# ================================================================= PROGRESS against the policy's province targets (clause 二)
n100 = cnt(100)
add("d-prog-100-count-2025", "progress", ["progress", "target"], "plain",
    "对照指导意见2025年的目标，全省百亿级集群个数完成得怎么样？还差几个？",
    numbers=[ge(n100, "2025实际"), ge(35, "目标"), ge(35 - n100, "差距")], clauses=["2"], multipart=True)
add("d-prog-rev-10000-gap", "progress", ["progress", "target", "gap"], "colloquial",
    "集群营收总规模离2025年破1万亿的目标还差多少？",
    numbers=[yi(10000 - prov())], clauses=["2"])
hte = prov("high_tech_enterprises")
assert hte < 2400
add("d-prog-hightech-2400", "progress", ["progress", "target", "yesno"], "plain",
    "制造业集群高新技术企业2025年达到2400家的目标了吗？",
    numbers=[jia(hte)], require=["未|没有|没|尚未|差"], clauses=["2"])
spe = prov("specialized_enterprises")
assert spe < 1200
add("d-prog-specialized-1200-en", "progress", ["progress", "target", "yesno"], "english",
    "Has the 2025 target of 1,200 specialized (专精特新) enterprises in manufacturing clusters been met?",
    numbers=[jia(spe)], require=["未|没有|尚未|not|short|No|no"], clauses=["2"])
k10 = prov("key_enterprises_100yi")
assert k10 >= 10
add("d-prog-key100-10", "progress", ["progress", "target", "yesno"], "colloquial",
    "百亿级重点企业2025年要到10个，这个目标完成了没？",
    numbers=[ge(k10)], require=["已|完成|达到|实现"], clauses=["2"])
add("d-prog-fiveone-60-gap", "progress", ["progress", "target", "gap"], "polite",
    "请问“五个一”机制覆盖率离2025年60%的目标还差多少个百分点？",
    numbers=[pct(cov, "2025实际"), pct(60 - cov, "差距")], clauses=["2"], multipart=True)
n1000 = cnt(1000)
assert n1000 >= 1
add("d-prog-1000-2027-trad", "progress", ["progress", "target", "yesno"], "traditional",
    "2027年千億級集群1個的目標，現在實現了沒有？",
    numbers=[ge(n1000)], require=["长丰|長豐", "已|实现|實現|达到|達到"], clauses=["2"])
assert round(rd_w, 2) < 2
add("d-prog-rd-2pct", "progress", ["progress", "target", "yesno"], "abbrev",
    "制造业集群研发强度25年目标2%，完成没",
    numbers=[N(round(rd_w, 2), "%", 0.01)], require=["未|没|尚未|差"], clauses=["2"])
le, pa = prov("leading_enterprises"), prov("partner_enterprises")
assert le < 200 and pa < 1000
add("d-prog-leading-partner", "progress", ["progress", "target"], "polite",
    "烦请介绍一下，群主龙头企业和配套伙伴企业这两项2025年目标，目前分别完成了多少？",
    numbers=[jia(le, "群主企业"), jia(pa, "伙伴企业")],
    clauses=["2"], multipart=True, note="targets 200 and 1000; completion rates (84.0%, 96.1%) not required")
n_cty = CO.county.nunique()
assert n_cty == 59
add("d-prog-county-100-2030", "progress", ["progress", "target", "count"], "colloquial",
    "2030年要每个县（市）至少一个百亿集群，现在还有多少个县没有？",
    numbers=[ge(n_cty - n_cty_100)], clauses=["2"],
    note="59 county-level units in counties.csv (固镇/休宁/石台 have no cluster); tier judged on the largest cluster")
n500 = cnt(500)
add("d-prog-500-3", "progress", ["progress", "target"], "plain",
    "2025年500亿级集群目标是3个，现在有几个？是哪几个？",
    numbers=[ge(n500)], require=["长丰", "肥西"], clauses=["2"], multipart=True,
    note="凤阳 at 499.2 does not count")
sh23 = prov("exports", 2023) / prov_trade(2023) * 100
sh25 = prov("exports") / prov_trade() * 100
assert sh25 > sh23
add("d-prog-export-share", "progress", ["progress", "target", "change"], "voice",
    "集群进出口占全省比重二五年比二三年是不是提高了提高了多少",
    numbers=[pct(sh25, "2025"), pct(sh23, "2023"), pct(sh25 - sh23, "提高")], require=["提高|上升|提升|增加|是"],
    clauses=["2"], multipart=True)
n3_5 = int(((tl.value >= 300) & (tl.value < 500)).sum())

# ================================================================= YES/NO
assert 100 <= v("东至精细化工") < 101
add("d-yn-dongzhi-still-100", "yesno", ["yesno"], "colloquial",
    "东至精细化工2025年还算百亿级集群吗？",
    numbers=[yi(v("东至精细化工"))], require=["东至", "是|算|仍|还是|达到"], also_ok=TIER)
add("d-yn-tianchang-county-100", "yesno", ["yesno"], "plain",
    "天长两个集群加起来已经超过100亿了，天长算有百亿级集群吗？",
    numbers=[yi(v("天长仪器仪表"))], require=["天长", "不|没有|未|否"], also_ok=TIER,
    note="trap: a county is judged by its largest cluster (94.2), not the county sum (146.8)")
assert v("颍上清洁能源新材料") == 300.0
add("d-yn-yingshang-300", "yesno", ["yesno"], "colloquial",
    "颍上清洁能源新材料到300亿了没？",
    numbers=[yi(v("颍上清洁能源新材料"))], require=["颍上", "已|到了|达到|刚好|正好|是"], also_ok=TIER,
    note="exactly 300.0; reached means >= threshold")
q = [v("祁门红茶", year=y) for y in range(2019, 2026)]
assert all(b > a for a, b in zip(q, q[1:]))
add("d-yn-qimen-monotone-en", "yesno", ["yesno", "series"], "english",
    "Did revenue of the Qimen black tea cluster grow every single year from 2019 to 2025?",
    numbers=[yi(q[0], label="2019"), yi(q[-1], label="2025")], require=["祁门|Qimen", "是|yes|Yes|每年|every"])
assert v("和县化工新材料") < 100
add("d-yn-hexian-still-100", "yesno", ["yesno"], "plain",
    "和县化工新材料现在还是百亿级集群吗？",
    numbers=[yi(v("和县化工新材料"))], require=["和县", "不|否|没有|未|已跌|跌破|低于"], also_ok=TIER)
assert v("潜山刷业") >= 100
add("d-yn-qianshan-brush-dialect", "yesno", ["yesno"], "dialect,nickname",
    "潜山刷子那个集群是不是上百亿了哦？",
    numbers=[yi(v("潜山刷业"))], require=["潜山", "是|已|上|达到|超过"], also_ok=TIER)

# ================================================================= MULTIPART
g = yoy(v("舒城电子信息"), v("舒城电子信息", year=2024))
add("d-multi-shucheng-value-cross", "multipart", ["value", "crossing_year"], "typo",
    "舒城电子信息集群2025年营收多少？按当年的增速哪一年能过500忆？",
    numbers=[yi(v("舒城电子信息")), nian(cross_robust(v("舒城电子信息"), g, 500))], require=["舒城"],
    also_ok=TIER, multipart=True)
add("d-multi-funan-en", "multipart", ["value"], "english,nickname",
    "What was the revenue of the Funan wicker (柳编) cluster in 2025, and how many above-scale enterprises did it have?",
    numbers=[yi(v("阜南柳木")), jia(v("阜南柳木", "enterprises_above_scale"))], require=["阜南|Funan"], forbid=["霍邱"], multipart=True)
add("d-multi-100-1000-count", "multipart", ["count"], "colloquial",
    "全省现在百亿集群几个、千亿集群几个？",
    numbers=[ge(n100, "百亿"), ge(n1000, "千亿")], also_ok=TIER, multipart=True)
add("d-multi-feidong-growth-rd", "multipart", ["change", "value"], "nickname",
    "肥东光伏2025年营收同比增长多少？研发投入强度又是多少？",
    numbers=[pct(yoy(v("肥东先进光伏"), v("肥东先进光伏", year=2024))), N(v("肥东先进光伏", "rd_intensity"), "%", 0.01)],
    require=["肥东"], multipart=True)
add("d-multi-jieshou-two-trad", "multipart", ["value", "filter"], "traditional",
    "請告訴我界首市兩個集群的名稱，以及各自2025年的營業收入。",
    numbers=[yi(v("界首资源循环利用")), yi(v("界首纺织服装"))], require=["循环|循環", "纺织|紡織"], multipart=True)
add("d-multi-changfeng-rev-profit", "multipart", ["value"], "plain",
    "长丰汽车零部件集群2025年的营业收入和利润各是多少？",
    numbers=[yi(v("长丰汽车零部件"))], require=["长丰", "利润"], multipart=True,
    note="revenue answerable; profit is not in metrics.csv and the answer should say so (require 利润 mentioned)")
assert v("全椒高端装备") >= 100 and v("全椒新能源") < 100
add("d-multi-quanjiao-two-gaps", "multipart", ["gap", "yesno"], "polite",
    "请帮忙看下全椒县两个集群离百亿各还差多少，谢谢。",
    numbers=[yi(100 - v("全椒新能源"))], require=["全椒", "高端装备", "新能源", "已|超过|达到"], also_ok=TIER, multipart=True,
    note="全椒高端装备 (225.8) has already passed 100; only 全椒新能源 has a gap")

# ================================================================= DECLINES (single turn)
decline("d-dec-profit", "plain", "长丰汽车零部件集群2025年利润总额是多少？")
decline("d-dec-tax", "colloquial", "界首循环经济那个集群一年交多少税？")
decline("d-dec-gdp", "plain", "天长市2025年的地区生产总值是多少？")
decline("d-dec-year-2018", "abbrev", "肥西家电18年营收", note="data start in 2019")
decline("d-dec-enterprise-name", "colloquial", "长丰汽车集群里营收最高的是哪家企业？")
decline("d-dec-district-shushan", "plain", "合肥市蜀山区的特色产业集群营收是多少？", note="a district, not a county")
decline("d-dec-guzhen", "plain", "固镇县的集群2025年营业收入是多少？", note="固镇 is a county in counties.csv with no cluster in the data")
decline("d-dec-yixian-hightech", "nickname", "黟县旅游集群有多少家高新技术企业？",
        note="high_tech_enterprises is a manufacturing-only metric; the 黟县 tourism cluster has none recorded")
decline("d-dec-employment-en", "english", "How many people are employed in the Guangde PCB cluster?")
decline("d-dec-speech", "polite", "请帮我写一篇在县域特色产业集群推进会上的领导讲话稿，三千字左右。", status="out_of_scope")
decline("d-dec-weather", "colloquial", "明天合肥下不下雨？", status="out_of_scope")
decline("d-dec-kunshan", "plain", "江苏昆山电子信息产业集群2025年营收多少？", status="out_of_scope", note="other province")
decline("d-dec-2026-actual", "colloquial", "长丰汽车2026年实际营收出来了吧，多少？", note="data end in 2025; a projection is not an actual")
decline("d-dec-patents-trad", "traditional", "宿松鞋服集群的專利數量有多少件？")
decline("d-dec-tea-price-dialect", "dialect", "祁门红茶今年收购价好多钱一斤嘛？")
decline("d-dec-county-head-voice", "voice", "那个阜南柳编集群所在县的县长是谁啊")
decline("d-dec-energy-typo", "typo", "凤阳硅基新材料集群的能号是多少吨标准煤？", note="typo: 能号 for 能耗")
decline("d-dec-quarterly-polite", "polite", "您好，请提供2025年一季度各集群的营业收入数据，谢谢。", note="annual data only")
decline("d-dec-xiuning-abbrev", "abbrev", "休宁集群营收", note="休宁 is in counties.csv but has no cluster")
decline("d-dec-stocks", "colloquial", "推荐几只安徽汽车零部件的股票呗", status="out_of_scope")
decline("d-dec-zhejiang-en", "english", "Which county in Zhejiang has the largest industrial cluster?", status="out_of_scope")
decline("d-dec-investment", "plain", "广德电子电路集群2025年固定资产投资完成了多少？")
decline("d-dec-budget-revenue", "polite", "麻烦问一下舒城县2025年一般公共预算收入是多少？")
decline("d-dec-mu-tax", "abbrev", "无为电缆亩均税收")
decline("d-dec-train-ticket", "voice", "帮我订一张明天去界首的高铁票", status="out_of_scope")
decline("d-dec-national-rank", "plain", "安徽有几个集群进了全国县域百强产业集群榜单？")
decline("d-dec-baohe-trad", "traditional", "合肥市包河區的集群有幾家規上企業？", note="a district, not a county")
decline("d-dec-tourists", "nickname", "歙县旅游集群2025年接待游客多少人次？")

# ================================================================= CONVERSATIONS
cz = tl[tl.city == "池州市"].sort_values("value", ascending=False)
assert list(cz.short_name) == ["东至精细化工", "青阳非金属材料"]
x2 = cagr(v("青阳非金属材料"), v("青阳非金属材料", year=2022), 3)
x1 = cagr(v("东至精细化工"), v("东至精细化工", year=2022), 3)
assert x1 < 0 < x2
conv("d-conv-chizhou-ordinal", ["rank", "cagr"], "plain", [
    turn("池州的集群按2025年营收从高到低排一下", numbers=[yi(x) for x in cz.value], require=["东至", "青阳"]),
    turn("第二个近三年年均增速多少", numbers=[pct(x2)], require=["青阳"]),
    turn("那第一个呢", numbers=[pct(x1)], require=["东至", DOWN]),
], note="ordinals refer to the ranked list of turn 1; 东至's 3-year rate is negative (magnitude + down word)")

assert list(xc.short_name[:3]) == ["广德电子电路", "宁国高分子材料和金属零部件", "郎溪智能装备"]
rl = cagr(v("郎溪智能装备"), v("郎溪智能装备", year=2022), 3)
rn = cagr(v("宁国高分子材料和金属零部件"), v("宁国高分子材料和金属零部件", year=2022), 3)
conv("d-conv-xuancheng-ordinal", ["rank", "gap", "crossing_year"], "colloquial", [
    turn("宣城营收排前三的集群是哪几个？", numbers=[yi(x) for x in xc.value[:3]], require=["广德", "宁国", "郎溪"]),
    turn("第三个离300亿还差多少？", numbers=[yi(300 - v("郎溪智能装备"))], require=["郎溪"], also_ok=TIER),
    turn("按它近三年的平均增速，哪一年能到？", numbers=[nian(cross_robust(v("郎溪智能装备"), rl, 300))], require=["郎溪"], also_ok=TIER),
    turn("那第二个到500亿呢？", numbers=[nian(cross_robust(v("宁国高分子材料和金属零部件"), rn, 500))], require=["宁国"], also_ok=TIER),
], note="turn 4 carries the operation (crossing year at own 3-year CAGR) to the second-ranked cluster")

g = yoy(v("长丰汽车零部件"), v("长丰汽车零部件", year=2024))
conv("d-conv-changfeng-referent", ["value", "change", "project"], "abbrev,nickname", [
    turn("长丰汽车25年营收多少", numbers=[yi(v("长丰汽车零部件"))], require=["长丰"]),
    turn("它比上一年增长了多少", numbers=[pct(g)], require=["长丰"]),
    turn("照这个速度，2030年能到多少", numbers=[yi(project(v("长丰汽车零部件"), g, 2030), tol=proj_tol(v("长丰汽车零部件"), g, 2030))]),
    turn("那它2018年营收多少", status="no_data"),
], note="turn 4: data start in 2019")

fy, bz = city_tot("阜阳市"), city_tot("亳州市")
conv("d-conv-fuyang-bozhou-scope", ["aggregate"], "plain", [
    turn("阜阳市集群2025年营收合计多少？", numbers=[yi(fy)], require=["阜阳"]),
    turn("那亳州呢？", numbers=[yi(bz)], require=["亳州"]),
    turn("两个市加起来占全省集群营收的比重是多少？", numbers=[pct((fy + bz) / prov() * 100)]),
])

conv("d-conv-yingshang-carry", ["yesno", "value"], "colloquial", [
    turn("颍上清洁能源新材料集群2025年到300亿了没有？", numbers=[yi(v("颍上清洁能源新材料"))], require=["颍上", "已|到了|达到|刚好|正好|是"], also_ok=TIER),
    turn("它的规上企业有多少家？", numbers=[jia(v("颍上清洁能源新材料", "enterprises_above_scale"))]),
    turn("颍上另一个集群呢？", numbers=[jia(v("颍上绿色食品", "enterprises_above_scale"))], require=["绿色食品"]),
], note="turn 3 carries the metric (规上企业数) to the other 颍上 cluster")

r = cagr(v("凤阳硅基新材料"), v("凤阳硅基新材料", year=2022), 3)
conv("d-conv-fengyang-gap-cross", ["gap", "crossing_year"], "nickname", [
    turn("凤阳玻璃离500亿还差多少？", numbers=[yi(500 - v("凤阳硅基新材料"))], require=["凤阳"], also_ok=TIER),
    turn("按它近三年平均增速，哪年能过？", numbers=[nian(cross_robust(v("凤阳硅基新材料"), r, 500))], also_ok=TIER),
    turn("那冲千亿要到哪一年？", numbers=[nian(cross_robust(v("凤阳硅基新材料"), r, 1000))], also_ok=TIER),
])

conv("d-conv-province-progress", ["count", "progress", "target"], "colloquial", [
    turn("全省2025年百亿级集群有多少个？", numbers=[ge(n100)], also_ok=TIER),
    turn("离当年的目标还差几个？", numbers=[ge(35 - n100)], clauses=["2"]),
    turn("2027年的目标呢，还差多少？", numbers=[ge(45 - n100)], clauses=["2"]),
])

conv("d-conv-feixi-guangde-compare", ["compare"], "plain", [
    turn("肥西智能家电和广德电子电路2025年研发投入强度谁高？",
         numbers=[N(v("广德电子电路", "rd_intensity"), "%", 0.01), N(v("肥西智能家电", "rd_intensity"), "%", 0.01)], require=["广德"]),
    turn("高新技术企业数呢？",
         numbers=[jia(v("广德电子电路", "high_tech_enterprises")), jia(v("肥西智能家电", "high_tech_enterprises"))], require=["广德"]),
    turn("进出口总额呢？",
         numbers=[yi(v("广德电子电路", "exports")), yi(v("肥西智能家电", "exports"))], require=["广德"]),
])

tcl = tl[tl.county == "天长市"].sort_values("value", ascending=False)
assert len(tcl) == 2 and tcl.short_name.iloc[0] == "天长仪器仪表"
conv("d-conv-tianchang-en", ["count", "argmax", "gap"], "english", [
    turn("How many clusters does Tianchang have in the database?", numbers=[ge(2)], require=["天长|Tianchang"]),
    turn("Which of them is bigger by 2025 revenue?", numbers=[yi(tcl.value.iloc[0])], require=["仪器仪表|instrument|Instrument|测控"]),
    turn("How far is it from the 10-billion-yuan (百亿) tier?", numbers=[yi(100 - tcl.value.iloc[0])], also_ok=TIER),
])

aq = gt[gt.short_name.isin(tl[tl.city == "安庆市"].short_name)].sort_values("g", ascending=False)
hs = gt[gt.short_name.isin(tl[tl.city == "黄山市"].short_name)].sort_values("g", ascending=False)
assert aq.short_name.iloc[0] == "桐城绿色包装" and hs.short_name.iloc[0] == "黟县乡村旅游"
assert aq.g.iloc[0] - aq.g.iloc[1] > 1 and hs.g.iloc[0] - hs.g.iloc[1] > 1
conv("d-conv-anqing-huangshan-voice", ["argmax", "value"], "voice,dialect", [
    turn("嗯那个安庆那边哪个集群2025年营收涨得最快啊", numbers=[pct(aq.g.iloc[0])], require=["桐城", "包装"]),
    turn("它营收多少来着", numbers=[yi(v("桐城绿色包装"))]),
    turn("那黄山呢 哪个涨得最快", numbers=[pct(hs.g.iloc[0])], require=["黟县"]),
])

conv("d-conv-jieshou-decline-mid", ["value"], "nickname", [
    turn("界首循环经济集群2025年营收多少？", numbers=[yi(v("界首资源循环利用"))], require=["界首"]),
    turn("利润呢？", status="no_data"),
    turn("那进出口总额呢？", numbers=[yi(v("界首资源循环利用", "exports"))]),
], note="turn 2 is not in metrics.csv")


# ---------------------------------------------------------------- output
def summary():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate ids"
    turns = ans = dec = 0
    for c in CASES:
        steps = c.get("turns") or [c]
        for s in steps:
            turns += 1
            if s.get("status", "answered") == "answered":
                ans += 1
                assert s.get("numbers") or s.get("require") or s.get("clauses"), c["id"]
            else:
                dec += 1
    return turns, ans, dec


def main():
    for c in CASES:
        steps = c.get("turns") or [c]
        for i, s in enumerate(steps):
            nums = ", ".join(f"{n['value']:g}{n['unit']}" + (f"±{n['tol']:g}" if "tol" in n else "") for n in s.get("numbers", []))
            tag = c["id"] + (f"#{i + 1}" if c.get("turns") else "")
            print(f"{tag:42s} {s.get('status', 'answered'):12s} {nums}  req={s.get('require', [])} cl={s.get('clauses', [])}")
    turns, ans, dec = summary()
    print(f"\ncases={len(CASES)} turns={turns} answered={ans} decline={dec} "
          f"conversations={sum(1 for c in CASES if c.get('turns'))}")
    if "--write" in sys.argv:
        import yaml
        doc = {"version": 1, "name": "fresh10_data",
               "description": "县域特色产业集群指标库（示例数据）问答评测集：取值、序列、增速、差距、测算、排名、筛选、汇总、比较、目标进度与应拒答问题",
               "retrieval_k": 5, "thresholds": {}, "cases": CASES}
        OUT.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
