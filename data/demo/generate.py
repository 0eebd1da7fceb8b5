"""Generate the demo indicator set (示例数据，非官方统计): python data/demo/generate.py

Yearly figures 2019-2025 for the 72 clusters of data/reference/clusters.csv, seeded and
calibrated so that the province aggregates match what was published
(data/public/province_aggregates.csv and the indicator table of the 2024 guidance):

2023: revenue 7916.1 亿元; 23 clusters >= 100 亿 (2 >= 500, 6 in 300-500, 15 in 100-300) with
      长丰县汽车零部件 first (> 700); 3692 above-scale enterprises; 1849 high-tech enterprises;
      R&D intensity 1.79 % (revenue-weighted, manufacturing clusters); 986 specialized
      enterprises; five-one coverage 20 %; trade 4.4 % of the province total; 8 key enterprises.
2022: revenue 7275.6 亿元; 23 clusters >= 100 亿; 3533 above-scale; 1477 high-tech.

Published cluster figures are pinned in data/demo/plan.csv (revenue, not output value):
长丰 2023 > 700, 阜南柳木 2024 = 26.8, 潜山刷业 2024 > 100, 肥西农业装备 2020 = 59.2.
Every row has source `demo`. Output: data/demo/indicators_demo.csv in the import format.
"""

from __future__ import annotations

import csv
import math
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
OUT = HERE / "indicators_demo.csv"
SEED = 20240816
YEARS = list(range(2019, 2026))
VINTAGE = "2025-06"
SOURCE = "demo"

REVENUE = {2023: 7916.1, 2022: 7275.6}
ABOVE_SCALE = {2023: 3692, 2022: 3533}
HIGH_TECH = {2023: 1849, 2022: 1477}
RD_INTENSITY_2023 = 1.79
SPECIALIZED_2023 = 986
FIVE_ONE_2023 = 72  # 20 % of 72 clusters x 5 mechanisms
TRADE_SHARE_2023 = 4.4
KEY_ENTERPRISES = {2022: 6, 2023: 8, 2024: 9, 2025: 10}

BANDS = {"top": (505, 600), "high": (310, 470), "mid": (108, 285), "low": (15, 92),
         "crossing": (101, 118), "falling": (88, 99.4)}
BANDS_2022 = {"above": (100.5, 1e6), "below": (1, 99.5)}
# mean growth, spread; "declining" shrinks from 2022 on
PATTERNS = {"steady": (0.085, 0.03), "fast": (0.15, 0.04), "slow": (0.035, 0.02),
            "volatile": (0.06, 0.11), "declining": (-0.05, 0.02), "boom": (0.3, 0.05)}
SECTOR_TECH = {"电子电气": 1.5, "机械": 1.3, "材料": 1.0, "农副食品加工": 0.6, "轻工·旅游及其他": 0.7}
SECTOR_RD = {"电子电气": 2.4, "机械": 2.1, "材料": 1.7, "农副食品加工": 1.1, "轻工·旅游及其他": 1.3}


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def scale_into(values: dict[str, float], bounds: dict[str, tuple[float, float]], target: float) -> dict[str, float]:
    """Scale free values to sum to target, each kept inside its bounds."""
    out = dict(values)
    for _ in range(200):
        free = [k for k in out if bounds[k][0] < out[k] < bounds[k][1]]
        gap = target - sum(out.values())
        if abs(gap) < 1e-9 or not free:
            break
        factor = 1 + gap / sum(out[k] for k in free)
        for k in free:
            out[k] = min(max(out[k] * factor, bounds[k][0]), bounds[k][1])
    if abs(target - sum(out.values())) > 1e-6:
        raise SystemExit(f"cannot calibrate to {target}")
    return out


def round_to_total(values: dict[str, float], total: float, digits: int, adjustable: list[str]) -> dict[str, float]:
    """Round each value; put the rounding residual on the first adjustable key."""
    out = {k: round(v, digits) for k, v in values.items()}
    residual = round(total - sum(out.values()), digits)
    out[adjustable[0]] = round(out[adjustable[0]] + residual, digits)
    return out


def integer_shares(weights: dict[str, float], total: int, pinned: dict[str, int] | None = None) -> dict[str, int]:
    """Largest-remainder split of an integer total in proportion to weights; pinned keys keep their value."""
    pinned = pinned or {}
    rest = total - sum(pinned.values())
    free = {k: w for k, w in weights.items() if k not in pinned}
    raw = {k: rest * w / sum(free.values()) for k, w in free.items()}
    out = {k: math.floor(v) for k, v in raw.items()}
    for k in sorted(raw, key=lambda k: raw[k] - out[k], reverse=True)[: rest - sum(out.values())]:
        out[k] += 1
    return {**out, **pinned}


