#!/usr/bin/env python3
"""Oracle for the fresh9_data question set.

Computes every gold number from the demo indicator CSV and the reference CSVs with pandas, prints them,
and, with ORACLE_YAML set, writes the question set (evals/sets/fresh9_data.yaml, set name fresh9_data).

Conventions (from the brief): latest year 2025; revenue in 亿元; tiers 100/300/500/1000亿 judged on the
largest cluster of a county; gap = threshold - 2025 revenue; growth of a year = v/v_prev - 1; average
growth over a window = CAGR; required rate = (thr / v2025)^(1/(Y-2025)) - 1; crossing year = first Y > 2025
with v2025 (1+r)^(Y-2025) >= thr; county total = sum of its clusters; city total = sum over counties.csv
of that city; province = sum over all clusters; province R&D intensity = revenue-weighted over
manufacturing clusters; 五个一 coverage = sum / (clusters x 5); export share = cluster exports / province trade.

Run:  python3 evals/oracles/fresh9_data.py   (prints golds)
"""
from __future__ import annotations

import math
import os
import sys
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "data"
# the set is frozen in evals/sets/; regenerate it only on purpose: ORACLE_YAML=path python3 evals/oracles/fresh9_data.py
OUT = Path(os.environ.get("ORACLE_YAML", os.devnull))

D = pd.read_csv(SRC / "demo/indicators_demo.csv")
CL = pd.read_csv(SRC / "reference/clusters.csv")
CO = pd.read_csv(SRC / "reference/counties.csv")
PT = pd.read_csv(SRC / "reference/province_totals.csv")

D = D.merge(CL[["cluster", "short_name", "sector", "manufacturing"]], on="cluster", how="left")
D = D.merge(CO[["county", "city"]], on="county", how="left")
assert D.short_name.notna().all() and D.city.notna().all()
LATEST = int(D.year.max())
assert LATEST == 2025


# ---------------------------------------------------------------- helpers
def v(short: str, metric: str = "revenue", year: int = LATEST) -> float:
    s = D[(D.short_name == short) & (D.metric == metric) & (D.year == year)].value
    assert len(s) == 1, (short, metric, year, len(s))
    return float(s.iloc[0])


def cluster_of(short: str) -> str:
    return CL.loc[CL.short_name == short, "cluster"].iloc[0]


def county_total(county: str, metric: str = "revenue", year: int = LATEST) -> float:
    return float(D[(D.county == county) & (D.metric == metric) & (D.year == year)].value.sum())


def city_total(city: str, metric: str = "revenue", year: int = LATEST) -> float:
    counties = CO.loc[CO.city == city, "county"]
    return float(D[(D.county.isin(counties)) & (D.metric == metric) & (D.year == year)].value.sum())


def prov_total(metric: str = "revenue", year: int = LATEST) -> float:
    return float(D[(D.metric == metric) & (D.year == year)].value.sum())


def frame(metric: str = "revenue", year: int = LATEST) -> pd.DataFrame:
    return D[(D.metric == metric) & (D.year == year)].set_index("short_name")


def growth(short: str, year: int = LATEST, metric: str = "revenue") -> float:
    return (v(short, metric, year) / v(short, metric, year - 1) - 1) * 100


def cagr(short: str, y0: int, y1: int = LATEST, metric: str = "revenue") -> float:
    return ((v(short, metric, y1) / v(short, metric, y0)) ** (1 / (y1 - y0)) - 1) * 100


def cagr_vals(a: float, b: float, years: int) -> float:
    return ((b / a) ** (1 / years) - 1) * 100


def required_rate(value: float, thr: float, year: int) -> float:
    return ((thr / value) ** (1 / (year - LATEST)) - 1) * 100


def project(value: float, rate_pct: float, year: int) -> float:
    return value * (1 + rate_pct / 100) ** (year - LATEST)


def crossing_year(value: float, rate_pct: float, thr: float) -> int:
    assert value < thr and rate_pct > 0
    y = LATEST
    while True:
        y += 1
        if value * (1 + rate_pct / 100) ** (y - LATEST) >= thr:
            return y


def crossing_robust(value: float, rate_pct: float, thr: float) -> int:
    """Crossing year at an own (computed) rate; assert rounding the rate to 0.1 pp does not change it."""
    a = crossing_year(value, rate_pct, thr)
    b = crossing_year(value, round(rate_pct, 1), thr)
    assert a == b, ("crossing year sensitive to rounding", value, rate_pct, thr, a, b)
    return a


def county_max(county: str, year: int = LATEST) -> tuple[str, float]:
    f = D[(D.county == county) & (D.metric == "revenue") & (D.year == year)]
    row = f.loc[f.value.idxmax()]
    return row.short_name, float(row.value)


def rank_of(short: str, metric: str = "revenue", year: int = LATEST) -> int:
    f = frame(metric, year).value
    assert (f == f[short]).sum() == 1, "tie"
    return int((f > f[short]).sum() + 1)


def city_of(short: str) -> str:
    return D.loc[D.short_name == short, "city"].iloc[0]


def county_short(county: str) -> str:
    return CO.loc[CO.county == county, "short_name"].iloc[0]


def r1(x: float) -> float:
    return float(round(x + 0.0, 1))


def r2(x: float) -> float:
    return float(round(x + 0.0, 2))


# ---------------------------------------------------------------- number constructors
def yi(x: float, tol: float = 0.1, label: str = "") -> dict:
    n = {"value": r1(x), "unit": "亿元", "tol": tol}
    if label:
        n["label"] = label
    return n


def pct(x: float, tol: float = 0.1, label: str = "") -> dict:
    n = {"value": r1(x), "unit": "%", "tol": tol}
    if label:
        n["label"] = label
    return n


def pct2(x: float, label: str = "") -> dict:
    n = {"value": r2(x), "unit": "%", "tol": 0.01}
    if label:
        n["label"] = label
    return n


def cnt(x: float, unit: str = "家", label: str = "") -> dict:
    assert abs(x - round(x)) < 1e-9
    n = {"value": int(round(x)), "unit": unit, "tol": 0}
    if label:
        n["label"] = label
    return n


def yr(y: int, label: str = "") -> dict:
    n = {"value": int(y), "unit": "年", "tol": 0}
    if label:
        n["label"] = label
    return n


# ---------------------------------------------------------------- province aggregates
REV = frame("revenue")
N_CLUSTERS = len(REV)
assert N_CLUSTERS == 72
PROV_REV = prov_total("revenue")
N100 = int((REV.value >= 100).sum())
N300 = int((REV.value >= 300).sum())
N500 = int((REV.value >= 500).sum())
N1000 = int((REV.value >= 1000).sum())
N300_500 = int(((REV.value >= 300) & (REV.value < 500)).sum())
HT = prov_total("high_tech_enterprises")
ZJTX = prov_total("specialized_enterprises")
LEAD = prov_total("leading_enterprises")
PARTNER = prov_total("partner_enterprises")
KEY100 = prov_total("key_enterprises_100yi")
FIVE_ONE_COV = prov_total("five_one_count") / (N_CLUSTERS * 5) * 100
EXP = prov_total("exports")
TRADE = float(PT[(PT.code == "province_trade_total") & (PT.year == LATEST)].value.iloc[0])
EXP_SHARE = EXP / TRADE * 100
_m = D[(D.year == LATEST) & (D.manufacturing == 1)]
_rd = _m[_m.metric == "rd_intensity"].set_index("short_name").value
_rv = _m[_m.metric == "revenue"].set_index("short_name").value.loc[_rd.index]
PROV_RD = float((_rd * _rv).sum() / _rv.sum())
CNT_MAX = D[(D.metric == "revenue") & (D.year == LATEST)].groupby("county").value.max()
N_COUNTIES_100 = int((CNT_MAX >= 100).sum())

# ---------------------------------------------------------------- cases
cases: list[dict] = []


def add(cid: str, intent: str, tags: list[str], q: str | None = None, **kw) -> None:
    c = {"id": cid, "intent": intent, "tags": tags}
    if q is not None:
        c["q"] = q
    c.update(kw)
    cases.append(c)


def turn(q: str, **kw) -> dict:
    t = {"q": q}
    t.update(kw)
    return t


# ===== value
add("d-value-suixi-lvji", "value", ["data", "op:value", "style:plain"],
    "濉溪铝基材料集群2025年营业收入是多少？",
    numbers=[yi(v("濉溪铝基材料"))], require=["濉溪", "铝基"])
