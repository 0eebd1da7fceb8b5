"""Oracle for fresh8_data: derives every expected number from the demo CSVs (pandas).
Run: python3 evals/oracles/fresh8_data.py   (prints key = value; writes oracle_fresh8_data.json)"""
import json, math, os
import pandas as pd

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data")
d = pd.read_csv(f"{SRC}/demo/indicators_demo.csv")
cl = pd.read_csv(f"{SRC}/reference/clusters.csv")
co = pd.read_csv(f"{SRC}/reference/counties.csv")
pt = pd.read_csv(f"{SRC}/reference/province_totals.csv")
d = d.merge(cl[["cluster", "short_name", "sector", "manufacturing"]], on="cluster", how="left")
d = d.merge(co[["county", "city"]], on="county", how="left")
SN = dict(zip(cl.short_name, cl.cluster))
K = {}

def put(k, v, nd=1):
    v = float(v)
    K[k] = round(v, nd) if nd is not None else v
    print(f"{k} = {K[k]}")

def val(short, metric="revenue", year=2025):
    r = d[(d.cluster == SN[short]) & (d.metric == metric) & (d.year == year)]
    assert len(r) == 1, (short, metric, year)
    return float(r.value.iloc[0])

def cagr(a, b, n):
    return ((b / a) ** (1 / n) - 1) * 100

def need(th, v, y):
    return ((th / v) ** (1 / (y - 2025)) - 1) * 100

def cross(v, r, th):
    y = 2025
    while v * (1 + r) ** (y - 2025) < th:
        y += 1
    return y

def first_past(series, th):  # series: dict year->value ; first year value >= th
    for y in sorted(series):
        if series[y] >= th:
            return y
    return None

def ser(short, metric="revenue"):
    r = d[(d.cluster == SN[short]) & (d.metric == metric)]
    return dict(zip(r.year, r.value))

rev = d[d.metric == "revenue"]
r25 = rev[rev.year == 2025].set_index("short_name")
def wide(metric, year=2025):
    return d[(d.metric == metric) & (d.year == year)].set_index("short_name")

# ---------- values ----------
put("v_changfeng_rev25", val("长丰汽车零部件"))
put("v_guangde_hte25", val("广德电子电路", "high_tech_enterprises"), 0)
put("v_ningguo_elec_rd25", val("宁国电子元器件", "rd_intensity"), 2)
put("v_jieshou_exp24", val("界首资源循环利用", "exports", 2024))
put("v_qimen_eas25", val("祁门红茶", "enterprises_above_scale"), 0)
put("v_yixian_five25", val("黟县乡村旅游", "five_one_count"), 0)
put("v_fengyang_rev22", val("凤阳硅基新材料", "revenue", 2022))
put("v_mengcheng_rev25", val("蒙城汽车零部件"))
put("v_huoqiu_fe_spec25", val("霍邱铁基新材料", "specialized_enterprises"), 0)
put("v_changfeng_lead25", val("长丰汽车零部件", "leading_enterprises"), 0)
put("v_changfeng_partner25", val("长丰汽车零部件", "partner_enterprises"), 0)
put("v_feixi_ke25", val("肥西智能家电", "key_enterprises_100yi"), 0)
put("v_shucheng_rev25", val("舒城电子信息"))
put("v_shucheng_rev24", val("舒城电子信息", "revenue", 2024))
put("v_qianshan_rev25", val("潜山刷业"))
put("v_qianshan_eas25", val("潜山刷业", "enterprises_above_scale"), 0)
put("v_dangtu_hi_rd25", val("当涂高端装备", "rd_intensity"), 2)
put("v_dangtu_hi_rd22", val("当涂高端装备", "rd_intensity", 2022), 2)
put("v_taihu_exp25", val("太湖功能膜", "exports"))
put("v_lingbi_hte25", val("灵璧轴承", "high_tech_enterprises"), 0)
put("v_xiao_rev20", val("萧县新型建材", "revenue", 2020))
put("v_jingde_rev25", val("旌德灵芝"))
put("v_quanjiao_ne_five25", val("全椒新能源", "five_one_count"), 0)
put("v_wuwei_feather_rev25", val("无为羽毛羽绒"))
put("v_wuwei_feather_exp25", val("无为羽毛羽绒", "exports"))

