"""Oracle for the data-backed (progress) golds of fresh5_policy.

Independent of the assistant: reads only data/demo/indicators_demo.csv and prints the
2025 province figures that the policy's 2025 targets are compared with.
Run: python3 evals/oracles/fresh5_policy.py
"""
import pandas as pd

CSV = str(__import__("pathlib").Path(__file__).resolve().parents[2] / "data" / "demo" / "indicators_demo.csv")
d = pd.read_csv(CSV)


def year(metric, y):
    return d[(d.metric == metric) & (d.year == y)]


out = {}
for y in (2023, 2025):
    rev = year("revenue", y)
    out[f"revenue_total_{y}_yi"] = round(rev.value.sum(), 1)
    out[f"revenue_total_{y}_wanyi"] = round(rev.value.sum() / 10000, 3)
    out[f"clusters_ge_100_{y}"] = int((rev.value >= 100).sum())
    out[f"clusters_ge_500_{y}"] = int((rev.value >= 500).sum())
    out[f"clusters_ge_1000_{y}"] = int((rev.value >= 1000).sum())
    out[f"high_tech_{y}"] = int(year("high_tech_enterprises", y).value.sum())
    out[f"specialized_{y}"] = int(year("specialized_enterprises", y).value.sum())
    f1 = year("five_one_count", y)
    out[f"five_one_coverage_{y}_pct"] = round(f1.value.sum() / (len(f1) * 5) * 100, 1)
    out[f"key_100yi_{y}"] = int(year("key_enterprises_100yi", y).value.sum())

# progress against the 2025 targets of the policy (section 二 / table)
out["revenue_gap_to_1wanyi_2025_yi"] = round(10000 - out["revenue_total_2025_yi"], 1)
out["revenue_pct_of_1wanyi_2025"] = round(out["revenue_total_2025_yi"] / 10000 * 100, 1)
out["clusters_100_gap_to_35"] = 35 - out["clusters_ge_100_2025"]
out["high_tech_gap_to_2400"] = 2400 - out["high_tech_2025"]
out["five_one_gap_to_60_pct"] = round(60 - out["five_one_coverage_2025_pct"], 1)
out["revenue_gap_to_1_4wanyi_2027_yi"] = round(14000 - out["revenue_total_2025_yi"], 1)

for k, v in out.items():
    print(f"{k}: {v}")
