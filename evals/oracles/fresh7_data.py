"""Oracle for the fresh7_data question set.

Derives every expected number of evals/sets/fresh7_data.yaml from the demo indicator CSV and the
reference tables in data/, following the brief's conventions:
  growth of a year = v / v_prev - 1; window average = compound (end/start)^(1/years) - 1;
  gap = threshold - 2025 revenue; required rate = (threshold / v2025)^(1/(Y-2025)) - 1;
  crossing year = first Y > 2025 with v2025 * (1+r)^(Y-2025) >= threshold;
  county total = sum of its clusters; city total = sum over its county-level units;
  a county reaches a tier by its LARGEST cluster; reached means >= threshold.
Run: python3 evals/oracles/fresh7_data.py   (prints key = value lines; R holds them)
"""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

SRC = Path(__file__).resolve().parents[2] / "data"
d = pd.read_csv(SRC / "demo/indicators_demo.csv")
clusters = pd.read_csv(SRC / "reference/clusters.csv")
counties = pd.read_csv(SRC / "reference/counties.csv")
ptot = pd.read_csv(SRC / "reference/province_totals.csv")

d = d.merge(clusters[["cluster", "short_name", "sector", "manufacturing"]], on="cluster", how="left")
d = d.merge(counties[["county", "city"]], on="county", how="left")
assert d.short_name.notna().all() and d.city.notna().all()

R: dict[str, object] = {}


def put(key, value):
    R[key] = value


def v(short, year, metric="revenue"):
    s = d[(d.short_name == short) & (d.year == year) & (d.metric == metric)].value
    assert len(s) == 1, (short, year, metric)
    return float(s.iloc[0])


def pct(x):
    return round(x * 100, 1)


def yoy(short, year, metric="revenue"):
    return pct(v(short, year, metric) / v(short, year - 1, metric) - 1)


def cagr(a, b, years):
    return pct((b / a) ** (1 / years) - 1)


def cagr_c(short, y0, y1, metric="revenue"):
    return cagr(v(short, y0, metric), v(short, y1, metric), y1 - y0)


def req(value, threshold, year):
    return pct((threshold / value) ** (1 / (year - 2025)) - 1)


def cross(value, threshold, rate):
    y = 2025
    while True:
        y += 1
        if value * (1 + rate) ** (y - 2025) >= threshold - 1e-9:
            return y


def wide(metric, year=None):
    x = d[d.metric == metric]
    if year is not None:
        x = x[x.year == year]
        return x.set_index("short_name").value
    return x.pivot(index="short_name", columns="year", values="value")


REV = wide("revenue")
info = clusters.set_index("short_name")
cl_city = d.drop_duplicates("short_name").set_index("short_name").city
cl_county = d.drop_duplicates("short_name").set_index("short_name").county


def prov(metric, year):
    return round(float(d[(d.metric == metric) & (d.year == year)].value.sum()), 1)


def city_total(city, year, metric="revenue"):
    return round(float(d[(d.city == city) & (d.year == year) & (d.metric == metric)].value.sum()), 1)


def county_total(county, year, metric="revenue"):
    return round(float(d[(d.county == county) & (d.year == year) & (d.metric == metric)].value.sum()), 1)


def ranked(series, ascending=False):
    return series.sort_values(ascending=ascending)