# ---------- series ----------
for y, v in ser("天长电线电缆").items(): put(f"s_tc_cable_{y}", v)
for y, v in ser("黟县乡村旅游").items(): put(f"s_yixian_{y}", v)
for y, v in ser("颍上清洁能源新材料", "high_tech_enterprises").items():
    if y >= 2021: put(f"s_ys_hte_{y}", v, 0)
for y, v in ser("当涂高端装备", "rd_intensity").items(): put(f"s_dt_rd_{y}", v, 2)

# ---------- change ----------
a, b = val("东至精细化工", "revenue", 2022), val("东至精细化工")
put("c_dongzhi_abs_22_25", b - a); put("c_dongzhi_pct_22_25", (b / a - 1) * 100)
put("c_hexian_g25", (val("和县化工新材料") / val("和县化工新材料", "revenue", 2024) - 1) * 100)
put("c_changfeng_abs_21_25", val("长丰汽车零部件") - val("长丰汽车零部件", "revenue", 2021))
put("c_shucheng_g25", (val("舒城电子信息") / val("舒城电子信息", "revenue", 2024) - 1) * 100)
put("c_ningguo_elec_hte_19_25", val("宁国电子元器件", "high_tech_enterprises") - val("宁国电子元器件", "high_tech_enterprises", 2019), 0)
put("c_taihe_screen_g25", (val("太和筛网") / val("太和筛网", "revenue", 2024) - 1) * 100)
put("c_wangjiang_abs_19_25", val("望江纺织服装") - val("望江纺织服装", "revenue", 2019))

# ---------- CAGR ----------
put("g_mengcheng_3y", cagr(val("蒙城汽车零部件", "revenue", 2022), val("蒙城汽车零部件"), 3))
put("g_langxi_20_25", cagr(val("郎溪智能装备", "revenue", 2020), val("郎溪智能装备"), 5))
put("g_yixian_4y", cagr(val("黟县乡村旅游", "revenue", 2021), val("黟县乡村旅游"), 4))
put("g_wuwei_cable_19_25", cagr(val("无为电线电缆", "revenue", 2019), val("无为电线电缆"), 6))
put("g_shucheng_3y", cagr(val("舒城电子信息", "revenue", 2022), val("舒城电子信息"), 3))
put("g_lujiang_tour_3y", cagr(val("庐江文旅", "revenue", 2022), val("庐江文旅"), 3))
put("g_fengyang_3y", cagr(val("凤阳硅基新材料", "revenue", 2022), val("凤阳硅基新材料"), 3))
put("g_wuwei_cable_3y", cagr(val("无为电线电缆", "revenue", 2022), val("无为电线电缆"), 3))
put("g_guangde_3y", cagr(val("广德电子电路", "revenue", 2022), val("广德电子电路"), 3))
put("g_ningguo_poly_3y", cagr(val("宁国高分子材料和金属零部件", "revenue", 2022), val("宁国高分子材料和金属零部件"), 3))
put("g_feidong_pv_3y", cagr(val("肥东先进光伏", "revenue", 2022), val("肥东先进光伏"), 3))
put("g_fengtai_pv_3y", cagr(val("凤台光伏储能", "revenue", 2022), val("凤台光伏储能"), 3))
put("g_shucheng_food_3y", cagr(val("舒城预制食品", "revenue", 2022), val("舒城预制食品"), 3))
put("g_linquan_exp_3y", cagr(val("临泉农副食品加工", "exports", 2022), val("临泉农副食品加工", "exports"), 3))

prov = rev.groupby("year").value.sum()
for y in range(2019, 2026): put(f"p_rev_{y}", prov[y])
put("g_prov_19_25", cagr(prov[2019], prov[2025], 6))
put("g_prov_3y", cagr(prov[2022], prov[2025], 3))
put("g_prov_25", (prov[2025] / prov[2024] - 1) * 100)