add("d-value-qimen-ent-2024", "value", ["data", "op:value", "style:nickname", "style:colloquial"],
    "祁红那个集群2024年规上企业有几家",
    numbers=[cnt(v("祁门红茶", "enterprises_above_scale", 2024))], require=["祁门|祁红"])
add("d-value-guangde-hightech", "value", ["data", "op:value", "style:nickname", "style:abbrev"],
    "广德PCB集群最新的高企数量是多少",
    numbers=[cnt(v("广德电子电路", "high_tech_enterprises"))], require=["广德"])
add("d-value-mingguang-rd-2023", "value", ["data", "op:value", "style:plain"],
    "明光凹凸棒集群2023年的研发投入强度是多少",
    numbers=[pct2(v("明光凹凸棒", "rd_intensity", 2023))], require=["明光", "凹凸棒"])
add("d-value-huoshan-zjtx", "value", ["data", "op:value", "style:abbrev"],
    "霍山高端装备专精特新几家？要最新年份的",
    numbers=[cnt(v("霍山高端装备", "specialized_enterprises"))], require=["霍山"])
add("d-value-yixian-exports", "value", ["data", "op:value", "style:colloquial"],
    "黟县搞乡村旅游的那个集群，2025年进出口弄了多少？",
    numbers=[yi(v("黟县乡村旅游", "exports"))], require=["黟县"])
add("d-value-jingde-partner", "value", ["data", "op:value", "style:plain"],
    "旌德灵芝集群2025年配套伙伴企业有多少家？",
    numbers=[cnt(v("旌德灵芝", "partner_enterprises"))], require=["旌德"])
add("d-value-tongcheng-pack-trad", "value", ["data", "op:value", "style:traditional"],
    "桐城綠色包裝集群2025年營業收入是多少？",
    numbers=[yi(v("桐城绿色包装"))], require=["桐城", "包装|包裝"], forbid=["229.3"])
add("d-value-lingbi-en-2022", "value", ["data", "op:value", "style:english"],
    "What was the operating revenue of the Lingbi bearing cluster in 2022?",
    numbers=[yi(v("灵璧轴承", "revenue", 2022))], require=["Lingbi|灵璧"])
add("d-value-ningguo-dz-typo", "value", ["data", "op:value", "style:typo"],
    "宁过电子元器件集群2025年营收多少",
    numbers=[yi(v("宁国电子元器件"))], require=["宁国", "电子元器件"], forbid=["401.2"])
add("d-value-taihu-fiveone", "value", ["data", "op:value", "style:colloquial"],
    "太湖功能膜那边“五个一”机制现在建了几项了？",
    numbers=[cnt(v("太湖功能膜", "five_one_count"), "项")], require=["太湖"])
add("d-value-feixi-key100-polite", "value", ["data", "op:value", "style:polite"],
    "麻烦帮忙查一下，肥西智能家电集群百亿级重点企业有几个？谢谢。",
    numbers=[cnt(v("肥西智能家电", "key_enterprises_100yi"), "个")], require=["肥西"])
add("d-value-mengcheng-leading-voice", "value", ["data", "op:value", "style:voice"],
    "呃 我想问问蒙城汽车零部件那个群主企业现在有几家啊",
    numbers=[cnt(v("蒙城汽车零部件", "leading_enterprises"))], require=["蒙城"])
add("d-value-wuwei-down-voice", "value", ["data", "op:value", "style:voice", "style:nickname"],
    "那个就是无为羽绒集群二零二四年营收是多少来着",
    numbers=[yi(v("无为羽毛羽绒", "revenue", 2024))], require=["无为", "羽"], forbid=["421.9"])
add("d-value-dangshan-dialect", "value", ["data", "op:value", "style:dialect", "style:nickname"],
    "俺们砀山梨那个集群2025年营收搞了多少嘛",
    numbers=[yi(v("砀山果蔬食品"))], require=["砀山"])
add("d-value-fengtai-hightech", "value", ["data", "op:value", "style:plain"],
    "凤台光伏储能集群2025年高新技术企业有多少家",
    numbers=[cnt(v("凤台光伏储能", "high_tech_enterprises"))], require=["凤台"])

# ===== series
ys = list(range(2019, 2026))
add("d-series-taihe-shaiwang", "series", ["data", "op:series", "style:plain"],
    "太和筛网集群2019年到2025年每年的营业收入分别是多少？",
    numbers=[yi(v("太和筛网", "revenue", y), label=str(y)) for y in ys], require=["太和", "筛网"])
add("d-series-shexian-2021", "series", ["data", "op:series", "style:colloquial"],
    "歙县文旅这几年营收走势咋样？把2021年以来每年的数给我列一下",
    numbers=[yi(v("歙县文旅", "revenue", y), label=str(y)) for y in range(2021, 2026)], require=["歙县"])
add("d-series-guangde-ht-trad", "series", ["data", "op:series", "style:traditional"],
    "廣德電子電路集群2021至2025年高新技術企業數各是多少？",
    numbers=[cnt(v("广德电子电路", "high_tech_enterprises", y), label=str(y)) for y in range(2021, 2026)],
    require=["广德|廣德"])
add("d-series-dangshan-en", "series", ["data", "op:series", "style:english"],
    "List the revenue of the Dangshan fruit and vegetable food cluster for each year from 2020 to 2024.",
    numbers=[yi(v("砀山果蔬食品", "revenue", y), label=str(y)) for y in range(2020, 2025)],
    require=["Dangshan|砀山"])
_wj = [v("望江纺织服装", "revenue", y) for y in range(2022, 2026)]
assert all(b < a for a, b in zip(_wj, _wj[1:]))
add("d-series-wangjiang-voice", "series+yesno", ["data", "op:series", "op:yesno", "multipart", "style:voice"],
    "望江纺织服装近几年营收是不是一直往下掉 二二年到二五年每年多少",
    numbers=[yi(x, label=str(y)) for x, y in zip(_wj, range(2022, 2026))],
    require=["望江", "是|下降|下滑|减少"])

# ===== change
_g = growth("天长电线电缆")
assert _g < 0
add("d-change-tianchang-cable-yoy", "change", ["data", "op:change", "style:plain"],
    "天长电线电缆集群2025年营收同比降了多少？",
    numbers=[pct(abs(_g))], require=["天长", "电缆", "下降|减少|降|负"], forbid=["94.2"],
    note="gold is the magnitude of the decline (2025 vs 2024)")
_a, _b = v("黟县乡村旅游", "revenue", 2019), v("黟县乡村旅游", "revenue", 2020)
add("d-change-yixian-2020", "change", ["data", "op:change", "multipart", "style:plain"],
    "黟县乡村旅游集群2020年营收比2019年少了多少亿元？降幅是多少？",
    numbers=[yi(_a - _b, label="减少额"), pct((1 - _b / _a) * 100, label="降幅")],
    require=["黟县", "下降|减少|降|少"])
add("d-change-yingshang-abs", "change", ["data", "op:change", "style:colloquial"],
    "颍上清洁能源新材料2025年比上一年多了多少营收？",
    numbers=[yi(v("颍上清洁能源新材料") - v("颍上清洁能源新材料", "revenue", 2024))],
    require=["颍上", "清洁能源"])
_s22, _s25 = v("宿松鞋服", "enterprises_above_scale", 2022), v("宿松鞋服", "enterprises_above_scale", 2025)
add("d-change-susong-ent", "change", ["data", "op:change", "multipart", "style:plain"],
    "宿松鞋服集群的规上企业，2022年和2025年各有多少家？变化了多少？",
    numbers=[cnt(_s22, label="2022"), cnt(_s25, label="2025")] + ([cnt(abs(_s25 - _s22), label="变化")] if _s25 != _s22 else []),
    require=["宿松"])
_g = growth("东至精细化工", 2023)
assert _g < 0
add("d-change-dongzhi-2023", "change", ["data", "op:change", "style:colloquial"],
    "东至精细化工2023年营收为啥掉了？掉了百分之几？",
    numbers=[pct(abs(_g))], require=["东至", "下降|减少|降|下滑"],
    note="the reason is not in the sources; only the 2023 decline rate can be checked")
add("d-change-guangde-ht-2019", "change", ["data", "op:change", "style:nickname", "style:abbrev"],
    "广德PCB的高企比2019年多了多少家？",
    numbers=[cnt(v("广德电子电路", "high_tech_enterprises") - v("广德电子电路", "high_tech_enterprises", 2019))],
    require=["广德"])