# ---------------------------------------------------------------- values
put("v_tianchang_yibiao_2025", v("天长仪器仪表", 2025))
put("v_qimen_exports_2025", v("祁门红茶", 2025, "exports"))
put("v_guangde_hightech_2025", v("广德电子电路", 2025, "high_tech_enterprises"))
put("v_jinzhai_rd_2023", v("金寨新能源装备", 2023, "rd_intensity"))
put("v_yixian_ent_2024", v("黟县乡村旅游", 2024, "enterprises_above_scale"))
put("v_ningguo_dz_2022", v("宁国电子元器件", 2022))
put("v_changfeng_key_2025", v("长丰汽车零部件", 2025, "key_enterprises_100yi"))
put("v_suixi_jiu_leading_2025", v("濉溪酒类食品", 2025, "leading_enterprises"))
put("v_suixi_jiu_partner_2025", v("濉溪酒类食品", 2025, "partner_enterprises"))
put("v_feidong_pv_exports_2021", v("肥东先进光伏", 2021, "exports"))
put("v_huoqiu_tie_2025", v("霍邱铁基新材料", 2025))
put("v_hanshan_51_2025", v("含山铸造", 2025, "five_one_count"))
put("v_changfeng_rev_2025", v("长丰汽车零部件", 2025))
put("v_mingguang_spec_2025", v("明光凹凸棒", 2025, "specialized_enterprises"))
put("v_mingguang_ht_2025", v("明光凹凸棒", 2025, "high_tech_enterprises"))
put("v_dangshan_rev_2025", v("砀山果蔬食品", 2025))
put("v_dangshan_exports_2025", v("砀山果蔬食品", 2025, "exports"))
put("v_qianshan_rev_2023", v("潜山刷业", 2023))
put("v_lingbi_rd_2025", v("灵璧轴承", 2025, "rd_intensity"))

# ---------------------------------------------------------------- series
put("s_taihe_shaiwang", [v("太和筛网", y) for y in range(2019, 2026)])
put("s_susong_3y", [v("宿松鞋服", y) for y in (2023, 2024, 2025)])
put("s_fengyang_spec", [v("凤阳硅基新材料", y, "specialized_enterprises") for y in range(2021, 2026)])
put("s_wuwei_yurong_exports", [v("无为羽毛羽绒", y, "exports") for y in range(2019, 2026)])

# ---------------------------------------------------------------- changes
put("yoy_dongzhi_2025", yoy("东至精细化工", 2025))
put("yoy_dongzhi_2023", yoy("东至精细化工", 2023))
put("chg_hexian_22_25", round(v("和县化工新材料", 2025) - v("和县化工新材料", 2022), 1))
put("chgp_hexian_22_25", pct(v("和县化工新材料", 2025) / v("和县化工新材料", 2022) - 1))
put("yoy_yixian_2020", yoy("黟县乡村旅游", 2020))
put("yoy_yixian_2024", yoy("黟县乡村旅游", 2024))
put("yoy_changfeng_2025", yoy("长丰汽车零部件", 2025))
put("chg_shucheng_ent_19_25", v("舒城电子信息", 2025, "enterprises_above_scale") - v("舒城电子信息", 2019, "enterprises_above_scale"))
put("v_shucheng_ent_2019", v("舒城电子信息", 2019, "enterprises_above_scale"))
put("v_shucheng_ent_2025", v("舒城电子信息", 2025, "enterprises_above_scale"))
put("yoy_changfeng_2022", yoy("长丰汽车零部件", 2022))
put("chg_wangjiang_22_25", round(v("望江纺织服装", 2025) - v("望江纺织服装", 2022), 1))
put("yoy_guangde_2020", yoy("广德电子电路", 2020))

# ---------------------------------------------------------------- CAGR
put("cagr_mengcheng_3y", cagr_c("蒙城汽车零部件", 2022, 2025))
put("cagr_yingshang_20_25", cagr_c("颍上清洁能源新材料", 2020, 2025))
put("cagr_langxi_4y", cagr_c("郎溪智能装备", 2021, 2025))
put("cagr_prov_5y", cagr(prov("revenue", 2020), prov("revenue", 2025), 5))
put("cagr_tianchang_dl_19_25", cagr_c("天长电线电缆", 2019, 2025))
put("cagr_wuwei_dl_21_25", cagr_c("无为电线电缆", 2021, 2025))
put("cagr_changfeng_exports_3y", cagr_c("长丰汽车零部件", 2022, 2025, "exports"))
put("cagr_qimen_3y", cagr_c("祁门红茶", 2022, 2025))