# ---------- gaps ----------
put("gap_hexian_100", 100 - val("和县化工新材料"))
put("gap_ningguo_poly_500", 500 - val("宁国高分子材料和金属零部件"))
put("gap_feixi_1000", 1000 - val("肥西智能家电"))
put("gap_fengyang_500", 500 - val("凤阳硅基新材料"))
put("gap_mengcheng_500", 500 - val("蒙城汽车零部件"))
put("gap_shucheng_300", 300 - val("舒城电子信息"))
put("gap_tianchang_inst_100", 100 - val("天长仪器仪表"))
put("gap_guangde_500", 500 - val("广德电子电路"))

def county_largest(county, year=2025):
    r = rev[(rev.county == county) & (rev.year == year)].sort_values("value", ascending=False)
    return r.iloc[0].short_name, float(r.iloc[0].value), float(r.value.sum())
for cty in ["怀远县", "天长市", "霍邱县", "宁国市", "舒城县", "界首市", "肥东县", "庐江县", "歙县", "桐城市", "霍山县", "太和县"]:
    n, v, s = county_largest(cty)
    print(f"largest[{cty}] = {n} {v} ; county total {round(s,1)}")
put("gap_huaiyuan_county_100", 100 - county_largest("怀远县")[1])
put("gap_huoqiu_county_100", 100 - county_largest("霍邱县")[1])
put("tot_huoqiu_county_25", county_largest("霍邱县")[2])
put("gap_lujiang_tour_100", 100 - val("庐江文旅"))

# ---------- required rate ----------
put("need_feixi_1000_2030", need(1000, val("肥西智能家电"), 2030))
put("need_tianchang_inst_100_2027", need(100, val("天长仪器仪表"), 2027))
put("need_yingshang_500_2030", need(500, val("颍上清洁能源新材料"), 2030))
put("need_ningguo_elec_100_2027", need(100, val("宁国电子元器件"), 2027))
put("need_mengcheng_500_2027", need(500, val("蒙城汽车零部件"), 2027))
put("need_hexian_100_2027", need(100, val("和县化工新材料"), 2027))
put("need_huaiyuan_100_2030", need(100, val("怀远农副食品加工"), 2030))

# ---------- projection ----------
put("proj_mengcheng_8pct_2027", val("蒙城汽车零部件") * 1.08 ** 2)
g = cagr(val("舒城电子信息", "revenue", 2022), val("舒城电子信息"), 3) / 100
put("proj_shucheng_cagr_2027", val("舒城电子信息") * (1 + g) ** 2)
put("proj_prov_10pct_2027", prov[2025] * 1.10 ** 2)
put("proj_shucheng_food_15pct_2030", val("舒城预制食品") * 1.15 ** 5)
put("proj_qimen_6pct_2030", val("祁门红茶") * 1.06 ** 5)
put("proj_changfeng_5pct_2030", val("长丰汽车零部件") * 1.05 ** 5)
put("proj_jixi_20pct_2028", val("绩溪汽车零部件") * 1.20 ** 3)