def revenue_series(clusters, plan, rng):
    growth = {}
    for c in clusters:
        mu, sd = PATTERNS[plan[c]["pattern"]]
        growth[c] = {y: rng.gauss(mu, sd) - (0.05 if y == 2020 else 0) for y in YEARS}
    pins = {c: {int(y): float(v) for y, v in (p.split(":") for p in plan[c]["pins"].split(";") if p)}
            for c in clusters}
    v23 = {}
    for c in clusters:
        lo, hi = BANDS[plan[c]["band_2023"]]
        v23[c] = pins[c].get(2023, lo + (hi - lo) * rng.random() ** 1.6)
    bounds = {c: (v23[c], v23[c]) if 2023 in pins[c] else (BANDS[plan[c]["band_2023"]][0] + 0.5,
                                                             BANDS[plan[c]["band_2023"]][1] - 0.5)
              for c in clusters}
    v23 = scale_into(v23, bounds, REVENUE[2023])
    free = sorted((c for c in clusters if 2023 not in pins[c] and plan[c]["band_2023"] == "mid"), key=v23.get)
    v23 = round_to_total(v23, REVENUE[2023], 1, free[::-1])
    v22, bounds22 = {}, {}
    for c in clusters:
        g = growth[c][2023] if plan[c]["pattern"] != "declining" else -abs(growth[c][2023])
        v22[c] = pins[c].get(2022, v23[c] / (1 + g))
        lo, hi = BANDS_2022[plan[c]["band_2022"]]
        lo, hi = max(lo, v23[c] / 1.45), min(hi, v23[c] / 0.88)
        bounds22[c] = (v22[c], v22[c]) if 2022 in pins[c] else (lo, hi)
        v22[c] = min(max(v22[c], lo), hi) if 2022 not in pins[c] else v22[c]
    v22 = scale_into(v22, bounds22, REVENUE[2022])
    free22 = sorted((c for c in clusters if 2022 not in pins[c] and plan[c]["band_2022"] == "above"),
                    key=v22.get)
    v22 = round_to_total(v22, REVENUE[2022], 1, free22[::-1])
    series = {c: {2022: v22[c], 2023: v23[c]} for c in clusters}
    for c in clusters:
        for y in (2024, 2025):
            series[c][y] = round(pins[c].get(y, series[c][y - 1] * (1 + growth[c][y])), 1)
        for y in (2021, 2020, 2019):
            g = growth[c][y + 1] if plan[c]["pattern"] != "declining" else abs(growth[c][y + 1]) / 3
            series[c][y] = round(pins[c].get(y, series[c][y + 1] / (1 + g)), 1)
    return series