# ---------------------------------------------------------------- gaps
put("gap_fengyang_500", round(500 - v("凤阳硅基新材料", 2025), 1))
put("gap_feixi_nongji_100", round(100 - v("肥西农业装备", 2025), 1))
put("gap_guangde_500", round(500 - v("广德电子电路", 2025), 1))
put("gap_wuwei_500", round(500 - v("无为电线电缆", 2025), 1))
put("gap_feixi_jiadian_1000", round(1000 - v("肥西智能家电", 2025), 1))
put("over_dongzhi_100", round(v("东至精细化工", 2025) - 100, 1))
put("v_dongzhi_2025", v("东至精细化工", 2025))
put("v_huaiyuan_2025", v("怀远农副食品加工", 2025))
put("gap_huaiyuan_100", round(100 - v("怀远农副食品加工", 2025), 1))
put("huoqiu_county_total_2025", county_total("霍邱县", 2025))
put("gap_huoqiu_100", round(100 - max(v("霍邱铁基新材料", 2025), v("霍邱柳编", 2025)), 1))
put("gap_mengcheng_500", round(500 - v("蒙城汽车零部件", 2025), 1))
put("gap_shucheng_300", round(300 - v("舒城电子信息", 2025), 1))
put("gap_langxi_300", round(300 - v("郎溪智能装备", 2025), 1))

# ---------------------------------------------------------------- required growth
put("req_tianchang_100_2027", req(v("天长仪器仪表", 2025), 100, 2027))
put("req_fengyang_1000_2030", req(v("凤阳硅基新材料", 2025), 1000, 2030))
put("req_yingshang_500_2030", req(v("颍上清洁能源新材料", 2025), 500, 2030))
put("req_prov_14000_2027", req(prov("revenue", 2025), 14000, 2027))
put("req_prov_20000_2030", req(prov("revenue", 2025), 20000, 2030))
put("req_langxi_300_2030", req(v("郎溪智能装备", 2025), 300, 2030))
put("req_feixi_1000_2030", req(v("肥西智能家电", 2025), 1000, 2030))
put("req_huaiyuan_100_2027", req(v("怀远农副食品加工", 2025), 100, 2027))

# ---------------------------------------------------------------- projections
put("proj_mengcheng_10_2027", round(v("蒙城汽车零部件", 2025) * 1.10 ** 2, 1))
put("proj_prov_8_2027", round(prov("revenue", 2025) * 1.08 ** 2, 1))
put("proj_linquan_6_2030", round(v("临泉农副食品加工", 2025) * 1.06 ** 5, 1))
r_sc = (v("舒城电子信息", 2025) / v("舒城电子信息", 2022)) ** (1 / 3) - 1
put("cagr_shucheng_3y", pct(r_sc))
put("proj_shucheng_own_2027", round(v("舒城电子信息", 2025) * (1 + r_sc) ** 2, 1))
put("proj_jixi_12_2028", round(v("绩溪汽车零部件", 2025) * 1.12 ** 3, 1))

# ---------------------------------------------------------------- crossing years
put("cross_fengyang_1000_5", cross(v("凤阳硅基新材料", 2025), 1000, 0.05))
put("cross_tianchang_100_3", cross(v("天长仪器仪表", 2025), 100, 0.03))
put("proj_tianchang_3_2027", round(v("天长仪器仪表", 2025) * 1.03 ** 2, 2))
put("cross_feixi_1000_7", cross(v("肥西智能家电", 2025), 1000, 0.07))
put("cross_prov_20000_9", cross(prov("revenue", 2025), 20000, 0.09))
r_lx = (v("郎溪智能装备", 2025) / v("郎溪智能装备", 2022)) ** (1 / 3) - 1
put("cagr_langxi_3y", pct(r_lx))
put("cross_langxi_300_own", cross(v("郎溪智能装备", 2025), 300, r_lx))
put("cross_tianchang_100_5", cross(v("天长仪器仪表", 2025), 100, 0.05))
put("cross_huaiyuan_100_8", cross(v("怀远农副食品加工", 2025), 100, 0.08))
put("cross_yixian_lx_what", None)