# ---------- crossing years ----------
put("cy_feixi_10pct_1000", cross(val("肥西智能家电"), 0.10, 1000), 0)
put("cy_changfeng_past_500", first_past(ser("长丰汽车零部件"), 500), 0)
put("cy_changfeng_past_1000", first_past(ser("长丰汽车零部件"), 1000), 0)
put("cy_yingshang_past_200", first_past(ser("颍上清洁能源新材料"), 200), 0)
put("cy_yixian_past_100", first_past(ser("黟县乡村旅游"), 100), 0)
put("cy_ningguo_elec_12pct_100", cross(val("宁国电子元器件"), 0.12, 100), 0)
gl = cagr(val("庐江文旅", "revenue", 2022), val("庐江文旅"), 3) / 100
put("cy_lujiang_tour_cagr_100", cross(val("庐江文旅"), gl, 100), 0)
put("cy_fengyang_cagr_500", cross(val("凤阳硅基新材料"), cagr(val("凤阳硅基新材料", "revenue", 2022), val("凤阳硅基新材料"), 3) / 100, 500), 0)
put("cy_wuwei_cable_cagr_500", cross(val("无为电线电缆"), cagr(val("无为电线电缆", "revenue", 2022), val("无为电线电缆"), 3) / 100, 500), 0)
put("cy_guangde_cagr_500", cross(val("广德电子电路"), cagr(val("广德电子电路", "revenue", 2022), val("广德电子电路"), 3) / 100, 500), 0)
put("cy_ningguo_poly_cagr_500", cross(val("宁国高分子材料和金属零部件"), cagr(val("宁国高分子材料和金属零部件", "revenue", 2022), val("宁国高分子材料和金属零部件"), 3) / 100, 500), 0)
put("cy_prov_8pct_20000", cross(prov[2025], 0.08, 20000), 0)
put("cy_shucheng_past_200", first_past(ser("舒城电子信息"), 200), 0)
put("cy_mengcheng_15pct_500", cross(val("蒙城汽车零部件"), 0.15, 500), 0)
put("cy_guangde_past_400", first_past(ser("广德电子电路"), 400), 0)
# proj value at crossing for fengyang (just for info)
print("fengyang_2026_at_cagr", round(val("凤阳硅基新材料") * (1 + K["g_fengyang_3y"] / 100), 1))

# ---------- ranks ----------
rk = r25.value.sort_values(ascending=False)
print("rev rank 2025 top10:", list(rk.head(10).items()))
put("rank_guangde_rev25", list(rk.index).index("广德电子电路") + 1, 0)
put("rank_taihe_bio_rev25", list(rk.index).index("太和生物医药") + 1, 0)
rd = wide("rd_intensity").value.sort_values(ascending=False)
print("rd top5:", list(rd.head(5).items()), "bottom3:", list(rd.tail(3).items()))
ex = wide("exports").value.sort_values(ascending=False)
print("exports top5:", list(ex.head(5).items()))
hte = wide("high_tech_enterprises").value.sort_values(ascending=False)
print("hte top5:", list(hte.head(5).items()))
sp = wide("specialized_enterprises").value.sort_values(ascending=False)
print("spec top5:", list(sp.head(5).items()))
# growth 2025 ranking
r24 = rev[rev.year == 2024].set_index("short_name").value
g25 = (r25.value / r24 - 1).sort_values(ascending=False) * 100
print("growth2025 top5:", [(k, round(v, 1)) for k, v in g25.head(5).items()], "bottom5:", [(k, round(v, 1)) for k, v in g25.tail(5).items()])
put("g_top_2025", g25.iloc[0]); print("g_top_2025_name", g25.index[0])

# ---------- scoped superlatives ----------
def scoped(mask_df, metric="revenue", year=2025, asc=False):
    r = d[(d.metric == metric) & (d.year == year)]
    r = r[mask_df(r)].sort_values("value", ascending=asc)
    return [(s, v) for s, v in zip(r.short_name, r.value)]
print("anqing rev:", scoped(lambda r: r.city == "安庆市"))
print("chuzhou eas:", scoped(lambda r: r.city == "滁州市", "enterprises_above_scale"))
print("material rd:", scoped(lambda r: r.sector == "材料", "rd_intensity")[:3])
print("food rev:", scoped(lambda r: r.sector == "农副食品加工")[:3])
print("xuancheng rd:", scoped(lambda r: r.city == "宣城市", "rd_intensity"))
print("xuancheng hte:", scoped(lambda r: r.city == "宣城市", "high_tech_enterprises"))
print("liuan rev:", scoped(lambda r: r.city == "六安市"))
print("fuyang rev:", scoped(lambda r: r.city == "阜阳市"))
print("tourism (manufacturing==0) rev:", scoped(lambda r: r.manufacturing == 0))
print("machinery exports:", scoped(lambda r: r.sector == "机械", "exports")[:3])
print("hefei leading:", scoped(lambda r: r.city == "合肥市", "leading_enterprises"))
def cagr_scope(mask, y0=2022):
    a = rev[rev.year == y0].set_index("short_name"); b = r25
    x = ((b.value / a.value) ** (1 / (2025 - y0)) - 1) * 100
    x = x[[s for s in x.index if mask(s)]].sort_values(ascending=False)
    return [(s, round(v, 2)) for s, v in x.items()]