def metric_rows(clusters, info, plan, revenue, totals, rng):
    """Every metric except revenue, calibrated where a published total exists."""
    mfg = [c for c in clusters if info[c]["manufacturing"] == "1"]
    out: dict[str, dict[str, dict[int, float]]] = {}
    size = {c: revenue[c][2023] ** 0.7 * rng.uniform(0.7, 1.3) for c in clusters}
    pins_above = {2022: {"临泉农副食品加工": 44, "界首资源循环利用": 92, "天长仪器仪表": 172}}
    above = {y: integer_shares({c: size[c] * (revenue[c][y] / revenue[c][2023]) ** 0.5 for c in clusters},
                               ABOVE_SCALE[y], pins_above.get(y)) for y in (2022, 2023)}
    tech_w = {c: size[c] * SECTOR_TECH[info[c]["sector"]] * rng.uniform(0.7, 1.3) for c in mfg}
    tech = {y: integer_shares({c: tech_w[c] * (1 if y == 2023 else rng.uniform(0.7, 0.9)) for c in mfg},
                              HIGH_TECH[y], {"天长仪器仪表": 62} if y == 2022 else None) for y in (2022, 2023)}
    spec = integer_shares({c: tech_w[c] * rng.uniform(0.6, 1.4) for c in mfg}, SPECIALIZED_2023)
    rd = {c: SECTOR_RD[info[c]["sector"]] * rng.uniform(0.7, 1.3) for c in mfg}
    weighted = sum(rd[c] * revenue[c][2023] for c in mfg) / sum(revenue[c][2023] for c in mfg)
    rd = {c: round(v * RD_INTENSITY_2023 / weighted, 2) for c, v in rd.items()}
    top = max(mfg, key=lambda c: revenue[c][2023])
    rest = sum(rd[c] * revenue[c][2023] for c in mfg if c != top)
    rd[top] = round((RD_INTENSITY_2023 * sum(revenue[c][2023] for c in mfg) - rest) / revenue[top][2023], 2)
    five = integer_shares({c: size[c] for c in clusters}, FIVE_ONE_2023)
    five = {c: min(v, 5) for c, v in five.items()}
    five[max(clusters, key=lambda c: size[c] if five[c] < 5 else -1)] += FIVE_ONE_2023 - sum(five.values())
    trade_total = round(totals[2023] * TRADE_SHARE_2023 / 100, 1)
    trade_w = {c: revenue[c][2023] * rng.uniform(0.01, 0.09) for c in clusters}
    trade = round_to_total({c: trade_total * w / sum(trade_w.values()) for c, w in trade_w.items()},
                           trade_total, 1, sorted(clusters, key=lambda c: -trade_w[c]))
    keys = {c: int(plan.get(c, {}).get("key_enterprises_2023") or 0) for c in clusters}
    lead = integer_shares({c: size[c] for c in clusters}, 148)
    partner = integer_shares({c: size[c] * rng.uniform(0.8, 1.2) for c in clusters}, 760)

    def grow(base: dict[str, float], rate: float, digits: int = 0, fixed: dict | None = None) -> dict:
        series = {}
        for c, v in base.items():
            step = rate * rng.uniform(0.5, 1.5)
            series[c] = {y: round(v * (1 + step) ** (y - 2023), digits) for y in YEARS}
            for y, table in (fixed or {}).items():
                series[c][y] = table[c]
        return series

    out["enterprises_above_scale"] = grow(above[2023], 0.04, fixed=above)
    out["high_tech_enterprises"] = grow(tech[2023], 0.12, fixed=tech)
    out["specialized_enterprises"] = grow(spec, 0.1)
    out["rd_intensity"] = {c: {y: round(max(0.3, rd[c] + 0.07 * (y - 2023) * rng.uniform(0.5, 1.5)), 2)
                               for y in YEARS} for c in mfg}
    for c in mfg:
        out["rd_intensity"][c][2023] = rd[c]
    out["five_one_count"] = {c: {y: min(5, max(0, five[c] + round((y - 2023) * rng.uniform(0, 0.9))))
                                 for y in YEARS} for c in clusters}
    for c in clusters:
        out["five_one_count"][c][2023] = five[c]
    share = {2019: 3.6, 2020: 3.8, 2021: 4.0, 2022: 4.2, 2023: TRADE_SHARE_2023, 2024: 4.6, 2025: 4.7}
    out["exports"] = {c: {y: round(trade[c] * (totals[y] * share[y]) / (totals[2023] * share[2023]), 1)
                          for y in YEARS} for c in clusters}
    for c in clusters:
        out["exports"][c][2023] = trade[c]
    key_years = {2019: 3, 2020: 4, 2021: 5, **KEY_ENTERPRISES}
    order = sorted((c for c in clusters if keys[c]), key=lambda c: -revenue[c][2023])
    out["key_enterprises_100yi"] = {}
    for c in clusters:
        out["key_enterprises_100yi"][c] = {y: keys[c] for y in YEARS}
    for y, total in key_years.items():
        diff = total - sum(keys.values())
        for i in range(abs(diff)):
            c = order[i % len(order)]
            out["key_enterprises_100yi"][c][y] += 1 if diff > 0 else -1
    out["leading_enterprises"] = grow(lead, 0.1)
    out["partner_enterprises"] = grow(partner, 0.12)
    return out


def main() -> None:
    rng = random.Random(SEED)
    info = {r["short_name"]: r for r in read(DATA / "reference" / "clusters.csv")}
    plan_rows = {r["short_name"]: r for r in read(HERE / "plan.csv")}
    unknown = set(plan_rows) - set(info)
    if unknown:
        raise SystemExit(f"plan.csv names unknown clusters: {sorted(unknown)}")
    default = {"band_2023": "low", "band_2022": "below", "pattern": "steady", "pins": "", "key_enterprises_2023": "0"}
    clusters = list(info)
    plan = {c: plan_rows.get(c, default) for c in clusters}
    totals = {int(r["year"]): float(r["value"]) for r in read(DATA / "reference" / "province_totals.csv")
              if r["code"] == "province_trade_total"}
    revenue = revenue_series(clusters, plan, rng)
    metrics = {"revenue": revenue, **metric_rows(clusters, info, plan, revenue, totals, rng)}
    units = {r["code"]: r["unit"] for r in read(DATA / "metrics.csv")}
    rows = []
    for c in clusters:
        for metric, series in metrics.items():
            for year, value in sorted(series.get(c, {}).items()):
                text = str(int(value)) if float(value).is_integer() else repr(float(value))
                rows.append([info[c]["county"], info[c]["cluster"], year, metric, text, units[metric], SOURCE, VINTAGE])
    with open(OUT, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["county", "cluster", "year", "metric", "value", "unit", "source", "vintage"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