# race: 颍上清洁能源 vs 舒城电子信息 to 500 at their own 近三年 average growth
r_ys = (v("颍上清洁能源新材料", 2025) / v("颍上清洁能源新材料", 2022)) ** (1 / 3) - 1
put("cagr_yingshang_3y", pct(r_ys))
put("cross_yingshang_500_own", cross(v("颍上清洁能源新材料", 2025), 500, r_ys))
put("cross_shucheng_500_own", cross(v("舒城电子信息", 2025), 500, r_sc))
# race 2: 来安汽车 vs 当涂高端装备 to 300 at their own 2025 growth rate
r_la = v("来安汽车零部件", 2025) / v("来安汽车零部件", 2024) - 1
r_dt = v("当涂高端装备", 2025) / v("当涂高端装备", 2024) - 1
put("yoy_laian_2025", pct(r_la))
put("yoy_dangtu_gd_2025", pct(r_dt))
put("cross_laian_300_own", cross(v("来安汽车零部件", 2025), 300, r_la))
put("cross_dangtu_300_own", cross(v("当涂高端装备", 2025), 300, r_dt))

# ---------------------------------------------------------------- rankings / superlatives
r25 = REV[2025]
put("top5_rev_2025", list(ranked(r25).head(5).items()))
put("rank_guangde_rev_2025", int(ranked(r25).index.get_loc("广德电子电路") + 1))
chuzhou = r25[[s for s in r25.index if cl_city[s] == "滁州市"]]
put("top3_chuzhou_2025", list(ranked(chuzhou).head(3).items()))
put("min_rev_2025", list(ranked(r25, True).head(2).items()))
g25 = (REV[2025] / REV[2024] - 1) * 100
put("top3_yoy_2025", [(k, round(x, 1)) for k, x in ranked(g25).head(4).items()])
fy = g25[[s for s in g25.index if cl_city[s] == "阜阳市"]]
put("fuyang_yoy_2025", [(k, round(x, 1)) for k, x in ranked(fy).items()])
rd25 = wide("rd_intensity", 2025).dropna()
xc = rd25[[s for s in rd25.index if cl_city[s] == "宣城市"]]
put("xuancheng_rd_2025", list(ranked(xc).items()))
sect = info.sector
mat = r25[[s for s in r25.index if sect[s] == "材料"]]
put("material_top_2025", list(ranked(mat).head(2).items()))
food = {s: cagr_c(s, 2022, 2025) for s in r25.index if sect[s] == "农副食品加工"}
put("food_cagr3_ranked", sorted(food.items(), key=lambda kv: -kv[1])[:3])
ex25 = wide("exports", 2025)
aq = ex25[[s for s in ex25.index if cl_city[s] == "安庆市"]]
put("anqing_exports_2025", list(ranked(aq).head(2).items()))
mech = r25[[s for s in r25.index if sect[s] == "机械"]]
put("mech_min_2025", list(ranked(mech, True).head(2).items()))
sp25 = wide("specialized_enterprises", 2025).dropna()
put("spec_top_2025", list(ranked(sp25).head(2).items()))
put("rd_top_2025", list(ranked(rd25).head(3).items()))
la = {s: cagr_c(s, 2022, 2025) for s in r25.index if cl_city[s] == "六安市"}
put("luan_cagr3_ranked", sorted(la.items(), key=lambda kv: -kv[1]))
bz = r25[[s for s in r25.index if cl_city[s] == "亳州市"]]
put("bozhou_rev_2025", list(ranked(bz, True).items()))
put("exports_top_2025", list(ranked(ex25).head(2).items()))
hs = ex25[[s for s in ex25.index if cl_city[s] == "黄山市"]]
put("huangshan_exports_2025", list(ranked(hs).items()))
ct25 = d[(d.metric == "revenue") & (d.year == 2025)].groupby("county").value.sum().round(1)
put("fuyang_county_totals_2025", list(ranked(ct25[[c for c in ct25.index if counties.set_index('county').city[c] == '阜阳市']]).items()))
put("hefei_county_totals_2025", list(ranked(ct25[[c for c in ct25.index if counties.set_index('county').city[c] == '合肥市']]).items()))
ht25 = wide("high_tech_enterprises", 2025).dropna()
put("ht_top_2025", list(ranked(ht25).head(2).items()))
ee = {s: cagr_c(s, 2021, 2025) for s in r25.index if sect[s] == "电子电气"}
put("ee_cagr4_ranked", sorted(ee.items(), key=lambda kv: -kv[1])[:3])