cty_of = dict(zip(cl.short_name, cl.county)); city_of = dict(zip(co.county, co.city))
print("xuancheng cagr3:", cagr_scope(lambda s: city_of[cty_of[s]] == "宣城市"))
print("fuyang g25:", [(k, round(v, 2)) for k, v in g25.items() if city_of[cty_of[k]] == "阜阳市"])
print("elec cagr3:", cagr_scope(lambda s: cl.set_index("short_name").sector[s] == "电子电气")[:3])
print("chizhou rev:", scoped(lambda r: r.city == "池州市"))
print("huangshan rev:", scoped(lambda r: r.city == "黄山市"))
print("tongling rev:", scoped(lambda r: r.city == "铜陵市"))
print("bozhou rev:", scoped(lambda r: r.city == "亳州市"))
for k_, s_ in [("xc_top_cagr3", cagr_scope(lambda s: city_of[cty_of[s]] == "宣城市")[0][1]),
               ("elec_top_cagr3", cagr_scope(lambda s: cl.set_index("short_name").sector[s] == "电子电气")[0][1])]:
    put(k_, s_)
fy = [(k, v) for k, v in g25.sort_values().items() if city_of[cty_of[k]] == "阜阳市"]
put("fy_lowest_g25", fy[0][1])

# ---------- counts ----------
for th in [100, 300, 500, 1000]:
    put(f"n_ge{th}_2025", (r25.value >= th).sum(), 0)
put("n_300_500_2025", ((r25.value >= 300) & (r25.value < 500)).sum(), 0)
put("n_ge100_2023", (rev[rev.year == 2023].value >= 100).sum(), 0)
put("n_ge100_2019", (rev[rev.year == 2019].value >= 100).sum(), 0)
f5 = wide("five_one_count")
put("n_five5_2025", (f5.value == 5).sum(), 0)
put("n_five0_2025", (f5.value == 0).sum(), 0)
print("five0:", list(f5[f5.value == 0].index))
put("n_decline_2025", (g25 < 0).sum(), 0)
print("declining 2025:", [(k, round(v, 1)) for k, v in g25.items() if v < 0])
lc = rev[rev.year == 2025].groupby("county").value.max()
put("n_counties_with_data", len(lc), 0)
put("n_counties_with_100", (lc >= 100).sum(), 0)
put("n_counties_without_100", (lc < 100).sum(), 0)
put("n_anqing_ge100", ((r25.value >= 100) & (r25.city == "安庆市")).sum(), 0)
put("n_rd_ge3", (wide("rd_intensity").value >= 3).sum(), 0)
print("rd>=3:", list(wide("rd_intensity").query("value>=3").index))
put("n_rd_below2", (wide("rd_intensity").value < 2).sum(), 0)
put("n_material_ge100", ((r25.value >= 100) & (r25.sector == "材料")).sum(), 0)
print("material >=100:", list(r25[(r25.value >= 100) & (r25.sector == "材料")].index))
sum_twosum = rev[rev.year == 2025].groupby("county").agg(s=("value", "sum"), m=("value", "max"), n=("value", "size"))
print("counties sum>=100 but max<100:", sum_twosum[(sum_twosum.s >= 100) & (sum_twosum.m < 100)])
f200 = r25[(r25.value >= 200) & (r25.value < 300)]
print("200<=rev<300:", list(f200.index))
# clusters that never declined 2019-2025? (skip) ; clusters with hte >= 100
print("hte>=100:", list(hte[hte >= 100].index))
put("n_hte_ge100", (hte >= 100).sum(), 0)
put("n_ke_ge1_2025", (wide("key_enterprises_100yi").value >= 1).sum(), 0)
print("ke>=1:", list(wide("key_enterprises_100yi").query("value>=1").value.items()))

