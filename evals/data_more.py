"""More case builders for evals/generate.py: province targets vs actuals, profiles, comparisons, conversations."""

from __future__ import annotations

from clusterbot.evals.gold import CLAUSE_TARGETS, case, gap_expect, num, slug, templates, tier

# 二、工作目标 and its indicator table: indicator -> (gold clause, {target year: target}).
TARGETS = {
    "revenue": ("2", {2025: (1, "万亿"), 2027: (1.4, "万亿")}),
    "count_100": ("2", {2025: (35, "个"), 2027: (45, "个")}),
    "count_500": ("2", {2025: (3, "个")}),
    "count_300": ("2", {2025: (10, "个")}),
    "count_1000": ("2", {2027: (1, "个"), 2030: (3, "个")}),
    "high_tech": ("2", {2025: (2400, "家")}),
    "specialized": ("2", {2025: (1200, "家")}),
    "rd": ("2.table.4", {2025: (2, "%")}),
    "five_one": ("2.table.6", {2025: (60, "%"), 2027: (100, "%")}),
    "trade": ("2.table.7", {}),
    "key": ("2.table.8", {2025: (10, "个"), 2027: (12, "个")}),
}


def actual(data, indicator: str, year: int) -> tuple[float, str, float]:
    """(value, unit, tolerance) of a province indicator in `year`, computed from the cluster rows."""
    clusters = list(data.clusters.values())

    def total(metric: str) -> float:
        return sum(c.value(metric, year) or 0 for c in clusters)

    revenues = [c.value("revenue", year) or 0 for c in clusters]
    if indicator == "revenue":
        return round(total("revenue"), 1), "亿元", 50.0  # a province total is quoted to 0.01 万亿
    if indicator.startswith("count_"):
        low = float(indicator.split("_")[1])
        high = 500 if low == 300 else float("inf")
        return float(sum(low <= v < high for v in revenues)), "个", 0
    if indicator == "high_tech":
        return total("high_tech_enterprises"), "家", 0
    if indicator == "specialized":
        return total("specialized_enterprises"), "家", 0
    if indicator == "key":
        return total("key_enterprises_100yi"), "个", 0
    if indicator == "rd":
        pairs = [(c.value("rd_intensity", year), c.value("revenue", year)) for c in clusters if c.manufacturing]
        pairs = [(r, v) for r, v in pairs if r is not None and v]
        return round(sum(r * v for r, v in pairs) / sum(v for _, v in pairs), 2), "%", 0.011
    if indicator == "five_one":
        counts = [c.value("five_one_count", year) for c in clusters if c.value("five_one_count", year) is not None]
        return round(100 * sum(counts) / (5 * len(counts)), 1), "%", 0.11
    if indicator == "trade":
        return round(100 * total("exports") / data.trade_totals[year], 1), "%", 0.11
    raise KeyError(indicator)


def province_expect(data, indicator: str, target_year: int) -> dict:
    clause, targets = TARGETS[indicator]
    value, unit, tol = actual(data, indicator, data.latest_year)
    numbers = [num(value, unit, label="actual", tol=tol)]
    expect: dict = {"status": "answered", "clauses": [clause]}
    if target_year in targets:
        target, target_unit = targets[target_year]
        numbers.append(num(target, target_unit, label="target", tol=0))
    else:
        expect["require"] = ["持续提高|持续增长"]
    expect["numbers"] = numbers
    return expect


def province(data) -> list[dict]:
    t = templates()["province"]
    year = data.latest_year
    out = []
    for indicator in TARGETS:
        target_year = 2027 if indicator == "count_1000" else year
        q = t[indicator].format(year=year)
        out.append(case(f"province-{indicator}", "province", ["province", "target"], q,
                         **province_expect(data, indicator, target_year)))
    return out