add("d-change-jieshou-typo", "change", ["data", "op:change", "style:typo"],
    "届首资源循环利用集群2025年营收增速是多少",
    numbers=[pct(growth("界首资源循环利用"))], require=["界首"])

# ===== cagr
add("d-cagr-shucheng-3y", "cagr", ["data", "op:cagr", "style:plain"],
    "舒城电子信息集群近三年营收年均增长多少？",
    numbers=[pct(cagr("舒城电子信息", 2022))], require=["舒城"])
add("d-cagr-changfeng-2019", "cagr", ["data", "op:cagr", "style:abbrev"],
    "长丰汽车2019年以来营收年均增速多少",
    numbers=[pct(cagr("长丰汽车零部件", 2019))], require=["长丰"])
add("d-cagr-langxi-4y", "cagr", ["data", "op:cagr", "style:colloquial"],
    "郎溪智能装备近四年平均每年涨多少？",
    numbers=[pct(cagr("郎溪智能装备", 2021))], require=["郎溪"])
add("d-cagr-jinzhai-2020", "cagr", ["data", "op:cagr", "style:plain"],
    "金寨新能源装备集群2020—2025年营业收入年均增速是多少？",
    numbers=[pct(cagr("金寨新能源装备", 2020))], require=["金寨"])
_c = cagr("望江纺织服装", 2020)
assert _c < 0
add("d-cagr-wangjiang-en", "cagr", ["data", "op:cagr", "style:english"],
    "What is the average annual revenue growth of the Wangjiang textile and apparel cluster over the past five years?",
    numbers=[pct(abs(_c))], require=["Wangjiang|望江", "declin|decreas|negative|fell|fall|shrank|下降|减少"],
    note="2020->2025 CAGR is negative; gold is its magnitude")
add("d-cagr-feidong-ht", "cagr", ["data", "op:cagr", "style:nickname", "style:abbrev"],
    "肥东光伏集群高企数近三年年均增长多少？",
    numbers=[pct(cagr("肥东先进光伏", 2022, metric="high_tech_enterprises"))], require=["肥东"])
add("d-cagr-suixi-jiu-dialect", "cagr", ["data", "op:cagr", "style:dialect", "style:nickname"],
    "濉溪白酒那块这几年涨得咋样，近三年平均一年涨多少嘛？",
    numbers=[pct(cagr("濉溪酒类食品", 2022))], require=["濉溪", "酒"], forbid=["6.6%"])

# ===== gap
add("d-gap-feixi-nongji", "gap", ["data", "op:gap", "style:plain"],
    "肥西农业装备集群离百亿级还差多少？",
    numbers=[yi(100 - v("肥西农业装备"))], require=["肥西", "农业装备"], clauses=[], also_ok=["2"])
add("d-gap-hexian-typo", "gap", ["data", "op:gap", "style:typo"],
    "和县化工心材料离百亿还差几个亿",
    numbers=[yi(100 - v("和县化工新材料"))], require=["和县"], also_ok=["2"])
add("d-gap-huaiyuan-dialect", "gap", ["data", "op:gap", "style:dialect"],
    "怀远那个农副食品加工集群还差多少能到百亿？俺们想心里有个数",
    numbers=[yi(100 - v("怀远农副食品加工"))], require=["怀远"], also_ok=["2"])
add("d-gap-shucheng-300", "gap", ["data", "op:gap", "style:nickname", "style:colloquial"],
    "舒城光电冲300亿级还差多少？",
    numbers=[yi(300 - v("舒城电子信息"))], require=["舒城"], also_ok=["2"])
add("d-gap-wuwei-500-polite", "gap", ["data", "op:gap", "style:polite"],
    "请问无为电线电缆集群距离500亿级还有多大差距？",
    numbers=[yi(500 - v("无为电线电缆"))], require=["无为"], also_ok=["2"])
add("d-gap-feixi-jd-1000", "gap", ["data", "op:gap", "style:abbrev"],
    "肥西家电要成千亿级集群还差多少",
    numbers=[yi(1000 - v("肥西智能家电"))], require=["肥西"], also_ok=["2"])
_n, _x = county_max("宁国市")
assert _n == "宁国高分子材料和金属零部件" and _x < 500
add("d-gap-ningguo-county-500", "gap", ["data", "op:gap", "style:plain"],
    "宁国市要拥有一个500亿级集群，还差多少营收？",
    numbers=[yi(500 - _x)], require=["宁国", "高分子"], also_ok=["2"],
    note="county judged by its largest cluster")
_n, _x = county_max("庐江县")
assert _n == "庐江新材料"
add("d-gap-lujiang-county-300", "gap", ["data", "op:gap", "style:colloquial"],
    "庐江县离拥有300亿级集群还差多远？",
    numbers=[yi(300 - _x)], require=["庐江", "新材料"], also_ok=["2"])
add("d-gap-tongcheng-pack-en", "gap", ["data", "op:gap", "style:english"],
    "How much more revenue does Tongcheng's green packaging cluster need to reach the 10-billion-yuan (百亿) tier?",
    numbers=[yi(100 - v("桐城绿色包装"))], require=["Tongcheng|桐城"], also_ok=["2"])

# ===== required rate
add("d-reqrate-tianchang-yiqi-2027", "required_rate", ["data", "op:required_rate", "style:nickname"],
    "天长仪表要在2027年达到百亿，每年得增长多少？",
    numbers=[pct(required_rate(v("天长仪器仪表"), 100, 2027))], require=["天长", "2027"], also_ok=["2"])
add("d-reqrate-guangde-500-2027", "required_rate", ["data", "op:required_rate", "style:plain"],
    "广德电子电路集群想在2027年进入500亿级，年均增速至少要多少？",
    numbers=[pct(required_rate(v("广德电子电路"), 500, 2027))], require=["广德", "2027"], also_ok=["2"])
add("d-reqrate-feixi-1000-2030", "required_rate", ["data", "op:required_rate", "style:colloquial"],
    "肥西智能家电2030年要冲千亿，年均得多少增速才够？",
    numbers=[pct(required_rate(v("肥西智能家电"), 1000, 2030))], require=["肥西", "2030"], also_ok=["2"])
add("d-reqrate-ningguo-dz-2028", "required_rate", ["data", "op:required_rate", "style:nickname"],
    "宁国电容器那个集群到2028年要过百亿，年均要增长百分之几？",
    numbers=[pct(required_rate(v("宁国电子元器件"), 100, 2028))], require=["宁国", "2028"], also_ok=["2"])
add("d-reqrate-province-2027", "required_rate", ["data", "op:required_rate", "op:target", "style:plain"],
    "全省集群营收2027年要突破1.4万亿元，按2025年的基数，每年得增长多少？",
    numbers=[pct(required_rate(PROV_REV, 14000, 2027))], require=["2027"], clauses=["2"])
add("d-reqrate-huoqiu-voice", "required_rate", ["data", "op:required_rate", "style:voice"],
    "霍邱铁基新材料要是想二零三零年到一百亿 一年得涨多少",
    numbers=[pct(required_rate(v("霍邱铁基新材料"), 100, 2030))], require=["霍邱", "2030"], also_ok=["2"])

# ===== project
add("d-project-mengcheng-10", "project", ["data", "op:project", "style:plain"],
    "蒙城汽车零部件集群如果每年增长10%，2027年营收能到多少？",
    numbers=[yi(project(v("蒙城汽车零部件"), 10, 2027))], require=["蒙城", "2027"])
add("d-project-qimen-6-2030", "project", ["data", "op:project", "style:colloquial"],
    "祁门红茶按一年涨6%算，到2030年大概能有多少营收？",
    numbers=[yi(project(v("祁门红茶"), 6, 2030))], require=["祁门", "2030"])
add("d-project-quanjiao-xny-15", "project", ["data", "op:project", "style:plain"],
    "全椒新能源集群要是保持每年15%的增速，2028年营收有多少？",
    numbers=[yi(project(v("全椒新能源"), 15, 2028))], require=["全椒", "新能源", "2028"])
_p = project(PROV_REV, 7, 2027)
add("d-project-province-7-trad", "project+yesno", ["data", "op:project", "op:target", "op:yesno", "multipart", "style:traditional"],
    "若全省集群營收每年增長7%，2027年總規模是多少？能否達到1.4萬億的目標？",
    numbers=[yi(_p)], require=["2027", ("能|可以|达到|達到|突破" if _p >= 14000 else "不能|未|无法|無法|不到|达不到|達不到")],
    clauses=["2"])