# ---------- aggregates ----------
w25 = d[d.year == 2025]
manu = w25[w25.manufacturing == 1]
put("p_hte_2025", w25[w25.metric == "high_tech_enterprises"].value.sum(), 0)
put("p_hte_2023", d[(d.year == 2023) & (d.metric == "high_tech_enterprises")].value.sum(), 0)
put("p_spec_2025", w25[w25.metric == "specialized_enterprises"].value.sum(), 0)
rdw = manu.pivot(index="cluster", columns="metric", values="value")
put("p_rd_2025", (rdw.rd_intensity * rdw.revenue).sum() / rdw.revenue.sum(), 2)
m23 = d[(d.year == 2023) & (d.manufacturing == 1)].pivot(index="cluster", columns="metric", values="value")
put("p_rd_2023", (m23.rd_intensity * m23.revenue).sum() / m23.revenue.sum(), 2)
put("p_five_cov_2025", w25[w25.metric == "five_one_count"].value.sum() / (72 * 5) * 100)
put("p_five_sum_2025", w25[w25.metric == "five_one_count"].value.sum(), 0)
put("p_exp_2025", w25[w25.metric == "exports"].value.sum())
ptt = dict(zip(pt.year, pt.value))
put("p_exp_share_2025", w25[w25.metric == "exports"].value.sum() / ptt[2025] * 100)
put("p_exp_share_2023", d[(d.year == 2023) & (d.metric == "exports")].value.sum() / ptt[2023] * 100)
put("p_ke_2025", w25[w25.metric == "key_enterprises_100yi"].value.sum(), 0)
put("p_lead_2025", w25[w25.metric == "leading_enterprises"].value.sum(), 0)
put("p_partner_2025", w25[w25.metric == "partner_enterprises"].value.sum(), 0)
put("p_eas_2025", w25[w25.metric == "enterprises_above_scale"].value.sum(), 0)
put("p_rev_wan_2025", prov[2025] / 10000, 3)
put("gap_prov_10000", 10000 - prov[2025])
put("gap_prov_14000", 14000 - prov[2025])
put("need_prov_14000_2027", need(14000, prov[2025], 2027))
put("need_prov_20000_2030", need(20000, prov[2025], 2030))
cityrev = rev[rev.year == 2025].groupby("city").value.sum()
print("city totals 2025:", [(k, round(v, 1)) for k, v in cityrev.sort_values(ascending=False).items()])
for c_ in ["合肥市", "宣城市", "滁州市", "阜阳市", "亳州市", "池州市", "黄山市", "安庆市", "六安市", "铜陵市"]:
    put(f"city_rev25_{c_}", cityrev[c_])
    put(f"city_share25_{c_}", cityrev[c_] / prov[2025] * 100)
cr24 = rev[rev.year == 2024].groupby("city").value.sum()
put("city_g25_合肥市", (cityrev["合肥市"] / cr24["合肥市"] - 1) * 100)
cr22 = rev[rev.year == 2022].groupby("city").value.sum()
put("city_cagr3_宣城市", cagr(cr22["宣城市"], cityrev["宣城市"], 3))
put("tot_tianchang_25", rev[(rev.year == 2025) & (rev.county == "天长市")].value.sum())
put("tot_shucheng_25", rev[(rev.year == 2025) & (rev.county == "舒城县")].value.sum())
put("tot_jieshou_25", rev[(rev.year == 2025) & (rev.county == "界首市")].value.sum())
put("tot_dangtu_25", rev[(rev.year == 2025) & (rev.county == "当涂县")].value.sum())
put("xc_hte_2025", w25[(w25.metric == "high_tech_enterprises") & (w25.city == "宣城市")].value.sum(), 0)
put("city_hte25_安庆市", w25[(w25.metric == "high_tech_enterprises") & (w25.city == "安庆市")].value.sum(), 0)
put("sector_rev25_电子电气", r25[r25.sector == "电子电气"].value.sum())
put("sector_share25_电子电气", r25[r25.sector == "电子电气"].value.sum() / prov[2025] * 100)
put("sector_rev25_农副食品加工", r25[r25.sector == "农副食品加工"].value.sum())
put("top_exp_share_2025", ex.iloc[0] / ptt[2025] * 100, 2)
put("changfeng_share_prov_2025", val("长丰汽车零部件") / prov[2025] * 100)
put("n_clusters_anqing", (r25.city == "安庆市").sum(), 0)
put("n_clusters_fuyang", (r25.city == "阜阳市").sum(), 0)
put("n_clusters_total", len(r25), 0)