# ---------------------------------------------------------------- counts / filters
for th in (100, 300, 500, 1000):
    put(f"n_ge{th}_2025", int((r25 >= th).sum()))
put("n_ge100_2023", int((REV[2023] >= 100).sum()))
put("n_ge300_2023", int((REV[2023] >= 300).sum()))
put("n_300_500_2025", int(((r25 >= 300) & (r25 < 500)).sum()))
put("n_ge100_2024", int((REV[2024] >= 100).sum()))
put("new100_2025", sorted(set(r25[r25 >= 100].index) - set(REV[2024][REV[2024] >= 100].index)))
dec = g25[g25 < 0]
put("declined_2025", sorted([(k, round(x, 1)) for k, x in dec.items()], key=lambda kv: kv[1]))
put("n_declined_2025", len(dec))
put("chuzhou_n_ge100_2025", int((chuzhou >= 100).sum()))
put("chuzhou_ge100_2025", sorted(chuzhou[chuzhou >= 100].index))
largest = d[(d.metric == "revenue") & (d.year == 2025)].groupby("county").value.max()
put("n_counties_with_clusters", int(largest.size))
put("n_counties_with_100_2025", int((largest >= 100).sum()))
put("n_counties_without_100_2025", int((largest < 100).sum()))
put("n_counties_in_reference", int(len(counties)))
put("counties_without_clusters", sorted(set(counties.county) - set(d.county)))
f51 = wide("five_one_count", 2025)
put("n_five_one_5_2025", int((f51 == 5).sum()))
put("five_one_5_2025", sorted(f51[f51 == 5].index))
put("n_five_one_0_2025", int((f51 == 0).sum()))
put("n_nonmanufacturing", int((info.manufacturing == 0).sum()))
ee25 = r25[[s for s in r25.index if sect[s] == "电子电气"]]
put("n_ee", int(ee25.size))
put("ee_total_2025", round(float(ee25.sum()), 1))
put("n_clusters", int(r25.size))
put("n_clusters_chizhou", int(sum(cl_city[s] == "池州市" for s in r25.index)))
put("tongling_clusters", [s for s in r25.index if cl_city[s] == "铜陵市"])
put("v_zongyang_2025", v("枞阳新型建材", 2025))
put("n_fuyang_clusters", int(sum(cl_city[s] == "阜阳市" for s in r25.index)))
put("n_ge100_2025_hefei", int(sum((r25[s] >= 100) and cl_city[s] == "合肥市" for s in r25.index)))
put("n_rd_ge3_2025", int((rd25 >= 3).sum()))

# ---------------------------------------------------------------- aggregates / shares
for y in (2020, 2022, 2023, 2024, 2025):
    put(f"prov_rev_{y}", prov("revenue", y))
put("gap_prov_10000_2025", round(10000 - prov("revenue", 2025), 1))
put("gap_prov_14000", round(14000 - prov("revenue", 2025), 1))
put("gap_prov_20000", round(20000 - prov("revenue", 2025), 1))
put("prov_rev_growth_23_25", pct(prov("revenue", 2025) / prov("revenue", 2023) - 1))
put("prov_rev_yoy_2025", pct(prov("revenue", 2025) / prov("revenue", 2024) - 1))
put("fuyang_total_2025", city_total("阜阳市", 2025))
put("xuancheng_total_2025", city_total("宣城市", 2025))
put("xuancheng_share_2025", pct(city_total("宣城市", 2025) / prov("revenue", 2025)))
put("changfeng_share_2025", pct(v("长丰汽车零部件", 2025) / prov("revenue", 2025)))
pt = ptot.set_index("year").value
put("prov_exports_2025", prov("exports", 2025))
put("exports_share_2025", pct(prov("exports", 2025) / pt[2025]))
put("exports_share_2023", pct(prov("exports", 2023) / pt[2023]))
put("exports_share_2024", pct(prov("exports", 2024) / pt[2024]))
put("hefei_total_2023", city_total("合肥市", 2023))
put("hefei_total_2025", city_total("合肥市", 2025))
put("hefei_growth_23_25", pct(city_total("合肥市", 2025) / city_total("合肥市", 2023) - 1))
put("feixi_county_2025", county_total("肥西县", 2025))
put("feidong_county_2025", county_total("肥东县", 2025))
put("feixi_minus_feidong", round(county_total("肥西县", 2025) - county_total("肥东县", 2025), 1))
put("anqing_ht_2025", city_total("安庆市", 2025, "high_tech_enterprises"))
put("prov_ent_2025", prov("enterprises_above_scale", 2025))
put("prov_ent_2019", prov("enterprises_above_scale", 2019))
mech_tot = float(mech.sum())
put("mech_total_2025", round(mech_tot, 1))
put("mech_share_2025", pct(mech_tot / prov("revenue", 2025)))
put("huangshan_exports_total_2025", city_total("黄山市", 2025, "exports"))
for c in ("芜湖市", "马鞍山市", "铜陵市", "宿州市", "淮北市", "池州市", "亳州市"):
    put(f"city_total_2025_{c}", city_total(c, 2025))