add("d-project-yuexi-en", "project", ["data", "op:project", "style:english"],
    "If the Yuexi culture and tourism cluster grows 9% a year, what would its revenue be in 2028?",
    numbers=[yi(project(v("岳西文旅"), 9, 2028))], require=["Yuexi|岳西", "2028"])

# ===== crossing year
add("d-cross-ningguo-dz-8", "crossing_year", ["data", "op:crossing_year", "style:plain"],
    "宁国电子元器件集群按每年8%增长，哪一年营收能过百亿？",
    numbers=[yr(crossing_year(v("宁国电子元器件"), 8, 100))], require=["宁国"])
add("d-cross-feixi-nj-5", "crossing_year", ["data", "op:crossing_year", "style:nickname"],
    "肥西农机集群年增5%的话，哪年能迈进百亿级？",
    numbers=[yr(crossing_year(v("肥西农业装备"), 5, 100))], require=["肥西"])
add("d-cross-yingshang-12-500", "crossing_year", ["data", "op:crossing_year", "style:colloquial"],
    "颍上清洁能源新材料每年涨12%，啥时候能到500亿？",
    numbers=[yr(crossing_year(v("颍上清洁能源新材料"), 12, 500))], require=["颍上"])
add("d-cross-feixi-jd-9-1000", "crossing_year", ["data", "op:crossing_year", "style:abbrev"],
    "肥西家电照9%的速度走，几几年能成千亿级？",
    numbers=[yr(crossing_year(v("肥西智能家电"), 9, 1000))], require=["肥西"])
_c = cagr("太湖功能膜", 2022)
add("d-cross-taihu-own-voice", "crossing_year", ["data", "op:crossing_year", "op:cagr", "style:voice"],
    "太湖功能膜按近三年的平均增速 哪年能到一百亿",
    numbers=[pct(_c, label="近三年年均增速"), yr(crossing_robust(v("太湖功能膜"), _c, 100))], require=["太湖"])
add("d-cross-qingyang-en", "crossing_year", ["data", "op:crossing_year", "style:english"],
    "At 10% annual growth, in which year would Qingyang's non-metallic materials cluster first reach 10 billion yuan (100亿元)?",
    numbers=[yr(crossing_year(v("青阳非金属材料"), 10, 100))], require=["Qingyang|青阳"])

# ===== rank
add("d-rank-ningguo-gfz", "rank", ["data", "op:rank", "style:plain"],
    "宁国高分子材料和金属零部件集群2025年营收在全省72个集群里排第几？",
    numbers=[cnt(rank_of("宁国高分子材料和金属零部件"), "名")], require=["宁国"])
add("d-rank-qianshan-brush", "rank", ["data", "op:rank", "style:nickname"],
    "源潭刷业在全省集群里营收排第几名？",
    numbers=[cnt(rank_of("潜山刷业"), "名")], require=["潜山|源潭"])
_top5 = REV.value.sort_values(ascending=False).head(6)
assert _top5.iloc[4] > _top5.iloc[5]
add("d-rank-top5-2025", "rank", ["data", "op:rank", "style:plain"],
    "2025年营收排前五的集群是哪几个？各多少？",
    numbers=[yi(x) for x in _top5.head(5)], require=["长丰", "肥西", "凤阳", "无为", "广德"],
    forbid=["宁国"])
add("d-rank-guangde-en", "rank", ["data", "op:rank", "style:english", "style:nickname"],
    "Where does the Guangde PCB cluster rank among all clusters by 2025 revenue?",
    numbers=[cnt(rank_of("广德电子电路"), "名")], require=["Guangde|广德"])
_gr = pd.Series({s: growth(s) for s in REV.index}).sort_values(ascending=False)
assert _gr.iloc[1] - _gr.iloc[2] > 0.05
add("d-rank-growth-top2", "rank", ["data", "op:rank", "style:colloquial"],
    "2025年营收涨得最快的两个集群是哪俩？增速多少？",
    numbers=[pct(_gr.iloc[0]), pct(_gr.iloc[1])], require=["蒙城", "舒城"])
_ht = frame("high_tech_enterprises").value.sort_values(ascending=False)
assert _ht.iloc[2] > _ht.iloc[3]
add("d-rank-hightech-top3-trad", "rank", ["data", "op:rank", "style:traditional"],
    "2025年高新技術企業數最多的三個集群是哪些？",
    numbers=[cnt(x) for x in _ht.head(3)], require=["广德|廣德", "长丰|長豐", "肥西"])
_bot = REV.value.sort_values().head(4)
assert _bot.iloc[2] < _bot.iloc[3]
add("d-rank-bottom3", "rank", ["data", "op:rank", "style:colloquial"],
    "营收垫底的三个集群是哪几个？按2025年算",
    numbers=[yi(x) for x in _bot.head(3)], require=["太和", "金寨", "颍上"], forbid=["砀山"])


# ===== argmax / argmin (scoped)
def scoped(metric: str, mask, year: int = LATEST, asc: bool = False) -> pd.Series:
    f = frame(metric, year)
    return f[mask(f)].value.sort_values(ascending=asc)


_s = scoped("revenue", lambda f: f.city == "宣城市")
assert _s.iloc[0] > _s.iloc[1]
add("d-argmax-xuancheng-rev", "argmax", ["data", "op:argmax", "style:plain"],
    "宣城哪个集群营收最大？",
    numbers=[yi(_s.iloc[0])], require=["广德"])
_anq = pd.Series({s: cagr(s, 2022) for s in REV.index if city_of(s) == "安庆市"}).sort_values(ascending=False)
assert _anq.index[0] == "桐城绿色包装" and _anq.iloc[0] - _anq.iloc[1] > 0.1
add("d-argmax-anqing-cagr", "argmax", ["data", "op:argmax", "op:cagr", "style:plain"],
    "安庆的集群里，哪个近三年营收增长最快？",
    numbers=[pct(_anq.iloc[0])], require=["桐城", "包装"])
_s = scoped("high_tech_enterprises", lambda f: f.sector == "材料")
assert _s.index[0] == "凤阳硅基新材料" and _s.iloc[0] > _s.iloc[1]
add("d-argmax-material-ht", "argmax", ["data", "op:argmax", "style:abbrev"],
    "材料类集群里高企最多的是哪个？",
    numbers=[cnt(_s.iloc[0])], require=["凤阳"])
_s = scoped("revenue", lambda f: f.sector == "农副食品加工", asc=True)
assert _s.index[0] == "颍上绿色食品" and _s.iloc[0] < _s.iloc[1]
add("d-argmin-food-rev", "argmin", ["data", "op:argmax", "style:plain"],
    "农副食品加工类集群里，2025年营收最小的是哪个？",
    numbers=[yi(_s.iloc[0])], require=["颍上", "绿色食品"])
_s = scoped("enterprises_above_scale", lambda f: f.city == "六安市")
assert _s.index[0] == "舒城电子信息" and _s.iloc[0] > _s.iloc[1]
add("d-argmax-luan-ent", "argmax", ["data", "op:argmax", "style:plain"],
    "六安市的集群哪个规上企业最多？",
    numbers=[cnt(_s.iloc[0])], require=["舒城"])
_bz = pd.Series({s: growth(s) for s in REV.index if city_of(s) == "亳州市"}).sort_values(ascending=False)
assert _bz.index[0] == "蒙城汽车零部件"
add("d-argmax-bozhou-typo", "argmax", ["data", "op:argmax", "style:typo"],
    "毫州哪个集群2025年增长最快",
    numbers=[pct(_bz.iloc[0])], require=["蒙城"])
_s = scoped("exports", lambda f: f.city == "滁州市")
assert _s.index[0] == "凤阳硅基新材料" and _s.iloc[0] > _s.iloc[1]
add("d-argmax-chuzhou-exports", "argmax", ["data", "op:argmax", "style:colloquial"],
    "滁州的集群谁出口最多？",
    numbers=[yi(_s.iloc[0])], require=["凤阳"])
_s = scoped("rd_intensity", lambda f: f.sector == "电子电气")
assert _s.index[0] == "全椒新能源" and _s.iloc[0] > _s.iloc[1]
add("d-argmax-elec-rd-en", "argmax", ["data", "op:argmax", "style:english"],
    "Among the electronics and electrical clusters, which one had the highest R&D intensity in 2025?",
    numbers=[pct2(_s.iloc[0])], require=["Quanjiao|全椒"])
_s = scoped("leading_enterprises", lambda f: f.city == "阜阳市")
assert _s.index[0] == "界首资源循环利用" and _s.iloc[0] > _s.iloc[1]
add("d-argmax-fuyang-leading-dialect", "argmax", ["data", "op:argmax", "style:dialect"],
    "阜阳那边哪个集群群主企业最多咧？",
    numbers=[cnt(_s.iloc[0])], require=["界首"])

