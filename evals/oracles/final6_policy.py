#!/usr/bin/env python3
"""Oracle for the sealed set final_policy.yaml.

Part A: every number taken from the indicator CSV (demo data, 示例数据) that a case of the set
checks (op:progress / op:required_rate cases that hold a policy target against the demo data).
Part B: the lead/support map transcribed by hand from the policy text (clause -> units), and the
set operations (tasks of a unit, tasks shared by two units) that the unit questions use.

Conventions (from the writer brief): latest year 2025, revenue in 亿元, tiers 100/300/500/1000亿,
reached = value >= threshold, gap = threshold - value, required rate = (thr/v2025)^(1/(Y-2025)) - 1,
county judged by its largest cluster, province figures = sums / counts over all 72 clusters.
Run:  python3 oracle_final_policy.py
"""
import pandas as pd

DATA = str(__import__("pathlib").Path(__file__).resolve().parents[2] / "data")
d = pd.read_csv(f"{DATA}/demo/indicators_demo.csv")
clusters = pd.read_csv(f"{DATA}/reference/clusters.csv")
ptot = pd.read_csv(f"{DATA}/reference/province_totals.csv")


def m(metric, year):
    return d[(d.metric == metric) & (d.year == year)]


out = {}
rev25 = m("revenue", 2025)
out["revenue_total_2025_yi"] = round(rev25.value.sum(), 1)
out["revenue_gap_to_1wanyi_2025_yi"] = round(10000 - rev25.value.sum(), 1)
out["revenue_gap_to_1.4wanyi_yi"] = round(14000 - rev25.value.sum(), 1)
out["required_rate_total_to_1.4wanyi_by_2027_pct"] = round(((14000 / rev25.value.sum()) ** (1 / 2) - 1) * 100, 1)
out["required_rate_total_to_2wanyi_by_2030_pct"] = round(((20000 / rev25.value.sum()) ** (1 / 5) - 1) * 100, 1)
for thr in (100, 300, 500, 1000):
    out[f"clusters_ge_{thr}_2025"] = int((rev25.value >= thr).sum())
out["clusters_ge_100_2023"] = int((m("revenue", 2023).value >= 100).sum())
out["revenue_total_2023_yi"] = round(m("revenue", 2023).value.sum(), 1)
out["gap_count_100_to_35"] = 35 - out["clusters_ge_100_2025"]
out["gap_count_100_to_45"] = 45 - out["clusters_ge_100_2025"]
out["clusters_ge_1000_2025_names"] = list(rev25[rev25.value >= 1000].cluster)
out["clusters_300_to_500_2025"] = int(((rev25.value >= 300) & (rev25.value < 500)).sum())
# counties (in the data) whose largest 2025 cluster is below 100亿 (2030 target: every county >= one 百亿 cluster)
largest = rev25.groupby("county").value.max()
out["counties_in_data"] = int(largest.size)
out["counties_without_100yi_cluster_2025"] = int((largest < 100).sum())
out["counties_with_100yi_cluster_2025"] = int((largest >= 100).sum())
# five-one coverage = sum of items in place / (clusters x 5)
f25 = m("five_one_count", 2025)
out["five_one_coverage_2025_pct"] = round(f25.value.sum() / (len(f25) * 5) * 100, 1)
f23 = m("five_one_count", 2023)
out["five_one_coverage_2023_pct"] = round(f23.value.sum() / (len(f23) * 5) * 100, 1)
# manufacturing-cluster indicators
out["high_tech_enterprises_2025"] = int(m("high_tech_enterprises", 2025).value.sum())
out["high_tech_gap_to_2400"] = 2400 - out["high_tech_enterprises_2025"]
out["specialized_enterprises_2025"] = int(m("specialized_enterprises", 2025).value.sum())
rd = m("rd_intensity", 2025).merge(rev25[["cluster", "value"]].rename(columns={"value": "rev"}), on="cluster")
out["rd_intensity_2025_weighted_pct"] = round((rd.value * rd.rev).sum() / rd.rev.sum(), 2)
# exports share of province total
ex25 = m("exports", 2025).value.sum()
pt25 = ptot[(ptot.code == "province_trade_total") & (ptot.year == 2025)].value.iloc[0]
out["exports_share_2025_pct"] = round(ex25 / pt25 * 100, 1)
out["key_enterprises_100yi_2025"] = int(m("key_enterprises_100yi", 2025).value.sum())
out["leading_enterprises_2025"] = int(m("leading_enterprises", 2025).value.sum())
out["partner_enterprises_2025"] = int(m("partner_enterprises", 2025).value.sum())

# ---------------- Part B: lead / support map transcribed from the policy text ----------------
FGW, KJT, GXT, NYT, WLT = "省发展改革委", "省科技厅", "省工业和信息化厅", "省农业农村厅", "省文化和旅游厅"
SJG, CZT, JYT, RST, STT = "省市场监管局", "省财政厅", "省教育厅", "省人力资源社会保障厅", "省生态环境厅"
NYJ, SWT, SJZ, WB, MZT = "省能源局", "省商务厅", "省数据资源局", "省外办", "省民政厅"
XXB, ZRT, JRJ, LYJ, SXZF = "省新兴产业推进组办公室", "省自然资源厅", "省地方金融管理局", "省林业局", "各市、县人民政府"
TASKS = {
    "3.1.1": ([SXZF], [FGW, KJT, GXT, NYT, WLT]),
    "3.1.2": ([SXZF], [FGW, GXT, NYT, WLT, SJG]),
    "3.1.3": ([KJT], [FGW, GXT, CZT, JYT, RST, SJG]),
    "3.2.1": ([GXT], [FGW, NYT, SXZF]),
    "3.2.2": ([FGW], [KJT, GXT, WLT, SWT, NYT, SJZ, SXZF]),
    "3.3.1": ([FGW], [STT, GXT, NYJ, SXZF]),
    "3.3.2": ([FGW], [GXT, STT, NYJ, SXZF]),
    "3.4.1": ([FGW], [SWT, SXZF]),
    "3.4.2": ([SWT], [FGW, GXT, WB, SXZF]),
    "4.1": ([SXZF], [FGW, KJT, GXT, NYT, WLT, MZT]),
    "4.2": ([XXB], [CZT, RST, SWT, ZRT, JRJ, LYJ, SXZF]),
    "4.3": ([SXZF], [XXB, CZT]),
    "4.4": ([FGW, GXT, NYT, WLT], []),
}
units = sorted({u for lead, sup in TASKS.values() for u in lead + sup})


def leads(u):
    return [k for k, (l, s) in TASKS.items() if u in l]


def supports(u):
    return [k for k, (l, s) in TASKS.items() if u in s]


def involved(u):
    return sorted(set(leads(u)) | set(supports(u)), key=lambda x: [int(p) for p in x.split(".")])


if __name__ == "__main__":
    for k, v in out.items():
        print(f"{k}: {v}")
    print()
    for u in units:
        print(f"{u}: lead {leads(u)} support {supports(u)}")
    print()
    pairs = [(KJT, WLT), (FGW, SWT), (STT, NYJ), (CZT, RST), (NYT, WLT), (GXT, SJZ), (KJT, SJG), (CZT, XXB),
             (SWT, SXZF), (GXT, NYT)]
    for a, b in pairs:
        print(f"shared {a} & {b}: {sorted(set(involved(a)) & set(involved(b)))}")
    print("tasks led by two or more units:", [k for k, (l, s) in TASKS.items() if len(l) > 1])
    print("tasks without support units:", [k for k, (l, s) in TASKS.items() if not s])
    print("task counts per unit (involved):", {u: len(involved(u)) for u in units})
