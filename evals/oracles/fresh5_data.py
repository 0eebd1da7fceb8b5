#!/usr/bin/env python3
"""Independent oracle for the fresh5_data question set.

Recomputes every expected number of evals/sets/fresh5_data.yaml from the demo indicators CSV and the
reference CSVs (pandas only), prints them per case/turn, and — if the YAML exists — checks that every
number in the YAML equals the oracle's number (same order, same unit, same tolerance).

Conventions (product definitions from the writer brief, plus the writer's own decisions marked *):
  - latest data year 2025; 去年 = 2025 (today is 2026), 前年 = 2024*
  - growth of a year = v[y]/v[y-1] - 1; declines are stated as a magnitude plus a direction word*
  - 近三年 = 2022→2025, 近四年 = 2021→2025, 近五年 = 2020→2025, "2020年以来" = 2020→2025 (base 2020)*
  - average growth = compound (end/start)^(1/years) - 1, one decimal, tol 0.1 pp
  - gap = threshold - value_2025; reached means >= threshold; a county is judged by its largest cluster
  - required rate = (threshold / v2025)^(1/(Y-2025)) - 1
  - crossing year at rate r: first Y > 2025 with v2025*(1+r)^(Y-2025) >= threshold; "recent pace" is the
    window the question names; the oracle asserts the year is the same whether r is exact or rounded to 0.1 %*
  - a race = each cluster at its own stated-window rate; the earlier crossing year wins*
  - projection at a derived rate: tol = |proj(exact r) - proj(r rounded to 0.1 %)| + 0.1*
  - county total = sum of its clusters; city total = sum over counties.csv units of that city
  - province: sum of all 72 clusters; rd_intensity province value weighted by revenue over the clusters
    that report it; "五个一" coverage = Σ five_one_count / (72 × 5); exports share = Σ exports /
    province_trade_total
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
D = ROOT / "data"
YAML = Path("evals/sets/fresh5_data.yaml")

d = pd.read_csv(D / "demo/indicators_demo.csv")
clusters = pd.read_csv(D / "reference/clusters.csv")
counties = pd.read_csv(D / "reference/counties.csv")
ptot = pd.read_csv(D / "reference/province_totals.csv")

SHORT = clusters.set_index("cluster").short_name
d["s"] = d.cluster.map(SHORT)
assert d.s.notna().all()
CITY_OF = counties.set_index("county").city
d["city"] = d.county.map(CITY_OF)
assert d.city.notna().all()


def pivot(metric: str) -> pd.DataFrame:
    return d[d.metric == metric].pivot_table(index="s", columns="year", values="value")


R = pivot("revenue")
COUNTY = d[d.metric == "revenue"].groupby("s").county.first()
CITY = d[d.metric == "revenue"].groupby("s").city.first()
Y = 2025


def r1(x: float) -> float:
    return round(x + 0.0, 1)


def rev(s: str, y: int = Y) -> float:
    return float(R.loc[s, y])


def val(metric: str, s: str, y: int = Y) -> float:
    return float(pivot(metric).loc[s, y])


def growth(s: str, y: int = Y, series=None) -> float:
    v = R.loc[s] if series is None else series
    return (float(v[y]) / float(v[y - 1]) - 1) * 100


def cagr_v(a: float, b: float, n: int) -> float:
    return ((b / a) ** (1 / n) - 1) * 100


def cagr(s: str, start: int, end: int = Y) -> float:
    return cagr_v(rev(s, start), rev(s, end), end - start)


def required(v: float, t: float, year: int) -> float:
    return ((t / v) ** (1 / (year - Y)) - 1) * 100


def cross_at(v: float, rate_pct: float, t: float) -> int:
    if v >= t:
        raise ValueError("already reached")
    if rate_pct <= 0:
        raise ValueError("never")
    y = Y
    while v * (1 + rate_pct / 100) ** (y - Y) < t:
        y += 1
    return y


def cross_recent(v: float, rate_pct: float, t: float) -> int:
    """Crossing year at a derived rate; must not depend on rounding the rate to 0.1 %."""
    a, b = cross_at(v, rate_pct, t), cross_at(v, round(rate_pct, 1), t)
    assert a == b, (v, rate_pct, t, a, b)
    return a


def project_tol(v: float, rate_pct: float, year: int) -> tuple[float, float]:
    exact = v * (1 + rate_pct / 100) ** (year - Y)
    rounded = v * (1 + round(rate_pct, 1) / 100) ** (year - Y)
    tol = math.ceil((abs(exact - rounded) + 0.1) * 10) / 10
    return exact, tol


def first_year_at(s: str, t: float) -> int:
    for y in range(2019, 2026):
        if rev(s, y) >= t:
            return y
    raise ValueError


def county_total(county: str, y: int = Y) -> float:
    return float(R[y][[s for s in R.index if COUNTY[s] == county]].sum())


def city_total(city: str, y: int = Y, metric: str = "revenue") -> float:
    units = set(counties[counties.city == city].county)
    p = pivot(metric)
    return float(p[y][[s for s in p.index if COUNTY[s] in units]].sum())


def province(y: int = Y, metric: str = "revenue") -> float:
    return float(pivot(metric)[y].sum())


def in_city(city: str) -> list[str]:
    return [s for s in R.index if CITY[s] == city]


def in_county(county: str) -> list[str]:
    return [s for s in R.index if COUNTY[s] == county]


def top(series: pd.Series, n: int) -> list[tuple[str, float]]:
    s = series.sort_values(ascending=False)
    # no tie across the cut
    if len(s) > n:
        assert s.iloc[n - 1] != s.iloc[n]
    return [(k, float(v)) for k, v in s.head(n).items()]


def cnt(y: int, t: float) -> int:
    return int((R[y] >= t).sum())


def largest(scope: list[str], y: int = Y) -> str:
    s = R.loc[scope, y].sort_values(ascending=False)
    assert len(s) == 1 or s.iloc[0] != s.iloc[1]
    return s.index[0]


# ---------------------------------------------------------------------------------------------------
# gold numbers per case id: list of turns, each a list of (value, unit, tol); INFO = names for require
G: dict[str, list[list[tuple[float, str, float]]]] = {}
INFO: dict[str, object] = {}


def add(cid: str, *turns, info=None):
    assert cid not in G, cid
    G[cid] = [list(t) for t in turns]
    if info is not None:
        INFO[cid] = info


def yi(x: float):
    return (r1(x), "亿元", 0.1)


def pct(x: float, tol: float = 0.1):
    return (r1(x), "%", tol)


def year(x: int):
    return (x, "年", 0)


def n_(x: float, unit: str):
    return (int(round(x)), unit, 0)


# ---- values ----
add("d-value-tianchang-yibiao", [yi(rev("天长仪器仪表"))])
add("d-value-guangde-trad", [yi(rev("广德电子电路"))])
add("d-value-ningguo-en", [yi(rev("宁国电子元器件", 2024))])
add("d-value-huoqiu-typo", [yi(rev("霍邱铁基新材料"))])
add("d-value-yixian-voice", [yi(rev("黟县乡村旅游"))])
add("d-value-qihong-2023", [yi(rev("祁门红茶", 2023))])
add("d-value-pcb-2019", [yi(rev("广德电子电路", 2019))])
add("d-value-dangshan-pear-2024", [yi(rev("砀山果蔬食品", 2024))])

# ---- series ----
add("d-series-feixi-nongji", [yi(rev("肥西农业装备", y)) for y in range(2021, 2026)])
assert all(rev("太和筛网", y) < rev("太和筛网", y - 1) for y in range(2023, 2026))
add("d-series-taihe-shaiwang", [yi(rev("太和筛网", y)) for y in range(2022, 2026)])
add("d-series-hexian-en", [yi(rev("和县化工新材料", y)) for y in range(2019, 2026)])
add("d-series-zongyang-voice", [yi(rev("枞阳新型建材", y)) for y in range(2019, 2026)])

# ---- change / growth of a year ----
add("d-change-mengcheng", [yi(rev("蒙城汽车零部件") - rev("蒙城汽车零部件", 2024)), pct(growth("蒙城汽车零部件"))])
assert growth("和县化工新材料") < 0
add("d-change-hexian-drop", [pct(-growth("和县化工新材料"))])
add("d-change-changfeng", [yi(rev("长丰汽车零部件") - rev("长丰汽车零部件", 2024))])
add("d-change-feixi-trad", [pct(growth("肥西智能家电"))])
add("d-change-fengyang-en", [pct(growth("凤阳硅基新材料"))])
add("d-change-guangde-2020-drop", [yi(rev("广德电子电路", 2019) - rev("广德电子电路", 2020)), pct(-growth("广德电子电路", 2020))])

# ---- average growth over a window ----
add("d-cagr-shucheng-3y", [pct(cagr("舒城电子信息", 2022))])
add("d-cagr-laian-since2020", [pct(cagr("来安汽车零部件", 2020))])
add("d-cagr-wuwei-4y", [pct(cagr("无为电线电缆", 2021))])
add("d-cagr-langxi-en", [pct(cagr("郎溪智能装备", 2022))])
add("d-cagr-lujiang-5y-typo", [pct(cagr("庐江新材料", 2020))])
add("d-cagr-province-3y", [pct(cagr_v(province(2022), province(2025), 3))])
ht = pivot("high_tech_enterprises")
add("d-cagr-guangde-hightech", [pct(cagr_v(ht.loc["广德电子电路", 2022], ht.loc["广德电子电路", 2025], 3))])

# ---- gap to a tier ----
tc = largest(in_county("天长市"))
assert tc == "天长仪器仪表" and county_total("天长市") >= 100 and rev(tc) < 100
add("d-gap-tianchang-county", [yi(100 - rev(tc))])
add("d-gap-fengyang-500", [yi(500 - rev("凤阳硅基新材料"))])
add("d-gap-ningguo-500", [yi(500 - rev("宁国高分子材料和金属零部件"))])
add("d-gap-feixi-1000", [yi(1000 - rev("肥西智能家电"))])
add("d-gap-huaiyuan-typo", [yi(100 - rev("怀远农副食品加工"))])
hx_years = [y for y in range(2019, 2026) if rev("和县化工新材料", y) >= 100]
assert hx_years == [2021, 2022]
add("d-gap-hexian-voice", [yi(100 - rev("和县化工新材料"))] + [year(y) for y in hx_years])
add("d-gap-dongzhi-en", [yi(300 - rev("东至精细化工"))])
assert rev("东至精细化工") >= 100
add("d-yesno-dongzhi", [yi(rev("东至精细化工"))])

# ---- growth needed by a year ----
add("d-rate-tianchang-2027", [pct(required(rev("天长仪器仪表"), 100, 2027))])
add("d-rate-ningguo-2030", [pct(required(rev("宁国高分子材料和金属零部件"), 500, 2030))])
add("d-rate-feixi-2030", [pct(required(rev("肥西智能家电"), 1000, 2030))])
add("d-rate-mengcheng-2027-typo", [pct(required(rev("蒙城汽车零部件"), 500, 2027))])
add("d-rate-huaiyuan-en", [pct(required(rev("怀远农副食品加工"), 100, 2027))])
add("d-rate-mingguang-trad", [pct(required(rev("明光凹凸棒"), 100, 2030))])
add("d-rate-langxi-voice", [pct(required(rev("郎溪智能装备"), 300, 2027))])

# ---- projection at a stated rate ----
add("d-proj-shucheng-8pct", [year(cross_at(rev("舒城电子信息"), 8, 500))])
add("d-proj-yingshang-2030", [yi(rev("颍上清洁能源新材料") * 1.1 ** 5)])
add("d-proj-jieshou-5pct", [year(cross_at(rev("界首资源循环利用"), 5, 500))])
add("d-proj-changfeng-voice", [year(cross_at(rev("长丰汽车零部件"), 10, 2000))])
add("d-proj-guangde-en", [yi(rev("广德电子电路") * 1.06 ** 3)])
add("d-proj-mengcheng-trad", [year(cross_at(rev("蒙城汽车零部件"), 15, 1000))])

# ---- crossing year at the recent pace ----
add("d-cross-tianchang-voice", [year(cross_recent(rev("天长仪器仪表"), cagr("天长仪器仪表", 2022), 100))])
add("d-cross-lujiang-300", [year(cross_recent(rev("庐江新材料"), cagr("庐江新材料", 2022), 300))])
add("d-cross-mengcheng-500", [year(cross_recent(rev("蒙城汽车零部件"), cagr("蒙城汽车零部件", 2022), 500))])
add("d-cross-feixi-1000-typo", [year(cross_recent(rev("肥西智能家电"), cagr("肥西智能家电", 2022), 1000))])

# ---- the year a cluster crossed a tier in the past ----
add("d-hist-changfeng", [year(first_year_at("长丰汽车零部件", 500)), year(first_year_at("长丰汽车零部件", 1000))])
add("d-hist-yixian-100", [year(first_year_at("黟县乡村旅游", 100))])
assert rev("颍上清洁能源新材料") == 300.0
add("d-hist-yingshang-300-typo", [year(first_year_at("颍上清洁能源新材料", 300))])
add("d-hist-wuwei-300-en", [year(first_year_at("无为电线电缆", 300))])
add("d-hist-lujiang-100", [year(first_year_at("庐江新材料", 100))])

# ---- rankings ----
t5 = top(R[Y], 5)
INFO["d-rank-province-top5"] = t5
add("d-rank-province-top5", [yi(v) for _, v in t5])
t3 = top(R.loc[in_city("滁州市"), Y], 3)
INFO["d-rank-chuzhou-top3"] = t3
add("d-rank-chuzhou-top3", [yi(v) for _, v in t3])
t3 = top(R.loc[in_city("安庆市"), Y], 3)
INFO["d-rank-anqing-en"] = t3
add("d-rank-anqing-en", [yi(v) for _, v in t3])
rk = list(R[Y].sort_values(ascending=False).index).index("蒙城汽车零部件") + 1
INFO["d-rank-mengcheng-pos"] = rk
add("d-rank-mengcheng-pos", [])  # checked by require: 第8
t3 = top(ht[Y], 3)
INFO["d-rank-hightech-top3"] = t3
add("d-rank-hightech-top3", [n_(v, "家") for _, v in t3])
xc = pd.Series({c: county_total(c) for c in counties[counties.city == "宣城市"].county if in_county(c)})
t3 = top(xc, 3)
INFO["d-rank-xuancheng-counties"] = t3
add("d-rank-xuancheng-counties", [yi(v) for _, v in t3])
cities = pd.Series({c: city_total(c) for c in CITY_OF.unique()})
t3 = top(cities, 3)
INFO["d-rank-cities-top3"] = t3
add("d-rank-cities-top3", [yi(v) for _, v in t3])
t3 = top(R.loc[in_city("阜阳市"), Y], 3)
INFO["d-rank-fuyang-typo"] = t3
add("d-rank-fuyang-typo", [yi(v) for _, v in t3])
# bottom 3 of 合肥 by revenue
hf = R.loc[in_city("合肥市"), Y].sort_values()
assert hf.iloc[2] != hf.iloc[3]
b3 = [(k, float(v)) for k, v in hf.head(3).items()]
INFO["d-rank-hefei-bottom3"] = b3
add("d-rank-hefei-bottom3", [yi(v) for _, v in b3])

# ---- argmax / argmin inside a scope ----
def argbest(scope, f, reverse=True):
    vals = sorted(((f(s), s) for s in scope), reverse=reverse)
    assert r1(vals[0][0]) != r1(vals[1][0]) if len(vals) > 1 else True
    return vals[0][1], vals[0][0]


s_, v_ = argbest(in_city("安庆市"), lambda s: growth(s))
INFO["d-argmax-anqing-growth"] = s_
add("d-argmax-anqing-growth", [pct(v_)])
s_, v_ = argbest(in_city("阜阳市"), lambda s: cagr(s, 2022))
INFO["d-argmax-fuyang-3y"] = s_
add("d-argmax-fuyang-3y", [pct(v_)])
s_, v_ = argbest(list(R.index), lambda s: growth(s), reverse=False)
INFO["d-argmin-province-growth"] = s_
add("d-argmin-province-growth", [pct(-v_)])
s_, v_ = argbest(in_city("宿州市"), lambda s: rev(s), reverse=False)
INFO["d-argmin-suzhou"] = s_
add("d-argmin-suzhou", [yi(v_)])
rd = pivot("rd_intensity")
s_, v_ = argbest([s for s in in_city("合肥市") if s in rd.index], lambda s: float(rd.loc[s, Y]))
INFO["d-argmax-hefei-rd"] = s_
add("d-argmax-hefei-rd", [(round(v_, 2), "%", 0.01)])
tl = in_city("铜陵市")
assert len(tl) == 1
INFO["d-argmax-tongling-trad"] = tl[0]
add("d-argmax-tongling-trad", [pct(growth(tl[0]))])
s_, v_ = argbest(list(R.index), lambda s: cagr(s, 2022))
INFO["d-argmax-province-3y-en"] = s_
add("d-argmax-province-3y-en", [pct(v_)])
s_, v_ = argbest(in_city("六安市"), lambda s: rev(s))
INFO["d-argmax-liuan-voice"] = s_
add("d-argmax-liuan-voice", [yi(v_)])

# ---- counts ----
add("d-count-100-2025", [n_(cnt(2025, 100), "个")])
add("d-count-300-2025", [n_(cnt(2025, 300), "个")])
INFO["d-count-500-2025"] = list(R.index[R[2025] >= 500])
add("d-count-500-2025", [n_(cnt(2025, 500), "个")])
add("d-count-100-2023", [n_(cnt(2023, 100), "个")])
ch = [s for s in in_city("滁州市") if rev(s) >= 100]
INFO["d-count-chuzhou-typo"] = ch
add("d-count-chuzhou-typo", [n_(len(ch), "个")])
dec = [s for s in R.index if growth(s) < 0]
INFO["d-count-decline-2025"] = dec
add("d-count-decline-2025", [n_(len(dec), "个")])
add("d-count-300-2023-trad", [n_(cnt(2023, 300), "个")])
cmax = pd.Series({c: max(rev(s) for s in in_county(c)) for c in COUNTY.unique()})
n_cty = int((cmax >= 100).sum())
INFO["d-count-counties-100"] = (n_cty, len(counties))
add("d-count-counties-100", [n_(n_cty, "个")])
add("d-count-100-2024-en", [n_(cnt(2024, 100), "个")])

# ---- aggregates ----
add("d-agg-wuwei", [yi(county_total("无为市"))])
add("d-agg-xuancheng", [yi(city_total("宣城市"))])
add("d-agg-province-2025", [yi(province(2025))])
add("d-agg-province-2024", [yi(province(2024)), pct((province(2024) / province(2023) - 1) * 100)])
add("d-agg-hefei-share", [yi(city_total("合肥市")), pct(city_total("合肥市") / province() * 100)])
ht_tot = province(metric="high_tech_enterprises")
assert ht_tot < 2400
add("d-agg-hightech-2400", [n_(ht_tot, "家"), n_(2400 - ht_tot, "家")])
rdw = d[d.metric.isin(["rd_intensity", "revenue"]) & (d.year == Y)].pivot_table(index="s", columns="metric", values="value").dropna()
rd_prov = float((rdw.rd_intensity * rdw.revenue).sum() / rdw.revenue.sum())
add("d-agg-rd-province", [(round(rd_prov, 2), "%", 0.05)])
fo = province(metric="five_one_count") / (R.shape[0] * 5) * 100
add("d-agg-fiveone-coverage", [pct(fo)])
tr = float(ptot[(ptot.code == "province_trade_total") & (ptot.year == Y)].value.iloc[0])
add("d-agg-exports-share", [yi(province(metric="exports")), pct(province(metric="exports") / tr * 100)])
add("d-agg-key100", [n_(province(metric="key_enterprises_100yi"), "个")])
add("d-agg-ningguo-voice", [yi(county_total("宁国市"))])
sp_tot = province(metric="specialized_enterprises")
assert sp_tot < 1200
add("d-agg-specialized-en", [n_(sp_tot, "家"), n_(1200 - sp_tot, "家")])

# ---- comparisons ----
a, b = rev("肥东先进光伏"), rev("肥西智能家电")
assert b > a
add("d-cmp-feidong-feixi", [yi(b - a)])
a, b = cagr("广德电子电路", 2022), cagr("宁国高分子材料和金属零部件", 2022)
assert a > b
add("d-cmp-guangde-ningguo-3y", [pct(a), pct(b)])
a, b = county_total("天长市"), county_total("明光市")
add("d-cmp-tianchang-mingguang", [yi(a), yi(b)])
a, b = growth("无为电线电缆"), growth("凤阳硅基新材料")
assert a > b
add("d-cmp-wuwei-fengyang-en", [pct(a), pct(b)])
a, b = float(ht.loc["广德电子电路", Y]), float(ht.loc["长丰汽车零部件", Y])
assert a > b
add("d-cmp-hightech-abbrev", [n_(a, "家"), n_(b, "家")])
a, b = city_total("芜湖市"), city_total("马鞍山市")
assert a > b
add("d-cmp-wuhu-maanshan-typo", [yi(a), yi(b)])

# ---- races ----
def race(s1, s2, t, start=2022):
    y1 = cross_recent(rev(s1), cagr(s1, start), t)
    y2 = cross_recent(rev(s2), cagr(s2, start), t)
    assert y1 != y2, (s1, s2, y1, y2)
    return y1, y2


y1, y2 = race("无为电线电缆", "凤阳硅基新材料", 600)
assert y1 < y2
add("d-race-wuwei-fengyang-600", [year(y1), year(y2)])
y1, y2 = race("蒙城汽车零部件", "界首资源循环利用", 400)
assert y1 < y2
add("d-race-mengcheng-jieshou-400", [year(y1), year(y2)])
y1, y2 = race("舒城电子信息", "颍上清洁能源新材料", 500)
INFO["d-race-shucheng-yingshang-500"] = (y1, y2)
add("d-race-shucheng-yingshang-500", [year(y1), year(y2)])
y1, y2 = race("郎溪智能装备", "来安汽车零部件", 200)
INFO["d-race-langxi-laian-en"] = (y1, y2)
add("d-race-langxi-laian-en", [year(y1), year(y2)])

# ---- other indicators ----
add("d-ind-guangde-hightech", [n_(val("high_tech_enterprises", "广德电子电路"), "家")])
add("d-ind-wuwei-specialized", [n_(val("specialized_enterprises", "无为电线电缆"), "家")])
add("d-ind-changfeng-abovescale", [n_(val("enterprises_above_scale", "长丰汽车零部件"), "家")])
add("d-ind-quanjiao-rd-trad", [(val("rd_intensity", "全椒新能源"), "%", 0.01)])
add("d-ind-changfeng-exports", [yi(val("exports", "长丰汽车零部件")), pct((val("exports", "长丰汽车零部件") / val("exports", "长丰汽车零部件", 2024) - 1) * 100)])
add("d-ind-feixi-key100", [n_(val("key_enterprises_100yi", "肥西智能家电"), "个")])
add("d-ind-ningguo-fiveone", [n_(val("five_one_count", "宁国高分子材料和金属零部件"), "项")])
add("d-ind-changfeng-leaders-partners", [n_(val("leading_enterprises", "长丰汽车零部件"), "家"), n_(val("partner_enterprises", "长丰汽车零部件"), "家")])
assert val("enterprises_above_scale", "界首资源循环利用", 2022) < val("enterprises_above_scale", "界首资源循环利用", 2021)
add("d-ind-jieshou-abovescale-2022", [n_(val("enterprises_above_scale", "界首资源循环利用", 2021), "家"), n_(val("enterprises_above_scale", "界首资源循环利用", 2022), "家")])
add("d-ind-feidong-exports-en", [yi(val("exports", "肥东先进光伏"))])
add("d-partial-changfeng-profit", [yi(rev("长丰汽车零部件"))])

# ---- declines (no numbers) ----
for cid in ["d-dec-profit-tianchang", "d-dec-tax-changfeng", "d-dec-gdp-fengyang", "d-dec-2018-guangde",
            "d-dec-2026h1-province", "d-dec-enterprise-names", "d-dec-person-tianchang", "d-dec-district-shushan",
            "d-dec-kunshan", "d-dec-speech", "d-dec-weather", "d-dec-rd-yixian", "d-dec-employment-mengcheng",
            "d-dec-margin-en", "d-dec-guzhen", "d-dec-stock-trad", "d-dec-mutax-langxi",
            "d-dec-2015-changfeng", "d-dec-market-share", "d-dec-lithium-price", "d-dec-power-ningguo",
            "d-dec-shanghai", "d-dec-train-ticket", "d-dec-person-en", "d-dec-land-voice"]:
    add(cid, [])
assert "黟县乡村旅游" not in rd.index
assert not in_county("固镇县") and "固镇县" in set(counties.county)
assert R.columns.min() == 2019

# ---- conversations ----
ng = largest(in_county("宁国市"))
assert ng == "宁国高分子材料和金属零部件"
ng_r = cagr(ng, 2022)
add("d-conv-ningguo", [], [pct(ng_r)], [year(cross_recent(rev(ng), ng_r, 500))])

cz = top(R.loc[[s for s in in_city("滁州市") if rev(s) >= 100], Y], 4)
assert len([s for s in in_city("滁州市") if rev(s) >= 100]) == 4
INFO["d-conv-chuzhou"] = cz
second = cz[1][0]
add("d-conv-chuzhou", [yi(v) for _, v in cz], [pct(cagr(second, 2022))], [yi(300 - rev(second))])

add("d-conv-feidong-feixi", [yi(rev("肥东先进光伏"))], [yi(rev("肥西智能家电"))],
    [yi(rev("肥东先进光伏") + rev("肥西智能家电"))])

add("d-conv-chizhou-xuancheng", [yi(city_total("池州市"))], [yi(city_total("宣城市"))],
    [pct(city_total("宣城市") / province() * 100)])

assert first_year_at("黟县乡村旅游", 100) == 2024
add("d-conv-yixian", [yi(rev("黟县乡村旅游"))], [yi(rev("黟县乡村旅游", y)) for y in range(2019, 2025)],
    [year(first_year_at("黟县乡村旅游", 100))], [])

add("d-conv-changfeng-indicators", [n_(val("high_tech_enterprises", "长丰汽车零部件"), "家")],
    [n_(val("specialized_enterprises", "长丰汽车零部件"), "家")], [])

pg = (province(2025) / province(2024) - 1) * 100
p27, p27tol = project_tol(province(2025), pg, 2027)
assert p27 < 14000 and p27 + p27tol < 14000
add("d-conv-province", [yi(province(2025))], [pct(pg)], [(r1(p27), "亿元", p27tol)],
    [pct(required(province(2025), 14000, 2027))])

add("d-conv-wuwei-en", [yi(rev("无为电线电缆"))], [yi(500 - rev("无为电线电缆"))],
    [year(cross_at(rev("无为电线电缆"), 5, 500))])

bb = largest(in_city("蚌埠市"))
assert bb == "怀远农副食品加工"
add("d-conv-bengbu", [yi(rev(bb))], [yi(100 - rev(bb))], [year(cross_recent(rev(bb), cagr(bb, 2022), 100))])

fy = [s for s in in_city("阜阳市") if rev(s) >= 100]
fy_fast, _ = argbest(fy, lambda s: growth(s))
INFO["d-conv-fuyang"] = (fy, fy_fast)
add("d-conv-fuyang", [n_(len(fy), "个")], [pct(growth(fy_fast))], [pct(cagr(fy_fast, 2020))],
    [pct(cagr("太和生物医药", 2020))])


# ---------------------------------------------------------------------------------------------------
def main() -> int:
    for cid, turns in G.items():
        shown = " | ".join(", ".join(f"{v:g}{u}±{t:g}" for v, u, t in t_) or "-" for t_ in turns)
        extra = f"   [{INFO[cid]}]" if cid in INFO else ""
        print(f"{cid}: {shown}{extra}")
    if not YAML.exists():
        return 0
    import yaml

    doc = yaml.safe_load(YAML.read_text(encoding="utf-8"))
    bad = 0
    seen = set()
    n_turns = n_dec = n_conv = 0
    styles: dict[str, int] = {}
    for case in doc["cases"]:
        cid = case["id"]
        seen.add(cid)
        steps = case.get("turns") or [case]
        n_turns += len(steps)
        n_conv += bool(case.get("turns"))
        n_dec += sum(1 for s in steps if s.get("status", "answered") != "answered")
        for tag in case.get("tags", []):
            if tag.startswith("style:"):
                styles[tag] = styles.get(tag, 0) + 1
        if cid not in G:
            print("NOT IN ORACLE:", cid)
            bad += 1
            continue
        gold = G[cid] if case.get("turns") else G[cid][:1]
        if len(gold) != len(steps):
            print("TURN COUNT MISMATCH:", cid)
            bad += 1
            continue
        for i, (st, gt) in enumerate(zip(steps, gold)):
            got = [(float(n["value"]), n.get("unit", ""), float(n.get("tol", 0) or 0)) for n in st.get("numbers", [])]
            want = [(float(v), u, float(t)) for v, u, t in gt]
            if got != want:
                print(f"MISMATCH {cid} turn {i}: yaml={got} oracle={want}")
                bad += 1
            answered = st.get("status", "answered") == "answered"
            if answered and not (st.get("numbers") or st.get("require") or st.get("clauses")):
                print(f"NOTHING TO CHECK {cid} turn {i}")
                bad += 1
    for cid in G:
        if cid not in seen:
            print("MISSING FROM YAML:", cid)
            bad += 1
    print(f"\ncases={len(doc['cases'])} turns={n_turns} answered={n_turns - n_dec} declines={n_dec} "
          f"({n_dec / n_turns:.1%}) conversations={n_conv}")
    print("styles:", dict(sorted(styles.items())))
    print("problems:", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