# ===== count
add("d-count-100-2025", "count", ["data", "op:count", "style:plain"],
    "2025年全省营收过百亿的集群有几个？",
    numbers=[cnt(N100, "个")], also_ok=["2"])
add("d-count-300-abbrev", "count", ["data", "op:count", "style:abbrev"],
    "300亿级以上集群现在几个",
    numbers=[cnt(N300, "个")], also_ok=["2"])
_h = REV[REV.city == "合肥市"]
add("d-count-hefei-100", "count", ["data", "op:count", "style:colloquial"],
    "合肥的集群有几个过了百亿？",
    numbers=[cnt(int((_h.value >= 100).sum()), "个")], require=["合肥"])
_fo = frame("five_one_count").value
add("d-count-fiveone-full", "count", ["data", "op:count", "style:plain"],
    "“五个一”机制五项全部建起来的集群有几个？",
    numbers=[cnt(int((_fo == 5).sum()), "个")], require=list(_fo[_fo == 5].index.str[:2]))
_dec = pd.Series({s: growth(s) for s in REV.index})
_decl = _dec[_dec < 0].sort_values()
add("d-count-decline-2025", "count", ["data", "op:count", "op:filter", "multipart", "style:plain"],
    "2025年营收比上年下降的集群有几个？都是哪些？",
    numbers=[cnt(len(_decl), "个")], require=["太和", "和县", "望江", "天长", "歙县", "宿松"])
assert set(_decl.index) == {"太和筛网", "和县化工新材料", "望江纺织服装", "天长电线电缆", "歙县文旅", "宿松鞋服"}
add("d-count-key100-total", "count", ["data", "op:count", "op:progress", "style:plain"],
    "全省集群里百亿级重点企业一共有几个？2025年10个的目标完成了吗？",
    numbers=[cnt(KEY100, "个")], require=["已|完成|达到" if KEY100 >= 10 else "未|没有|尚未"], clauses=["2"],
    tags_extra=None)
add("d-count-counties-100", "count", ["data", "op:count", "style:plain"],
    "已经拥有百亿级集群的县（市）有多少个？",
    numbers=[cnt(N_COUNTIES_100, "个")], also_ok=["2"], note="a county counts if its largest cluster is >= 100亿")
add("d-count-500-en", "count", ["data", "op:count", "style:english"],
    "How many clusters had revenue of at least 50 billion yuan (500亿元) in 2025?",
    numbers=[cnt(N500, "个")], require=["Changfeng|长丰", "Feixi|肥西"])

# ===== filter
_f = REV[(REV.value >= 200) & (REV.value < 300)].value.sort_values(ascending=False)
assert set(_f.index) == {"舒城电子信息", "太和生物医药", "桐城节能环保", "全椒高端装备"}
add("d-filter-200-300", "filter", ["data", "op:filter", "style:plain"],
    "2025年营收在200亿到300亿之间的集群有哪些？",
    numbers=[yi(x) for x in _f], require=["舒城", "太和", "桐城", "全椒"], forbid=["颍上"])
_f = REV[(REV.city == "阜阳市") & (REV.value >= 100)].value.sort_values(ascending=False)
assert set(_f.index) == {"界首资源循环利用", "颍上清洁能源新材料", "太和生物医药", "临泉农副食品加工"}
add("d-filter-fuyang-100", "filter", ["data", "op:filter", "style:colloquial"],
    "阜阳营收过百亿的集群都有哪些？",
    numbers=[yi(x) for x in _f], require=["界首", "颍上", "太和", "临泉"], forbid=["阜南"])
_rd25 = frame("rd_intensity").value
_f = _rd25[_rd25 > 3].sort_values(ascending=False)
assert set(_f.index) == {"全椒新能源", "天长电线电缆", "宁国电子元器件", "金寨新能源装备"}
add("d-filter-rd3", "filter", ["data", "op:filter", "style:plain"],
    "2025年研发投入强度超过3%的集群有哪些？",
    numbers=[pct2(x) for x in _f], require=["全椒", "天长", "宁国", "金寨"])
_f = _fo[_fo == 0]
assert set(_f.index) == {"全椒新能源", "霍邱柳编", "灵璧轴承"}
add("d-filter-fiveone-zero-dialect", "filter", ["data", "op:filter", "style:dialect"],
    "哪些集群“五个一”一项都还么建起来？",
    require=["全椒", "霍邱", "灵璧"], numbers=[cnt(len(_f), "个")])
_r = D[D.metric == "revenue"].pivot(index="short_name", columns="year", values="value")
_f2 = _r[(_r[2025] < _r[2024]) & (_r[2024] < _r[2023])].index
assert set(_f2) == {"太和筛网", "和县化工新材料", "望江纺织服装", "天长电线电缆", "宿松鞋服"}, set(_f2)
add("d-filter-decline-2y", "filter", ["data", "op:filter", "style:plain"],
    "哪些集群营收连续两年下滑（2024年、2025年都比上年低）？",
    numbers=[cnt(len(_f2), "个")], require=["太和", "和县", "望江", "天长", "宿松"], forbid=["歙县"])
_nm = REV[REV.manufacturing == 0].value.sort_values(ascending=False)
assert len(_nm) == 5
add("d-filter-nonmfg", "filter", ["data", "op:filter", "multipart", "style:colloquial"],
    "非制造业的那几个集群是哪些？2025年营收各多少？",
    numbers=[yi(x) for x in _nm], require=["黟县", "庐江", "歙县", "岳西", "巢湖"])

# ===== aggregate
add("d-agg-hefei-2025", "aggregate", ["data", "op:aggregate", "style:plain"],
    "合肥市所有集群2025年营收加起来是多少亿元？",
    numbers=[yi(city_total("合肥市"))], require=["合肥"])
add("d-agg-xuancheng-trad", "aggregate", ["data", "op:aggregate", "style:traditional"],
    "宣城市各集群2025年營收合計多少？",
    numbers=[yi(city_total("宣城市"))], require=["宣城"])
add("d-agg-province-rev", "aggregate", ["data", "op:aggregate", "style:plain"],
    "全省72个集群2025年营收总规模是多少亿元？",
    numbers=[yi(PROV_REV)], also_ok=["2"])
add("d-agg-wuwei-county", "aggregate", ["data", "op:aggregate", "style:plain"],
    "无为市两个集群2025年营收一共多少？",
    numbers=[yi(county_total("无为市"))], require=["无为"])
add("d-agg-taihe-county-voice", "aggregate", ["data", "op:aggregate", "style:voice"],
    "太和县总共的集群营收二零二五年是多少呀",
    numbers=[yi(county_total("太和县"))], require=["太和"])
add("d-agg-fuyang-ht", "aggregate", ["data", "op:aggregate", "style:abbrev"],
    "阜阳市集群高企一共多少家（2025年）？",
    numbers=[cnt(city_total("阜阳市", "high_tech_enterprises"))], require=["阜阳"])
add("d-agg-exports-share", "aggregate", ["data", "op:aggregate", "op:progress", "multipart", "style:plain"],
    "2025年集群进出口总额是多少？占全省比重是多少？",
    numbers=[yi(EXP, label="进出口总额"), pct(EXP_SHARE, label="占全省比重")], also_ok=["2"])
add("d-agg-anqing-en", "aggregate", ["data", "op:aggregate", "style:english"],
    "What was the combined 2025 revenue of all clusters in Anqing?",
    numbers=[yi(city_total("安庆市"))], require=["Anqing|安庆"])
add("d-agg-chizhou-typo", "aggregate", ["data", "op:aggregate", "style:typo"],
    "池洲市的集群2025年营收合计多少",
    numbers=[yi(city_total("池州市"))], require=["池州"])

# ===== compare
_a, _b = v("无为电线电缆"), v("天长电线电缆")
add("d-compare-cable", "compare", ["data", "op:compare", "multipart", "style:plain"],
    "无为电线电缆和天长电线电缆2025年营收各多少？差多少？",
    numbers=[yi(_a, label="无为"), yi(_b, label="天长"), yi(_a - _b, label="差")], require=["无为", "天长"])
_a, _b = cagr("舒城电子信息", 2022), cagr("肥东先进光伏", 2022)
assert _a > _b
add("d-compare-shucheng-feidong", "compare", ["data", "op:compare", "op:cagr", "style:nickname"],
    "舒城光电和肥东光伏近三年谁增长快？",
    numbers=[pct(_a, label="舒城"), pct(_b, label="肥东")], require=["舒城"])