# ---------- compare ----------
put("cmp_cable_diff", val("无为电线电缆") - val("天长电线电缆"))
put("cmp_auto_cf_mc_diff", val("长丰汽车零部件") - val("蒙城汽车零部件"))
put("cmp_fy_bz_diff", cityrev["阜阳市"] - cityrev["亳州市"])
put("cmp_mc_laian_diff", val("蒙城汽车零部件") - val("来安汽车零部件"))
put("cmp_lujiang_county_25", rev[(rev.year == 2025) & (rev.county == "庐江县")].value.sum())
put("cmp_feidong_county_25", rev[(rev.year == 2025) & (rev.county == "肥东县")].value.sum())
put("cmp_ratio_cf_feixi", val("长丰汽车零部件") / val("肥西智能家电"), 2)

# ---------- targets / progress (policy 二 and its table) ----------
put("tgt_gap_100_2025", 35 - K["n_ge100_2025"], 0)
put("tgt_gap_100_2027", 45 - K["n_ge100_2025"], 0)
put("tgt_gap_500_2025", 3 - K["n_ge500_2025"], 0)
put("tgt_gap_hte", 2400 - K["p_hte_2025"], 0)
put("tgt_gap_spec", 1200 - K["p_spec_2025"], 0)
put("tgt_gap_lead", 200 - K["p_lead_2025"], 0)
put("tgt_gap_partner", 1000 - K["p_partner_2025"], 0)
put("tgt_gap_rd_pp", 2 - K["p_rd_2025"], 2)
put("tgt_gap_five_pp", 60 - K["p_five_cov_2025"])
put("tgt_five_needed_items_60", 0.6 * 72 * 5 - K["p_five_sum_2025"], 0)
put("tgt_hte_growth_23_25", (K["p_hte_2025"] / K["p_hte_2023"] - 1) * 100)

# ---------- extra for conversations ----------
put("g_jieshou_tex_3y", cagr(val("界首纺织服装", "revenue", 2022), val("界首纺织服装"), 3))
put("gap_tongcheng_ee_300", 300 - val("桐城节能环保"))
put("v_feidong_pv_rd25", val("肥东先进光伏", "rd_intensity"), 2)
put("v_feidong_pv_rev25", val("肥东先进光伏"))
put("v_ningguo_elec_hte25", val("宁国电子元器件", "high_tech_enterprises"), 0)
put("v_qimen_rev25", val("祁门红茶"))
put("g_qianshan_19_25", cagr(val("潜山刷业", "revenue", 2019), val("潜山刷业"), 6))
put("v_mingguang_rev25", val("明光凹凸棒"))
put("v_mingguang_rev19", val("明光凹凸棒", "revenue", 2019))
put("c_mingguang_abs_19_25", val("明光凹凸棒") - val("明光凹凸棒", "revenue", 2019))
put("v_shucheng_food_rev25", val("舒城预制食品"))
put("v_jixi_rev25", val("绩溪汽车零部件"))
put("v_yingshang_rev25", val("颍上清洁能源新材料"))
put("v_laian_rev25", val("来安汽车零部件"))
put("v_dongzhi_rev25", val("东至精细化工"))
put("v_taihe_bio_rev25", val("太和生物医药"))
put("v_huaiyuan_rev25", val("怀远农副食品加工"))
put("v_langxi_rev25", val("郎溪智能装备"))
put("v_langxi_rev20", val("郎溪智能装备", "revenue", 2020))
put("v_tianchang_inst_rev25", val("天长仪器仪表"))
put("v_hexian_rev25", val("和县化工新材料"))
put("v_hexian_rev24", val("和县化工新材料", "revenue", 2024))
put("v_feixi_rev25", val("肥西智能家电"))
put("v_ningguo_poly_rev25", val("宁国高分子材料和金属零部件"))
put("v_ningguo_elec_rev25", val("宁国电子元器件"))
put("v_lujiang_tour_rev25", val("庐江文旅"))
put("v_wuwei_cable_rev25", val("无为电线电缆"))
put("v_guangde_rev25", val("广德电子电路"))
put("v_changfeng_exp25", val("长丰汽车零部件", "exports"))
put("v_tongcheng_ee_rev25", val("桐城节能环保"))
put("v_anqing_second_rev25", val("潜山刷业"))