put("suzhou_minus_huaibei", round(city_total("宿州市", 2025) - city_total("淮北市", 2025), 1))
put("guangde_county_2025", county_total("广德市", 2025))
put("ningguo_county_2025", county_total("宁国市", 2025))
put("tianchang_county_2025", county_total("天长市", 2025))
put("chuzhou_total_2025", city_total("滁州市", 2025))
put("chuzhou_share_2025", pct(city_total("滁州市", 2025) / prov("revenue", 2025)))
put("fuyang_share_2025", pct(city_total("阜阳市", 2025) / prov("revenue", 2025)))
put("changfeng_exports_share_prov_2025", pct(v("长丰汽车零部件", 2025, "exports") / pt[2025]))
put("changfeng_exports_share_clusters_2025", pct(v("长丰汽车零部件", 2025, "exports") / prov("exports", 2025)))
put("fuyang_exports_2025", city_total("阜阳市", 2025, "exports"))
put("fuyang_exports_share_prov_2025", pct(city_total("阜阳市", 2025, "exports") / pt[2025]))
put("taihe_county_2025", county_total("太和县", 2025))
put("n_taihe_clusters", int(sum(cl_county[s] == "太和县" for s in r25.index)))
put("bozhou_total_2025", city_total("亳州市", 2025))
put("n_bozhou_clusters", int(sum(cl_city[s] == "亳州市" for s in r25.index)))
put("huoqiu_liubian_2025", v("霍邱柳编", 2025))
put("ningguo_gfz_2025", v("宁国高分子材料和金属零部件", 2025))
put("gap_ningguo_gfz_500", round(500 - v("宁国高分子材料和金属零部件", 2025), 1))
put("ningguo_dz_2025", v("宁国电子元器件", 2025))
put("yoy_ningguo_dz_2025", yoy("宁国电子元器件", 2025))
put("fengyang_2025", v("凤阳硅基新材料", 2025))
put("quanjiao_gd_2025", v("全椒高端装备", 2025))
put("cagr_quanjiao_gd_3y", cagr_c("全椒高端装备", 2022, 2025))
put("cagr_jieshou_3y", cagr_c("界首资源循环利用", 2022, 2025))
put("mengcheng_2025", v("蒙城汽车零部件", 2025))
put("laian_2025", v("来安汽车零部件", 2025))
put("mengcheng_minus_laian", round(v("蒙城汽车零部件", 2025) - v("来安汽车零部件", 2025), 1))
put("suixi_lv_rd_2025", v("濉溪铝基材料", 2025, "rd_intensity"))
put("huoqiu_tie_rd_2025", v("霍邱铁基新材料", 2025, "rd_intensity"))
put("fengtai_2025", v("凤台光伏储能", 2025))
put("shouxian_2025", v("寿县农副食品加工", 2025))
put("huainan_total_2025", city_total("淮南市", 2025))
put("huainan_minus_tongling", round(city_total("淮南市", 2025) - city_total("铜陵市", 2025), 1))
put("dangshan_cagr_19_25", cagr_c("砀山果蔬食品", 2019, 2025))
put("sixian_yoy_2025", yoy("泗县农副食品加工", 2025))