_a, _b = v("来安汽车零部件", "enterprises_above_scale"), v("蒙城汽车零部件", "enterprises_above_scale")
assert _b > _a
add("d-compare-auto-ent", "compare", ["data", "op:compare", "style:plain"],
    "来安汽车零部件和蒙城汽车零部件，2025年规上企业哪个多？",
    numbers=[cnt(_a, label="来安"), cnt(_b, label="蒙城")], require=["蒙城"])
_a, _b = county_total("濉溪县"), county_total("界首市")
assert _b > _a
add("d-compare-suixi-jieshou", "compare", ["data", "op:compare", "op:aggregate", "style:colloquial"],
    "濉溪县和界首市，各自集群营收加总2025年谁大？",
    numbers=[yi(_a, label="濉溪"), yi(_b, label="界首")], require=["界首"])
_a, _b = growth("当涂高端装备"), growth("当涂新材料")
assert _a > _b
add("d-compare-dangtu-en", "compare", ["data", "op:compare", "style:english"],
    "Dangtu has two clusters. Which one grew faster in revenue in 2025, and by how much each?",
    numbers=[pct(_a, label="高端装备"), pct(_b, label="新材料")], require=["Dangtu|当涂", "equipment|装备"])
_a, _b = v("桐城节能环保", "rd_intensity"), v("桐城绿色包装", "rd_intensity")
assert _a > _b
add("d-compare-tongcheng-rd-dialect", "compare", ["data", "op:compare", "style:dialect"],
    "桐城那俩集群研发强度哪个高些？",
    numbers=[pct2(_a), pct2(_b)], require=["桐城", "节能环保"])

# ===== race
_ra, _rb = cagr("蒙城汽车零部件", 2022), cagr("肥东先进光伏", 2022)
_ya, _yb = crossing_robust(v("蒙城汽车零部件"), _ra, 500), crossing_robust(v("肥东先进光伏"), _rb, 500)
assert _ya < _yb
add("d-race-mengcheng-feidong-500", "race", ["data", "op:race", "op:crossing_year", "multipart", "style:plain"],
    "按各自近三年的年均增速，蒙城汽车零部件和肥东先进光伏谁先到500亿？分别是哪一年？",
    numbers=[yr(_ya, label="蒙城"), yr(_yb, label="肥东")], require=["蒙城"])
_ra, _rb = cagr("舒城电子信息", 2022), cagr("颍上清洁能源新材料", 2022)
_ya, _yb = crossing_robust(v("舒城电子信息"), _ra, 500), crossing_robust(v("颍上清洁能源新材料"), _rb, 500)
assert _ya != _yb
RACE2 = (_ya, _yb)
add("d-race-shucheng-yingshang-500", "race", ["data", "op:race", "op:crossing_year", "style:colloquial"],
    "舒城电子信息和颍上清洁能源新材料都照近三年的增速走，谁先破500亿？各是哪年？",
    numbers=[yr(_ya, label="舒城"), yr(_yb, label="颍上")],
    require=["舒城" if _ya < _yb else "颍上"])
# overtake: at each one's 2025 growth rate, when does 蒙城 pass 肥东?
_ga, _gb = growth("蒙城汽车零部件") / 100, growth("肥东先进光伏") / 100
_va, _vb = v("蒙城汽车零部件"), v("肥东先进光伏")
_y = LATEST
while True:
    _y += 1
    if _va * (1 + _ga) ** (_y - LATEST) > _vb * (1 + _gb) ** (_y - LATEST):
        break
_y2 = LATEST
while True:
    _y2 += 1
    if _va * (1 + round(_ga * 100, 1) / 100) ** (_y2 - LATEST) > _vb * (1 + round(_gb * 100, 1) / 100) ** (_y2 - LATEST):
        break
assert _y == _y2
add("d-race-overtake-polite", "race", ["data", "op:race", "op:crossing_year", "style:polite"],
    "请问：如果蒙城汽车零部件和肥东先进光伏都保持2025年各自的同比增速，蒙城哪一年能在营收上超过肥东？",
    numbers=[yr(_y)], require=["蒙城", "肥东"])

# ===== progress against policy targets
add("d-progress-100count-2025", "progress", ["data", "op:progress", "op:yesno", "multipart", "style:colloquial"],
    "2025年35个百亿级集群的目标完成没？差几个？",
    numbers=[cnt(N100, "个", label="现有"), cnt(35 - N100, "个", label="差")],
    require=["未|没有|尚未|没"], clauses=["2"])
assert N100 < 35
add("d-progress-total-1wan", "progress", ["data", "op:progress", "op:yesno", "style:colloquial"],
    "集群营收总规模破万亿了吗？",
    numbers=[yi(PROV_REV)], require=["已|突破" if PROV_REV >= 10000 else "未|没有|尚未"], clauses=["2"])
add("d-progress-hightech-2400", "progress", ["data", "op:progress", "style:plain"],
    "制造业集群高新技术企业2400家的目标，2025年完成得怎么样？",
    numbers=[cnt(HT), cnt(abs(2400 - HT), label="差距" if HT < 2400 else "超出")],
    require=["未|没有|尚未|差" if HT < 2400 else "已|超"], clauses=["2"])
add("d-progress-zjtx-1200-polite", "progress", ["data", "op:progress", "style:polite"],
    "领导想了解一下，专精特新企业1200家的目标现在完成情况如何？请详细说明。",
    numbers=[cnt(ZJTX), cnt(abs(1200 - ZJTX), label="差距" if ZJTX < 1200 else "超出")],
    require=["专精特新", "未|差|尚未|没" if ZJTX < 1200 else "已|超"], clauses=["2"])
add("d-progress-rd-2", "progress", ["data", "op:progress", "op:yesno", "style:plain"],
    "制造业集群研发投入强度2025年达到2%的目标了吗？",
    numbers=[pct2(PROV_RD)], require=["已|达到" if PROV_RD >= 2 else "未|没有|尚未"], clauses=["2"],
    note="province value weighted by revenue over manufacturing clusters")
add("d-progress-fiveone-60", "progress", ["data", "op:progress", "style:abbrev"],
    "五个一覆盖率2025年多少？到60%没？",
    numbers=[pct(FIVE_ONE_COV)], require=["已|达到" if FIVE_ONE_COV >= 60 else "未|没有|尚未|没"], clauses=["2"])
add("d-progress-500-300-tiers", "progress", ["data", "op:progress", "op:count", "multipart", "style:plain"],
    "政策要求2025年有500亿级集群3个、300—500亿级10个左右，现在各有几个？",
    numbers=[cnt(N500, "个", label="500亿级"), cnt(N300_500, "个", label="300-500亿级")], clauses=["2"])
add("d-progress-leading-partner", "progress", ["data", "op:progress", "multipart", "style:plain"],
    "群主企业200家、伙伴企业1000家这两个目标，2025年各完成了多少？",
    numbers=[cnt(LEAD, label="群主企业"), cnt(PARTNER, label="伙伴企业")], clauses=["2"])
add("d-progress-2027-100count", "progress", ["data", "op:progress", "op:gap", "style:plain"],
    "离2027年45个百亿级集群的目标还差几个？",
    numbers=[cnt(45 - N100, "个")], require=["2027"], clauses=["2"])
add("d-progress-qianyi-en", "progress", ["data", "op:progress", "op:yesno", "style:english"],
    "Does the province already have the 100-billion-yuan (千亿级) cluster that its 2027 target calls for?",
    numbers=[yi(v("长丰汽车零部件"))], require=["Changfeng|长丰", "yes|already|已"], clauses=["2"])
assert N1000 == 1

# ===== yes / no
_x = v("凤阳硅基新材料")
assert _x < 500
add("d-yesno-fengyang-500", "yesno", ["data", "op:yesno", "op:gap", "style:nickname"],
    "凤阳玻璃集群到500亿级了没？",
    numbers=[yi(_x), yi(500 - _x)], require=["凤阳", "未|没有|尚未|没|还差"])
_x = v("颍上清洁能源新材料")
assert _x >= 300
add("d-yesno-yingshang-300", "yesno", ["data", "op:yesno", "style:plain"],
    "颍上清洁能源新材料集群算不算300亿级集群？",
    numbers=[yi(_x)], require=["颍上", "算|是|已|达到"], note="edge: exactly 300.0 counts as reached (>=)")