def profiles(data) -> list[dict]:
    t = templates()
    year = data.latest_year
    out = []
    for index, name in enumerate(("天长市", "宁国市", "界首市", "霍山县")):
        county = data.counties[name]
        q = t["profile"][index % 2].format(name=name)
        out.append(case(f"profile-{slug(county.pinyin)}", "profile", ["profile"], q, status="answered",
                         also_ok=[CLAUSE_TARGETS], numbers=[num(c.value("revenue", year)) for c in county.clusters],
                         require=[name]))
    for first, second in (("天长市", "宁国市"), ("界首市", "太和县"), ("凤阳县", "定远县")):
        a, b = data.counties[first], data.counties[second]
        totals = [sum(c.value("revenue", year) for c in k.clusters) for k in (a, b)]
        out.append(case(f"compare-{slug(a.pinyin)}-{slug(b.pinyin)}", "compare", ["compare"],
                         t["compare"].format(name=first, other=second), status="answered", also_ok=[CLAUSE_TARGETS],
                         numbers=[num(v) for v in totals], require=[first, second]))
    return out


def _turn(q: str, intent: str, expect: dict) -> dict:
    return {"q": q, "intent": intent, **expect}


def conversations(data) -> list[dict]:
    """Follow-ups that reuse the previous question's slots: another county, another tier, another year."""
    t = templates()
    c = data.counties
    out = []
    chains = (("天长市", "宁国市", 500, 2027), ("霍邱县", "和县", 300, 2027), ("岳西县", "歙县", 300, 2027))
    for index, (first, second, threshold, year) in enumerate(chains):
        a, b = c[first], c[second]
        turns = [
            _turn(t["gap"][index % 4].format(name=first, tier=tier(100)), "gap", gap_expect(data, a, 100)),
            _turn(t["followup_other"].format(name=b.short), "gap", gap_expect(data, b, 100)),
            _turn(t["followup_tier"].format(tier=tier(threshold)), "gap", gap_expect(data, b, threshold)),
            _turn(t["followup_year"].format(year=year), "gap", gap_expect(data, b, threshold, year)),
        ]
        out.append({"id": f"conv-gap-{index + 1}", "intent": "gap", "tags": ["followup", "gap"], "turns": turns})
    top = sorted(data.clusters.values(), key=lambda k: -k.value("revenue", data.latest_year))
    leader, runner_up = top[0], top[1]
    out.append({"id": "conv-cluster-1000", "intent": "gap", "tags": ["followup", "gap", "cluster"], "turns": [
        _turn(t["gap_cluster"][0].format(name=leader.short, tier=tier(1000)), "gap", gap_expect(data, leader, 1000)),
        _turn(t["followup_other"].format(name=runner_up.short), "gap", gap_expect(data, runner_up, 1000)),
    ]})
    tianchang, hexian = c["天长市"], c["和县"]
    out.append({"id": "conv-en-gap", "intent": "gap", "tags": ["followup", "gap", "english"], "turns": [
        _turn(t["gap_en"][0].format(name=tianchang.pinyin, tier=tier(100, "en")), "gap", gap_expect(data, tianchang, 100)),
        _turn(t["followup_other_en"].format(name=hexian.pinyin), "gap", gap_expect(data, hexian, 100)),
    ]})
    year = data.latest_year
    ranked = {y: sorted(data.clusters.values(), key=lambda k: -(k.value("revenue", y) or 0))[:5] for y in (year, year - 1)}
    out.append({"id": "conv-rank-year", "intent": "rank", "tags": ["followup", "rank"], "turns": [
        _turn(t["rank_top"].format(year=year, n=5), "rank",
              {"also_ok": [CLAUSE_TARGETS], "numbers": [num(k.value("revenue", year)) for k in ranked[year]]}),
        _turn(t["rank_followup_year"].format(year=year - 1), "rank",
              {"also_ok": [CLAUSE_TARGETS], "numbers": [num(k.value("revenue", year - 1)) for k in ranked[year - 1]]}),
    ]})
    out.append({"id": "conv-province-year", "intent": "province", "tags": ["followup", "province", "target"], "turns": [
        _turn(templates()["province"]["count_100"].format(year=year), "province", province_expect(data, "count_100", year)),
        _turn(t["province_followup_year"].format(year=2027), "province", province_expect(data, "count_100", 2027)),
    ]})
    return out