# ---------- magnitudes of declines (answers naturally say “下降 X”) ----------
put("c_dongzhi_abs_22_25_mag", abs(K["c_dongzhi_abs_22_25"]))
put("c_dongzhi_pct_22_25_mag", abs(K["c_dongzhi_pct_22_25"]))
put("c_hexian_g25_mag", abs(K["c_hexian_g25"]))
put("c_wangjiang_abs_19_25_mag", abs(K["c_wangjiang_abs_19_25"]))
put("fy_lowest_g25_mag", abs(K["fy_lowest_g25"]))
put("v_fengyang_rev25", val("凤阳硅基新材料"))

# ---------- named superlatives used in the set ----------
for i in range(3):
    put(f"rank_rd_{i+1}", rd.iloc[i], 2); print(f"rank_rd_{i+1}_name", rd.index[i])
    put(f"rank_exp_{i+1}", ex.iloc[i]); print(f"rank_exp_{i+1}_name", ex.index[i])
def top(mask, metric="revenue", asc=False):
    r = d[(d.metric == metric) & (d.year == 2025)]
    r = r[mask(r)].sort_values("value", ascending=asc)
    print("   ->", r.short_name.iloc[0], r.value.iloc[0], "| next:", r.short_name.iloc[1], r.value.iloc[1])
    return r.value.iloc[0]
put("top_material_rd", top(lambda r: r.sector == "材料", "rd_intensity"), 2)
put("top_food_rev", top(lambda r: r.sector == "农副食品加工"))
put("top_chuzhou_eas", top(lambda r: r.city == "滁州市", "enterprises_above_scale"), 0)
put("top_hefei_lead", top(lambda r: r.city == "合肥市", "leading_enterprises"), 0)
put("min_liuan_rev", top(lambda r: r.city == "六安市", asc=True))
put("top_service_rev", top(lambda r: r.manufacturing == 0))
put("top_anqing_rev", top(lambda r: r.city == "安庆市"))
put("top_xc_rd", top(lambda r: r.city == "宣城市", "rd_intensity"), 2)
put("n_clusters_jieshou", (r25.county == "界首市").sum(), 0)
put("v_jieshou_recycle_rev25", val("界首资源循环利用"))
put("v_jieshou_tex_rev25", val("界首纺织服装"))
ke = wide("key_enterprises_100yi").value
put("ke_changfeng", ke["长丰汽车零部件"], 0); put("ke_feixi", ke["肥西智能家电"], 0)
put("g25_langxi_exact", g25["郎溪智能装备"], 3); put("g25_wuwei_cable_exact", g25["无为电线电缆"], 3)
put("g25_second", g25.iloc[1]); print("g25_second_name", g25.index[1])
put("n_five_items_2025", K["p_five_sum_2025"], 0)

with open(os.environ.get("ORACLE_JSON", os.devnull), "w") as f:
    json.dump(K, f, ensure_ascii=False, indent=0)