# ---------------------------------------------------------------- policy targets vs data (2025 table column)
put("prov_ht_2025", prov("high_tech_enterprises", 2025))
put("gap_ht_2400", 2400 - prov("high_tech_enterprises", 2025))
put("prov_spec_2025", prov("specialized_enterprises", 2025))
put("gap_spec_1200", 1200 - prov("specialized_enterprises", 2025))
put("prov_spec_2023", prov("specialized_enterprises", 2023))
m = d[d.metric.isin(["rd_intensity", "revenue"])].pivot_table(index=["short_name", "year"], columns="metric", values="value").dropna().reset_index()
rdw = (m.rd_intensity * m.revenue).groupby(m.year).sum() / m.revenue.groupby(m.year).sum()
put("prov_rd_2025", round(float(rdw[2025]), 2))
put("prov_rd_2023", round(float(rdw[2023]), 2))
put("gap_rd_2", round(2 - float(rdw[2025]), 2))
f = d[d.metric == "five_one_count"].groupby("year").value.sum()
put("five_one_cov_2025", pct(f[2025] / (72 * 5)))
put("five_one_cov_2023", pct(f[2023] / (72 * 5)))
put("five_one_items_2025", int(f[2025]))
put("five_one_items_needed_60", int(math.ceil(0.6 * 72 * 5 - f[2025])))
put("prov_key100_2025", prov("key_enterprises_100yi", 2025))
put("gap_key100_2027", 12 - prov("key_enterprises_100yi", 2025))
put("prov_leading_2025", prov("leading_enterprises", 2025))
put("gap_leading_200", 200 - prov("leading_enterprises", 2025))
put("prov_partner_2025", prov("partner_enterprises", 2025))
put("gap_partner_1000", 1000 - prov("partner_enterprises", 2025))
put("gap_n100_35", 35 - int((r25 >= 100).sum()))
put("gap_n100_45", 45 - int((r25 >= 100).sum()))
put("gap_n500_3", 3 - int((r25 >= 500).sum()))
put("gap_n1000_3_2030", 3 - int((r25 >= 1000).sum()))
put("near100_2025", sorted([(k, x) for k, x in r25.items() if 80 <= x < 100], key=lambda kv: -kv[1]))
put("ht_growth_23_25", pct(prov("high_tech_enterprises", 2025) / prov("high_tech_enterprises", 2023) - 1))

# ---------------------------------------------------------------- extras used by conversations / multipart
put("n_rd_gt3_2025", int((rd25 > 3).sum()))
put("gap_five_one_60_pts", round(60 - pct(f[2025] / (72 * 5)), 1))
put("luan_total_2025", city_total("六安市", 2025))
put("huoqiu_share_luan_2025", pct(county_total("霍邱县", 2025) / city_total("六安市", 2025)))
put("n_jieshou_clusters", int(sum(cl_county[s] == "界首市" for s in r25.index)))
put("jieshou_county_2025", county_total("界首市", 2025))
put("mengcheng_county_2025", county_total("蒙城县", 2025))
put("ent_diff_25_19", prov("enterprises_above_scale", 2025) - prov("enterprises_above_scale", 2019))
ng = r25[[s for s in r25.index if cl_county[s] == "宁国市"]]
put("ningguo_clusters_ranked", list(ranked(ng).items()))
put("mengcheng_ent_2025", v("蒙城汽车零部件", 2025, "enterprises_above_scale"))
put("huangshan_clusters", sorted(s for s in r25.index if cl_city[s] == "黄山市"))
put("huoqiu_clusters", sorted(s for s in r25.index if cl_county[s] == "霍邱县"))
put("v_lujiang_xcl_2025", v("庐江新材料", 2025))
put("v_guangde_leading_2025", v("广德电子电路", 2025, "leading_enterprises"))
put("gap_feixi_1000_rank2", list(ranked(r25).head(2).items()))


if __name__ == "__main__":
    for k, val in R.items():
        print(f"{k} = {val}")