_x = v("东至精细化工")
assert _x >= 100
add("d-yesno-dongzhi-100", "yesno", ["data", "op:yesno", "style:colloquial"],
    "东至精细化工2025年还在百亿级里吗？",
    numbers=[yi(_x)], require=["东至", "在|是|仍|已|还"])
_n, _x = county_max("天长市")
assert _x < 100 and county_total("天长市") >= 100
add("d-yesno-tianchang-county", "yesno", ["data", "op:yesno", "style:plain"],
    "天长市有没有百亿级集群？",
    numbers=[yi(_x)], require=["天长", "没有|未|尚未|不"],
    note="two clusters sum past 100 but neither reaches 100, so no 百亿 cluster")
_n, _x = county_max("霍邱县")
assert _x < 100 and county_total("霍邱县") >= 100
add("d-yesno-huoqiu-county-trad", "yesno", ["data", "op:yesno", "style:traditional"],
    "霍邱縣有百億級集群嗎？",
    numbers=[yi(_x)], require=["霍邱", "没有|沒有|未|尚未|不"])
_a, _b = v("当涂高端装备"), v("当涂新材料")
assert _a >= 100 and _b >= 100
add("d-yesno-dangtu-both", "yesno", ["data", "op:yesno", "style:colloquial"],
    "当涂那两个集群是不是都过百亿了？",
    numbers=[yi(_a), yi(_b)], require=["当涂", "是|都|已"])
_hx = [v("和县化工新材料", "revenue", y) for y in range(2022, 2026)]
assert all(b < a for a, b in zip(_hx, _hx[1:]))
add("d-yesno-hexian-decline", "yesno", ["data", "op:yesno", "op:series", "style:colloquial"],
    "和县化工新材料营收是不是连着几年在往下走？",
    numbers=[yi(x, label=str(y)) for x, y in zip(_hx, range(2022, 2026))], require=["和县", "是|下降|下滑|减少"])

# ===== partial (one part answerable)
add("d-partial-guangde-profit", "value", ["data", "op:value", "multipart", "style:plain"],
    "广德电子电路集群2025年营收和净利润分别是多少？",
    numbers=[yi(v("广德电子电路"))], require=["广德", "利润"],
    note="net profit is not in the data: the answer should give revenue and say profit is unavailable")
add("d-partial-jinzhai-tax", "value", ["data", "op:value", "multipart", "style:colloquial"],
    "金寨新能源装备去年交了多少税、营收多少？",
    numbers=[yi(v("金寨新能源装备"))], require=["金寨", "税"],
    note="'去年' taken as the latest data year 2025; tax is not in the data")

add("d-multi-lingbi-typo", "value+change", ["data", "op:value", "op:change", "multipart", "style:typo"],
    "灵壁轴承2025年营收多少？同比增长多少？",
    numbers=[yi(v("灵璧轴承"), label="营收"), pct(growth("灵璧轴承"), label="同比")], require=["灵璧"])
add("d-multi-qianshan-polite", "value", ["data", "op:value", "multipart", "style:polite"],
    "您好，请问潜山刷业集群2025年规上企业和高新技术企业各有多少家？谢谢！",
    numbers=[cnt(v("潜山刷业", "enterprises_above_scale"), label="规上"),
             cnt(v("潜山刷业", "high_tech_enterprises"), label="高企")], require=["潜山"])

# ===== declines
def dec(cid: str, tags: list[str], q: str, status: str = "no_data", note: str = "") -> None:
    kw = {"status": status}
    if note:
        kw["note"] = note
    add(cid, "decline", ["data", "decline"] + tags, q, **kw)


dec("d-decline-profit-guangde", ["style:plain"], "广德电子电路集群2025年利润总额是多少？", note="profit not a metric")
dec("d-decline-tax-jieshou", ["style:typo"], "界首资源循环利用集群交税交了多少，2025年的税收是多少", note="tax not a metric")
dec("d-decline-2018-changfeng", ["style:abbrev"], "长丰汽车2018年营收多少？", note="data start in 2019")
dec("d-decline-2026q1-feixi", ["style:plain"], "肥西智能家电集群2026年一季度营收完成了多少？", note="no 2026 or quarterly data")
dec("d-decline-firms-mengcheng", ["style:colloquial"], "蒙城汽车零部件的群主企业是哪几家公司？", note="enterprise names not held")
dec("d-decline-person-ningguo", ["style:plain"], "宁国市分管工业的副市长是谁？", note="people not held")
dec("d-decline-district-baohe", ["style:colloquial"], "合肥包河区有啥特色产业集群，营收多少？", note="district, not a county")
dec("d-decline-xiuning", ["style:plain"], "休宁县特色产业集群2025年营收是多少？", note="休宁 has no cluster in the data")
dec("d-decline-kunshan", ["style:plain"], "江苏昆山电子信息集群2025年营收多少？", status="out_of_scope", note="other province")
dec("d-decline-speech", ["style:polite"], "麻烦帮我写一篇在全市集群推进大会上的领导讲话稿，三千字左右。", status="out_of_scope")
dec("d-decline-weather", ["style:dialect"], "明个合肥下不下雨啊", status="out_of_scope")
dec("d-decline-jobs-shucheng", ["style:nickname"], "舒城预制菜集群带动了多少人就业？", note="employment not a metric")
dec("d-decline-gdp-mengcheng", ["style:plain"], "蒙城县2025年GDP是多少？", note="GDP not held")
dec("d-decline-patents-en", ["style:english"], "How many patents does the Jieshou resource recycling cluster hold?", note="patents not a metric")
dec("d-decline-energy-fengyang", ["style:plain"], "凤阳硅基新材料集群单位营收能耗是多少？", note="energy use not a metric")
dec("d-decline-stocks", ["style:colloquial"], "推荐几只安徽集群龙头企业的股票呗", status="out_of_scope")
dec("d-decline-monthly-taihe", ["style:nickname"], "太和医药集群2025年3月份营收多少？", note="no monthly data")
dec("d-decline-zhejiang", ["style:plain"], "浙江永康五金集群营收多少，跟我们比怎么样？", status="out_of_scope", note="other province")
dec("d-decline-2015-jieshou", ["style:plain"], "界首纺织服装集群2015年营收是多少？", note="data start in 2019")
dec("d-decline-wage-tianchang", ["style:voice"], "天长仪器仪表集群职工平均工资大概多少啊", note="wages not held")
dec("d-decline-firm-en", ["style:english"], "Which company is the biggest in the Guangde PCB cluster?", note="enterprise names not held")
dec("d-decline-district-yingjiang-trad", ["style:traditional"], "安慶市迎江區的特色產業集群營收是多少？", note="district, not a county")
dec("d-decline-mujun-typo", ["style:typo"], "颖上绿色食品集群的亩均税收是多少？", note="tax per mu not a metric")
dec("d-decline-report-trad", ["style:traditional", "style:polite"], "請幫我寫一份今年全市集群工作總結報告，謝謝。", status="out_of_scope")
dec("d-decline-boss-voice", ["style:voice"], "那个 肥东光伏那个集群龙头是哪家公司来着 就是老板叫啥", note="enterprise and person names not held")
dec("d-decline-power-en", ["style:english"], "Please tell me the electricity consumption of the Wuwei cable cluster in 2025.", note="energy use not a metric")
dec("d-decline-fai-polite", ["style:polite"], "麻烦列一下2024年各集群的固定资产投资分别是多少，谢谢。", note="fixed-asset investment not a metric")
dec("d-decline-translate", ["style:plain"], "把这份招商合同翻译成英文", status="out_of_scope")

# ===== conversations
conv: list[dict] = []


def add_conv(cid: str, tags: list[str], turns: list[dict], note: str = "") -> None:
    c = {"id": cid, "intent": "conversation", "tags": ["data", "conversation"] + tags, "turns": turns}
    if note:
        c["note"] = note
    cases.append(c)


