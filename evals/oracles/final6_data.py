"""Independent oracle for the sealed set final_data.

Recomputes every expected number of evals/sets/final6_data.yaml from
data/demo/indicators_demo.csv and data/reference/*.csv with pandas,
following the product conventions of the writer brief:
  growth of a year = v/prev - 1; window average = compound (end/start)^(1/years) - 1;
  gap = threshold - 2025 value; required rate = (thr/v2025)^(1/(Y-2025)) - 1;
  crossing year at r = first Y>2025 with v2025*(1+r)^(Y-2025) >= thr; reached = >= thr;
  county total = sum of its clusters; city total = sum over counties.csv units of that city;
  province = sum over all clusters; rd_intensity province = revenue-weighted over clusters with data;
  five-one coverage = sum / (n_clusters*5); export share = sum exports / province_trade_total.
Run:  python3 oracle_final_data.py          -> prints every oracle value
      python3 oracle_final_data.py --check  -> also compares with the numbers in final_data.yaml
Negative changes are stored in the YAML as magnitudes (with a 下降/减少 require term): the check
compares absolute values for the keys listed in MAGNITUDE.
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2] / "data"
D = pd.read_csv(ROOT / "demo/indicators_demo.csv")
COUNTIES = pd.read_csv(ROOT / "reference/counties.csv")
CLUSTERS = pd.read_csv(ROOT / "reference/clusters.csv")
PROV = pd.read_csv(ROOT / "reference/province_totals.csv")
LATEST = 2025
D = D.merge(COUNTIES[["county", "city"]], on="county", how="left")
SHORT = dict(zip(CLUSTERS.short_name, CLUSTERS.cluster))
FULL2SHORT = {v: k for k, v in SHORT.items()}


def cl(short: str) -> str:
    return SHORT[short]


def val(short: str, year: int = LATEST, metric: str = "revenue") -> float:
    s = D[(D.cluster == cl(short)) & (D.year == year) & (D.metric == metric)].value
    assert len(s) == 1, (short, year, metric)
    return float(s.iloc[0])


def pct(x: float) -> float:
    return round(x * 100, 1)


def growth(short: str, year: int = LATEST, metric: str = "revenue") -> float:
    return pct(val(short, year, metric) / val(short, year - 1, metric) - 1)


def cagr_v(v0: float, v1: float, years: int) -> float:
    return pct((v1 / v0) ** (1 / years) - 1)


def cagr(short: str, y0: int, y1: int = LATEST, metric: str = "revenue") -> float:
    return cagr_v(val(short, y0, metric), val(short, y1, metric), y1 - y0)


def rate_raw(short: str, y0: int, y1: int = LATEST) -> float:
    return (val(short, y1) / val(short, y0)) ** (1 / (y1 - y0)) - 1


def gap(short: str, thr: float) -> float:
    return round(thr - val(short), 1)


def req_rate_v(v: float, thr: float, year: int) -> float:
    return pct((thr / v) ** (1 / (year - LATEST)) - 1)


def req_rate(short: str, thr: float, year: int) -> float:
    return req_rate_v(val(short), thr, year)


def project_v(v: float, r: float, year: int) -> float:
    return round(v * (1 + r) ** (year - LATEST), 1)


def project(short: str, r: float, year: int) -> float:
    return project_v(val(short), r, year)


def cross_v(v: float, thr: float, r: float) -> int:
    y = LATEST + 1
    while v * (1 + r) ** (y - LATEST) < thr:
        y += 1
        assert y < 2100
    return y


def cross(short: str, thr: float, r: float) -> int:
    return cross_v(val(short), thr, r)


def first_reach(short: str, thr: float) -> int:
    s = D[(D.cluster == cl(short)) & (D.metric == "revenue")].sort_values("year")
    return int(s[s.value >= thr].year.min())


def rev_year(year: int = LATEST, metric: str = "revenue") -> pd.DataFrame:
    return D[(D.year == year) & (D.metric == metric)].copy()


def county_total(county: str, year: int = LATEST, metric: str = "revenue") -> float:
    return round(rev_year(year, metric).query("county == @county").value.sum(), 1)


def city_total(city: str, year: int = LATEST, metric: str = "revenue") -> float:
    return round(rev_year(year, metric).query("city == @city").value.sum(), 1)


def city_totals(year: int = LATEST) -> pd.Series:
    return rev_year(year).groupby("city").value.sum().round(1).sort_values(ascending=False)


def prov_total(year: int = LATEST, metric: str = "revenue") -> float:
    return round(rev_year(year, metric).value.sum(), 1)


def count_at(thr: float, year: int = LATEST, scope: dict | None = None) -> int:
    t = rev_year(year)
    for k, v in (scope or {}).items():
        t = t[t[k] == v]
    return int((t.value >= thr).sum())


def rank_in(short: str, year: int = LATEST, scope: dict | None = None, metric: str = "revenue") -> int:
    t = rev_year(year, metric)
    for k, v in (scope or {}).items():
        t = t[t[k] == v]
    t = t.sort_values("value", ascending=False).reset_index(drop=True)
    return int(t.index[t.cluster == cl(short)][0]) + 1


def ranked(year: int = LATEST, scope: dict | None = None, metric: str = "revenue") -> list[tuple[str, float]]:
    t = rev_year(year, metric)
    for k, v in (scope or {}).items():
        t = t[t[k] == v]
    t = t.sort_values("value", ascending=False)
    return [(FULL2SHORT[c], float(v)) for c, v in zip(t.cluster, t.value)]


def growth_table(y0: int, y1: int = LATEST, scope: dict | None = None) -> list[tuple[str, float]]:
    a = rev_year(y0).set_index("cluster").value
    t = rev_year(y1)
    for k, v in (scope or {}).items():
        t = t[t[k] == v]
    out = [(FULL2SHORT[c], pct((v / a[c]) ** (1 / (y1 - y0)) - 1)) for c, v in zip(t.cluster, t.value)]
    return sorted(out, key=lambda x: -x[1])


def rd_weighted(year: int = LATEST) -> float:
    rd = rev_year(year, "rd_intensity").set_index("cluster").value
    rv = rev_year(year).set_index("cluster").value.reindex(rd.index)
    return round(float((rd * rv).sum() / rv.sum()), 2)


def five_one_coverage(year: int = LATEST) -> float:
    t = rev_year(year, "five_one_count")
    return pct(t.value.sum() / (len(t) * 5))


def export_share(year: int = LATEST) -> float:
    tot = float(PROV[(PROV.code == "province_trade_total") & (PROV.year == year)].value.iloc[0])
    return round(rev_year(year, "exports").value.sum() / tot * 100, 1)


def race_year(a: str, ra: float, b: str, rb: float) -> int:
    """First year > 2025 in which a (growing at ra) is >= b (growing at rb)."""
    va, vb = val(a), val(b)
    y = LATEST + 1
    while va * (1 + ra) ** (y - LATEST) < vb * (1 + rb) ** (y - LATEST):
        y += 1
        assert y < 2100
    return y


def county_max(county: str, year: int = LATEST) -> float:
    return float(rev_year(year).query("county == @county").value.max())


# ----------------------------------------------------------------------------- the golds, keyed by case id
# "id" for a one-question case, "id#N" for turn N (1-based) of a conversation; values in YAML order.
def g1(short: str) -> float:
    """2025 growth as a raw fraction (basis 'keeps its 2025 growth')."""
    return val(short) / val(short, LATEST - 1) - 1


def pv_share(short: str, year: int = LATEST) -> float:
    return val(short, year, "exports")


def golds() -> dict[str, list[float]]:
    G: dict[str, list[float]] = {}
    # values
    G["d-val-mengcheng-2025"] = [val("蒙城汽车零部件")]
    G["d-val-funan-liubian"] = [val("阜南柳木")]
    G["d-val-guangde-trad"] = [val("广德电子电路")]
    G["d-val-ningguo-elec-en"] = [val("宁国电子元器件")]
    G["d-val-yingshang-typo"] = [val("颍上清洁能源新材料", 2024)]
    G["d-val-qimen-voice"] = [val("祁门红茶", 2023)]
    # series
    G["d-series-changfeng"] = [val("长丰汽车零部件", y) for y in range(2021, 2026)]
    G["d-series-tianchang-cable"] = [val("天长电线电缆", y) for y in range(2023, 2026)]
    G["d-series-wuwei-en"] = [val("无为电线电缆", y) for y in range(2019, 2026)]
    # change of a year
    s = "舒城电子信息"
    G["d-change-shucheng-mp"] = [round(val(s) - val(s, 2024), 1), growth(s)]
    G["d-change-taihe-sieve"] = [growth("太和筛网")]
    G["d-change-dongzhi-voice"] = [round(val("东至精细化工", 2023) - val("东至精细化工", 2022), 1)]
    G["d-change-mengcheng-typo"] = [growth("蒙城汽车零部件")]
    # window averages
    G["d-cagr-fengyang-3y"] = [cagr("凤阳硅基新材料", 2022)]
    G["d-cagr-wuwei-2020"] = [cagr("无为电线电缆", 2020)]
    G["d-cagr-changfeng-en"] = [cagr("长丰汽车零部件", 2019)]
    G["d-cagr-jieshou-trad"] = [cagr("界首资源循环利用", 2021)]
    G["d-cagr-wangjiang-neg"] = [cagr("望江纺织服装", 2022)]
    # gaps
    G["d-gap-feixi-agri"] = [gap("肥西农业装备", 100)]
    G["d-gap-guangde-pcb"] = [gap("广德电子电路", 500)]
    assert county_max("霍邱县") < 100 <= county_total("霍邱县")
    G["d-gap-huoqiu-county"] = [round(100 - county_max("霍邱县"), 1)]
    G["d-gap-feixi-1000-en"] = [gap("肥西智能家电", 1000)]
    G["d-gap-huaiyuan-voice"] = [gap("怀远农副食品加工", 100)]
    G["d-gap-langxi-typo"] = [gap("郎溪智能装备", 300)]
    assert val("东至精细化工") >= 100
    G["d-gap-dongzhi-reached"] = [val("东至精细化工")]
    # required rates
    G["d-req-guangde-2027"] = [req_rate("广德电子电路", 500, 2027)]
    G["d-req-feixi-2030-1000"] = [req_rate("肥西智能家电", 1000, 2030)]
    G["d-req-tianchang-2027"] = [req_rate("天长仪器仪表", 100, 2027)]
    G["d-req-yingshang-en"] = [req_rate("颍上清洁能源新材料", 500, 2030)]
    G["d-req-hexian-trad"] = [req_rate("和县化工新材料", 100, 2027)]
    # projections
    G["d-proj-shucheng-15"] = [project("舒城电子信息", 0.15, 2027)]
    G["d-proj-yixian-voice"] = [project("黟县乡村旅游", 0.10, 2028)]
    G["d-proj-guangde-en"] = [project("广德电子电路", 0.06, 2030)]
    # crossing years (future)
    G["d-cross-laian-10"] = [cross("来安汽车零部件", 300, 0.10)]
    G["d-cross-yingshang-3y"] = [cross("颍上清洁能源新材料", 500, rate_raw("颍上清洁能源新材料", 2022))]
    G["d-cross-suixi-typo"] = [cross("濉溪铝基材料", 200, rate_raw("濉溪铝基材料", 2022))]
    G["d-cross-shucheng-en"] = [cross("舒城电子信息", 500, rate_raw("舒城电子信息", 2022))]
    G["d-cross-langxi-1y"] = [cross("郎溪智能装备", 300, g1("郎溪智能装备"))]
    G["d-cross-feixi-3y-mp"] = [cagr("肥西智能家电", 2022),
                                cross("肥西智能家电", 1000, rate_raw("肥西智能家电", 2022))]
    # crossing years (past)
    G["d-hist-changfeng-500"] = [first_reach("长丰汽车零部件", 500)]
    G["d-hist-yixian-100"] = [first_reach("黟县乡村旅游", 100)]
    G["d-hist-yingshang-300"] = [first_reach("颍上清洁能源新材料", 300)]
    G["d-hist-langxi-100-colloq"] = [first_reach("郎溪智能装备", 100)]
    G["d-hist-changfeng-1000-en"] = [first_reach("长丰汽车零部件", 1000)]
    # rankings
    G["d-rank-xuancheng-list"] = [v for _, v in ranked(scope={"city": "宣城市"})]
    G["d-rank-city-totals"] = list(city_totals().iloc[:5].values)
    G["d-rank-anqing-city"] = [city_total("安庆市")]
    G["d-rank-county-feixi"] = [v for _, v in ranked(scope={"county": "肥西县"})]
    # argmax / argmin
    G["d-argmax-chuzhou-growth"] = [growth_table(2022, scope={"city": "滁州市"})[0][1]]
    G["d-argmin-luan"] = [ranked(scope={"city": "六安市"})[-1][1]]
    G["d-argmax-rd-prov"] = [ranked(metric="rd_intensity")[0][1]]
    G["d-argmax-hightech"] = [ranked(metric="high_tech_enterprises")[0][1]]
    G["d-argmax-bozhou-zjtx"] = [ranked(scope={"city": "亳州市"}, metric="specialized_enterprises")[0][1]]
    G["d-argmin-decline-2025"] = [growth_table(2024)[-1][1]]
    G["d-argmax-fuyang-export-typo"] = [ranked(scope={"city": "阜阳市"}, metric="exports")[0][1]]
    G["d-argmax-anqing-growth-voice"] = [growth_table(2024, scope={"city": "安庆市"})[0][1]]
    G["d-argmax-huangshan-en"] = [growth_table(2024, scope={"city": "黄山市"})[0][1]]
    # counts
    G["d-count-300-plus"] = [count_at(300)]
    G["d-count-chuzhou-100"] = [count_at(100, scope={"city": "滁州市"})]
    G["d-count-100-2023"] = [count_at(100, 2023)]
    G["d-count-key-ent-en"] = [int((rev_year(LATEST, "key_enterprises_100yi").value > 0).sum())]
    G["d-count-five-one-full"] = [int((rev_year(LATEST, "five_one_count").value >= 5).sum())]
    G["d-count-xuancheng-typo"] = [count_at(100, scope={"city": "宣城市"})]
    # aggregates
    G["d-agg-ningguo-county"] = [county_total("宁国市")]
    G["d-agg-chuzhou-city"] = [city_total("滁州市")]
    G["d-agg-fuyang-2024"] = [city_total("阜阳市", 2024)]
    G["d-agg-wuwei-county-growth"] = [pct(county_total("无为市") / county_total("无为市", 2024) - 1)]
    G["d-agg-luan-scale-voice"] = [city_total("六安市", LATEST, "enterprises_above_scale")]
    # province figures
    G["d-prov-total-2025"] = [prov_total()]
    G["d-prov-100-vs-target"] = [count_at(100), 35 - count_at(100)]
    G["d-prov-rd-2025"] = [rd_weighted()]
    G["d-prov-five-one"] = [five_one_coverage()]
    G["d-prov-export-share-polite"] = [export_share()]
    G["d-prov-req-1p4"] = [req_rate_v(prov_total(), 14000, 2027)]
    ht = prov_total(LATEST, "high_tech_enterprises")
    G["d-prov-hightech-gap"] = [ht, 2400 - ht]
    G["d-prov-key-ent-en"] = [prov_total(LATEST, "key_enterprises_100yi")]
    pt = prov_total(LATEST, "partner_enterprises")
    G["d-prov-partner-polite"] = [pt, 1000 - pt]
    # comparisons
    G["d-cmp-mengcheng-laian-typo"] = [round(val("蒙城汽车零部件") - val("来安汽车零部件"), 1)]
    G["d-cmp-pv-growth"] = [cagr("肥东先进光伏", 2022), cagr("凤台光伏储能", 2022)]
    G["d-cmp-xuancheng-fuyang"] = [round(city_total("宣城市") - city_total("阜阳市"), 1)]
    G["d-cmp-cable-en"] = [growth("无为电线电缆"), growth("天长电线电缆")]
    G["d-cmp-rd-trad"] = [val("广德电子电路", LATEST, "rd_intensity"),
                          val("宁国高分子材料和金属零部件", LATEST, "rd_intensity")]
    # races
    G["d-race-mengcheng-jieshou"] = [val("蒙城汽车零部件"), val("界首资源循环利用")]
    G["d-race-shucheng-yingshang"] = [race_year("舒城电子信息", rate_raw("舒城电子信息", 2022),
                                                "颍上清洁能源新材料", rate_raw("颍上清洁能源新材料", 2022))]
    G["d-race-500-guangde-ningguo"] = [cross("广德电子电路", 500, rate_raw("广德电子电路", 2022)),
                                       cross("宁国高分子材料和金属零部件", 500,
                                             rate_raw("宁国高分子材料和金属零部件", 2022))]
    G["d-race-wuwei-feixi-voice"] = [race_year("无为电线电缆", rate_raw("无为电线电缆", 2022),
                                               "肥西智能家电", rate_raw("肥西智能家电", 2022))]
    # other indicators
    G["d-m-fengyang-hightech"] = [val("凤阳硅基新材料", LATEST, "high_tech_enterprises")]
    G["d-m-feixi-key"] = [val("肥西智能家电", LATEST, "key_enterprises_100yi")]
    G["d-m-fengyang-export-trad"] = [val("凤阳硅基新材料", LATEST, "exports")]
    G["d-m-ningguo-rd"] = [val("宁国电子元器件", LATEST, "rd_intensity")]
    G["d-m-jieshou-fiveone"] = [val("界首资源循环利用", LATEST, "five_one_count")]
    G["d-m-changfeng-leading-en"] = [val("长丰汽车零部件", LATEST, "leading_enterprises")]
    G["d-m-guangde-zjtx-change"] = [val("广德电子电路", LATEST, "specialized_enterprises")
                                    - val("广德电子电路", 2019, "specialized_enterprises")]
    G["d-m-xiaoxian-scale-typo"] = [val("萧县新型建材", LATEST, "enterprises_above_scale")]
    # partial
    G["d-partial-ningguo-profit"] = [val("宁国高分子材料和金属零部件")]
    G["d-partial-fengyang-employees-en"] = [val("凤阳硅基新材料")]
    # conversations
    tc = ranked(scope={"county": "桐城市"})
    G["d-conv-tongcheng#1"] = [len(tc)]
    G["d-conv-tongcheng#2"] = [tc[0][1]]
    G["d-conv-tongcheng#3"] = [county_total("桐城市")]
    G["d-conv-tongcheng#4"] = [cagr(tc[-1][0], 2022)]
    top = ranked()
    G["d-conv-top3-ordinal#1"] = [v for _, v in top[:3]]
    G["d-conv-top3-ordinal#2"] = [cagr(top[1][0], 2022)]
    G["d-conv-top3-ordinal#3"] = [first_reach(top[2][0], 300)]
    G["d-conv-anqing-chizhou#1"] = [city_total("安庆市")]
    G["d-conv-anqing-chizhou#2"] = [city_total("池州市")]
    G["d-conv-anqing-chizhou#3"] = [round(city_total("安庆市") - city_total("池州市"), 1)]
    cz = ranked(scope={"city": "滁州市"})[0][0]
    G["d-conv-chuzhou-en#1"] = [val(cz)]
    G["d-conv-chuzhou-en#2"] = [gap(cz, 500)]
    G["d-conv-chuzhou-en#3"] = [cross(cz, 500, g1(cz))]
    G["d-conv-changfeng-profit#1"] = [val("长丰汽车零部件")]
    G["d-conv-changfeng-profit#3"] = [val("长丰汽车零部件", LATEST, "enterprises_above_scale")]
    m = "蒙城汽车零部件"
    G["d-conv-mengcheng-voice#1"] = [val(m, LATEST, "enterprises_above_scale")]
    G["d-conv-mengcheng-voice#2"] = [val(m, LATEST, "high_tech_enterprises")]
    G["d-conv-mengcheng-voice#3"] = [val(m, LATEST, "high_tech_enterprises") - val(m, 2022, "high_tech_enterprises")]
    G["d-conv-province-tiers#1"] = [count_at(100)]
    G["d-conv-province-tiers#2"] = [count_at(1000)]
    G["d-conv-province-tiers#3"] = [count_at(100) - count_at(100, 2023)]
    G["d-conv-pv-compare#1"] = [val("肥东先进光伏")]
    G["d-conv-pv-compare#2"] = [round(val("肥东先进光伏") - val("凤台光伏储能"), 1)]
    G["d-conv-pv-compare#3"] = [growth("肥东先进光伏"), growth("凤台光伏储能")]
    sc = ranked(scope={"county": "舒城县"})
    G["d-conv-shucheng-typo#1"] = [len(sc)]
    G["d-conv-shucheng-typo#2"] = [gap(sc[0][0], 500)]
    G["d-conv-shucheng-typo#3"] = [cross(sc[0][0], 500, 0.12)]
    xc = ranked(scope={"city": "宣城市"})[0][0]
    G["d-conv-guangde-trad#1"] = [val(xc)]
    G["d-conv-guangde-trad#3"] = [val(xc, LATEST, "exports")]
    return {k: [float(x) for x in v] for k, v in G.items()}


def facts() -> dict[str, object]:
    """Non-numeric golds checked through require terms (ranks, names, lists)."""
    F: dict[str, object] = {}
    F["d-rank-mengcheng-prov: rank"] = rank_in("蒙城汽车零部件")
    F["d-rank-yingshang-city: rank in 阜阳"] = rank_in("颍上清洁能源新材料", scope={"city": "阜阳市"})
    F["d-rank-top5-en: top5"] = [n for n, _ in ranked()[:5]]
    F["d-rank-xuancheng-list: order"] = [n for n, _ in ranked(scope={"city": "宣城市"})]
    F["d-rank-city-totals: top5 cities"] = list(city_totals().index[:5])
    F["d-rank-anqing-city: rank"] = list(city_totals().index).index("安庆市") + 1
    F["d-rank-county-feixi: order"] = [n for n, _ in ranked(scope={"county": "肥西县"})]
    F["d-argmax-chuzhou-growth"] = growth_table(2022, scope={"city": "滁州市"})[:2]
    F["d-argmin-luan"] = ranked(scope={"city": "六安市"})[-2:]
    F["d-argmax-rd-prov"] = ranked(metric="rd_intensity")[:2]
    F["d-argmax-hightech"] = ranked(metric="high_tech_enterprises")[:2]
    F["d-argmax-bozhou-zjtx"] = ranked(scope={"city": "亳州市"}, metric="specialized_enterprises")[:2]
    F["d-argmin-decline-2025"] = growth_table(2024)[-2:]
    F["d-argmax-fuyang-export-typo"] = ranked(scope={"city": "阜阳市"}, metric="exports")[:2]
    F["d-argmax-anqing-growth-voice"] = growth_table(2024, scope={"city": "安庆市"})[:2]
    F["d-argmax-huangshan-en"] = growth_table(2024, scope={"city": "黄山市"})[:2]
    F["d-count-300-plus: list"] = [n for n, v in ranked() if v >= 300]
    F["d-count-xuancheng-typo: list"] = [n for n, v in ranked(scope={"city": "宣城市"}) if v >= 100]
    F["d-count-key-ent-en: list"] = sorted(FULL2SHORT[c] for c in
                                           rev_year(LATEST, "key_enterprises_100yi").query("value > 0").cluster)
    F["d-count-five-one-full: list"] = [FULL2SHORT[c] for c in rev_year(LATEST, "five_one_count").query("value >= 5").cluster]
    r = rev_year(LATEST).groupby("county").value.agg(["sum", "max"])
    F["d-filter-sum-not-cluster: counties"] = list(r[(r["sum"] >= 100) & (r["max"] < 100)].index)
    F["d-prov-total-2025: >= 10000?"] = prov_total() >= 10000
    F["d-prov-rd-2025: >= 2?"] = rd_weighted() >= 2
    F["d-prov-key-ent-en: >= 10?"] = prov_total(LATEST, "key_enterprises_100yi") >= 10
    F["d-cmp-pv-growth: faster"] = "肥东" if cagr("肥东先进光伏", 2022) > cagr("凤台光伏储能", 2022) else "凤台"
    F["d-race-mengcheng-jieshou: already ahead"] = val("蒙城汽车零部件") > val("界首资源循环利用")
    F["d-race-500-guangde-ningguo: first"] = ("广德" if cross("广德电子电路", 500, rate_raw("广德电子电路", 2022))
                                              < cross("宁国高分子材料和金属零部件", 500, rate_raw("宁国高分子材料和金属零部件", 2022))
                                              else "宁国")
    F["d-decl-yixian-rd: has rd?"] = bool(len(D[(D.cluster == cl("黟县乡村旅游")) & (D.metric == "rd_intensity")]))
    F["d-decl-guzhen: has cluster?"] = "固镇县" in set(D.county)
    F["d-decl-district: 包河区 in counties?"] = "包河区" in set(COUNTIES.county)
    F["d-decl-yaohai-district: 瑶海区 in counties?"] = "瑶海区" in set(COUNTIES.county)
    F["metrics held"] = sorted(D.metric.unique())
    F["years in data"] = (int(D.year.min()), int(D.year.max()))
    F["d-conv-tongcheng#1"] = tc = [n for n, _ in ranked(scope={"county": "桐城市"})]
    F["d-conv-top3-ordinal#1"] = [n for n, _ in ranked()[:3]]
    F["d-conv-chuzhou-en#1"] = ranked(scope={"city": "滁州市"})[0][0]
    F["d-conv-province-tiers#2"] = [n for n, v in ranked() if v >= 1000]
    F["d-conv-pv-compare#3: faster 2025"] = "肥东" if growth("肥东先进光伏") > growth("凤台光伏储能") else "凤台"
    F["d-conv-shucheng-typo#1"] = [n for n, _ in ranked(scope={"county": "舒城县"})]
    F["d-conv-guangde-trad#1"] = ranked(scope={"city": "宣城市"})[0][0]
    F["d-conv-guangde-trad#2: rank"] = rank_in("广德电子电路")
    return F


# keys whose YAML numbers are magnitudes of negative changes
MAGNITUDE = {"d-change-taihe-sieve", "d-change-dongzhi-voice", "d-cagr-wangjiang-neg", "d-argmin-decline-2025",
             "d-cmp-cable-en"}


def check(path: str = str(Path(__file__).resolve().parents[1] / "sets" / "final6_data.yaml")) -> int:
    import yaml

    data = yaml.safe_load(open(path, encoding="utf-8"))
    G = golds()
    bad = 0
    seen = set()
    for case in data["cases"]:
        steps = case.get("turns") or [case]
        for i, step in enumerate(steps, 1):
            key = case["id"] if not case.get("turns") else f"{case['id']}#{i}"
            nums = [n["value"] for n in step.get("numbers", [])]
            if not nums:
                continue
            seen.add(key)
            want = G.get(key)
            if want is None:
                print("NO ORACLE for", key); bad += 1; continue
            if case["id"] in MAGNITUDE:
                want = [abs(w) for w in want]
            if len(want) != len(nums) or any(abs(a - b) > 1e-6 for a, b in zip(nums, want)):
                print("MISMATCH", key, "yaml", nums, "oracle", want); bad += 1
    for key in G:
        if key not in seen:
            print("oracle value not used in YAML:", key); bad += 1
    print(f"checked {len(seen)} turns with numbers; {bad} problem(s)")
    return bad


if __name__ == "__main__":
    for k, v in golds().items():
        print(f"{k}: {v}")
    print("--- facts")
    for k, v in facts().items():
        print(f"{k}: {v}")
    if "--check" in sys.argv:
        sys.exit(1 if check() else 0)