# C1 铜陵: only 枞阳新型建材
_tl = REV[REV.city == "铜陵市"]
assert list(_tl.index) == ["枞阳新型建材"]
_x = v("枞阳新型建材")
add_conv("d-conv-tongling", ["op:locate", "op:value", "op:gap", "op:crossing_year", "style:colloquial"], [
    turn("铜陵有哪些特色产业集群？", require=["枞阳", "建材"]),
    turn("它2025年营收多少？", numbers=[yi(_x)], require=["枞阳"]),
    turn("离百亿还差多少？", numbers=[yi(100 - _x)]),
    turn("如果按年均10%的速度增长，哪年能过百亿？", numbers=[yr(crossing_year(_x, 10, 100))]),
])
# C2 池州: argmax, second, cagr
_cz = REV[REV.city == "池州市"].value.sort_values(ascending=False)
assert list(_cz.index) == ["东至精细化工", "青阳非金属材料"]
add_conv("d-conv-chizhou", ["op:argmax", "op:rank", "op:cagr", "style:plain"], [
    turn("池州的集群里2025年哪个营收最大？", numbers=[yi(_cz.iloc[0])], require=["东至"]),
    turn("第二个呢？", numbers=[yi(_cz.iloc[1])], require=["青阳"]),
    turn("那它近三年年均增速多少？", numbers=[pct(cagr("青阳非金属材料", 2022))], require=["青阳"]),
])
# C3 阜阳 top3, next, gap of first to 500
_fy = REV[REV.city == "阜阳市"].value.sort_values(ascending=False)
assert _fy.iloc[2] > _fy.iloc[3] > _fy.iloc[4]
add_conv("d-conv-fuyang-rank", ["op:rank", "op:gap", "style:colloquial"], [
    turn("阜阳2025年营收前三的集群是哪几个？", numbers=[yi(x) for x in _fy.head(3)], require=["界首", "颍上", "太和"]),
    turn("再下一个呢？", numbers=[yi(_fy.iloc[3])], require=["临泉"]),
    turn("排第一的那个离500亿还差多少？", numbers=[yi(500 - _fy.iloc[0])], require=["界首"]),
])
# C4 stated assumption carried
add_conv("d-conv-assume-8pct", ["op:project", "op:crossing_year", "style:colloquial"], [
    turn("假设每年增长8%，舒城电子信息集群2027年营收能到多少？",
         numbers=[yi(project(v("舒城电子信息"), 8, 2027))], require=["舒城", "2027"]),
    turn("那凤台光伏储能呢？", numbers=[yi(project(v("凤台光伏储能"), 8, 2027))], require=["凤台"]),
    turn("按这个速度，凤台哪年能过百亿？", numbers=[yr(crossing_year(v("凤台光伏储能"), 8, 100))], require=["凤台"]),
], note="the 8% assumption and the 2027 horizon carry over to turn 2; turn 3 keeps 8%")
# C5 霍邱
_hq = REV[REV.county == "霍邱县"]
add_conv("d-conv-huoqiu", ["op:count", "op:aggregate", "op:yesno", "style:plain"], [
    turn("霍邱县有几个特色产业集群？", numbers=[cnt(len(_hq), "个")], require=["铁基", "柳编"]),
    turn("它们2025年营收加起来多少？", numbers=[yi(county_total("霍邱县"))]),
    turn("那霍邱算是有百亿级集群了吗？", numbers=[yi(county_max("霍邱县")[1])], require=["没有|未|尚未|不算|不"]),
])
# C6 蚌埠 -> 淮南 -> compare growth
_bb, _hn = city_total("蚌埠市"), city_total("淮南市")
_gbb = (_bb / city_total("蚌埠市", year=2024) - 1) * 100
_ghn = (_hn / city_total("淮南市", year=2024) - 1) * 100
assert abs(_gbb - _ghn) > 0.3
add_conv("d-conv-bengbu-huainan", ["op:aggregate", "op:compare", "op:change", "style:colloquial"], [
    turn("蚌埠的集群2025年营收合计多少？", numbers=[yi(_bb)], require=["蚌埠"]),
    turn("那淮南呢？", numbers=[yi(_hn)], require=["淮南"]),
    turn("两个市谁同比增长更快？", numbers=[pct(_gbb, label="蚌埠"), pct(_ghn, label="淮南")],
         require=["蚌埠" if _gbb > _ghn else "淮南"]),
])
# C7 progress chain
add_conv("d-conv-progress-ht", ["op:aggregate", "op:progress", "style:plain"], [
    turn("2025年全省制造业集群高新技术企业一共多少家？", numbers=[cnt(HT)]),
    turn("离2025年的目标还差多少？", numbers=[cnt(abs(2400 - HT))], clauses=["2"]),
    turn("那专精特新企业呢？", numbers=[cnt(ZJTX), cnt(abs(1200 - ZJTX))], require=["专精特新"], clauses=["2"]),
])
# C8 decline inside a conversation
add_conv("d-conv-jieshou-textile", ["op:value", "decline", "style:colloquial"], [
    turn("界首纺织服装集群2025年营收多少？", numbers=[yi(v("界首纺织服装"))], require=["界首", "纺织"]),
    turn("它的利润率呢？", status="no_data"),
    turn("那出口额有多少？", numbers=[yi(v("界首纺织服装", "exports"))], require=["界首"], forbid=["23.5"]),
])
# C9 English
_ch = REV[REV.city == "滁州市"].value.sort_values(ascending=False)
assert _ch.index[0] == "凤阳硅基新材料" and _ch.index[-1] == "全椒新能源" and _ch.iloc[-1] < _ch.iloc[-2]
add_conv("d-conv-chuzhou-en", ["op:argmax", "op:gap", "style:english"], [
    turn("Which cluster in Chuzhou had the highest revenue in 2025?", numbers=[yi(_ch.iloc[0])], require=["Fengyang|凤阳"]),
    turn("And the lowest?", numbers=[yi(_ch.iloc[-1])], require=["Quanjiao|全椒"]),
    turn("How far is the top one from the 50-billion-yuan (500亿) tier?", numbers=[yi(500 - _ch.iloc[0])]),
])
# C10 黄山
_hs = REV[REV.city == "黄山市"].value.sort_values(ascending=False)
assert set(_hs.index) == {"黟县乡村旅游", "歙县文旅", "祁门红茶"}
add_conv("d-conv-huangshan", ["op:locate", "op:argmax", "op:value", "style:plain"], [
    turn("黄山市有哪几个特色产业集群？", require=["黟县", "歙县", "祁门"]),
    turn("其中2025年营收最小的是哪个？多少？", numbers=[yi(_hs.iloc[-1])], require=["祁门"]),
    turn("它的“五个一”建了几项？", numbers=[cnt(v(_hs.index[-1], "five_one_count"), "项")], require=["祁门"]),
])
# C11 宿州
_sz = REV[REV.city == "宿州市"].value.sort_values(ascending=False)
_szc = pd.Series({s: cagr(s, 2021) for s in _sz.index}).sort_values(ascending=False)
assert _szc.iloc[0] - _szc.iloc[1] > 0.1
add_conv("d-conv-suzhou", ["op:filter", "op:argmax", "op:cagr", "style:dialect"], [
    turn("宿州那几个集群2025年营收都是多少？", numbers=[yi(x) for x in _sz], require=["砀山", "萧县", "灵璧", "泗县"]),
    turn("哪个近四年涨得最快咧？", numbers=[pct(_szc.iloc[0])], require=[county_short(CL.loc[CL.short_name == _szc.index[0], "county"].iloc[0])]),
])

# ---------------------------------------------------------------- finish: drop helper keys, defaults
for c in cases:
    c.pop("tags_extra", None)
    if "clauses" in c and not c["clauses"]:
        c.pop("clauses")

out = {
    "version": 1,
    "name": "fresh9_data",
    "description": "县域特色产业集群指标数据类问题（示例数据）：取值、序列、增速、差距、预测、排名、筛选、汇总、目标进度与应拒答问题",
    "retrieval_k": 5,
    "thresholds": {},
    "cases": cases,
}

# print golds
for c in cases:
    steps = c.get("turns") or [c]
    for i, t in enumerate(steps):
        nums = ", ".join(f"{n.get('label', '') + ':' if n.get('label') else ''}{n['value']}{n['unit']}" for n in t.get("numbers", []))
        st = t.get("status", "answered")
        print(f"{c['id']}{'#' + str(i + 1) if c.get('turns') else ''}\t{st}\t{nums}\t{'|'.join(t.get('require', []))}")
print(f"# province: rev={PROV_REV:.1f} n100={N100} n300={N300} n500={N500} n1000={N1000} n300_500={N300_500} "
      f"ht={HT:.0f} zjtx={ZJTX:.0f} lead={LEAD:.0f} partner={PARTNER:.0f} key100={KEY100:.0f} "
      f"fiveone={FIVE_ONE_COV:.2f}% exp={EXP:.1f} share={EXP_SHARE:.2f}% rd={PROV_RD:.3f}% counties100={N_COUNTIES_100}")

if "--no-write" not in sys.argv:
    OUT.write_text(yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    print(f"# wrote {OUT}", file=sys.stderr)
