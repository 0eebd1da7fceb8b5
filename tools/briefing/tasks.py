"""Which policy tasks a briefing points to: fixed rules from the data to a clause, nothing else.

Each rule names the clause whose text supports it; a task appears only when a rule fires, with
the data that fired it, so the briefing never gives advice that no clause backs.

Local rules (a county's, city's or cluster's own clusters):
    revenue below 百亿级                        -> 三（一）1 引育群主企业 (龙头企业, 产业链)
    fewer 群主 (leading) enterprises than 2    -> 三（一）1 ("每个集群招引培育 2—3 家…龙头企业")
    "五个一" mechanism not complete (< 5 of 5)  -> 四（一） 建立"五个一"推进机制
    R&D intensity below the table's target     -> 三（一）3 搭建产业创新平台
    recent pace too slow for the next tier     -> 四（三） 突出市县主体责任 ("推动规模持续增长")
    exports fell on the previous year          -> 三（四）1 融入高能级开放平台 (table row 7: 持续提高)
    (city) counties without a 百亿级 cluster    -> 四（三）
Province rules: an indicator of 二 off track (or not rising) -> the task written for it (PROVINCE_RULES).
"""

from __future__ import annotations

from clusterbot.messages import msg
from clusterbot.retrieval.corpus import Corpus
from clusterbot.tools.briefing import numbers
from clusterbot.tools.briefing.model import ClusterRow, GapRow, Reason, TargetKind, TaskPick, display_name
from clusterbot.tools.progress import ProgressItem
from clusterbot.tools.rank import CountiesBelowOutput

LEADER_TASK = "3.1.1"
INNOVATION_TASK = "3.1.3"
OPENING_TASK = "3.4.1"
FIVE_ONE_TASK = "4.1"
PROVINCE_SUPPORT_TASK = "4.2"
LOCAL_DUTY_TASK = "4.3"
MIN_LEADING = 2  # 三（一）1: 每个集群招引培育 2—3 家龙头企业
FIVE_ONE_ITEMS = 5  # 四（一）: the five mechanisms

# indicator of 二 -> tasks that address it when it is off track
PROVINCE_RULES = {
    "clusters_100": (LEADER_TASK, PROVINCE_SUPPORT_TASK),
    "leading_enterprises": (LEADER_TASK,),
    "partner_enterprises": (LEADER_TASK,),
    "mfg_high_tech": (INNOVATION_TASK,),
    "mfg_rd_intensity": (INNOVATION_TASK,),
    "five_one_coverage": (FIVE_ONE_TASK,),
    "trade_share": (OPENING_TASK,),
    "counties_with_100": (LOCAL_DUTY_TASK,),
}
LAGGING = ("off_track", "not_rising")


def _short(row: ClusterRow) -> str:
    return display_name(row.cluster)


def _rd_target(items: list[ProgressItem]) -> ProgressItem | None:
    numeric = [i for i in items if i.indicator == "mfg_rd_intensity" and i.target_value is not None]
    return min(numeric, key=lambda i: i.target_year) if numeric else None


def _cluster_rules(row: ClusterRow, rd_target: ProgressItem | None) -> list[tuple[str, Reason]]:
    out = []
    name = _short(row)
    revenue = row.latest.get("revenue")
    if revenue is not None and not row.tier:
        out.append((LEADER_TASK, Reason(key="brief.reason.below_100", values={"cluster": name})))
    leading = row.latest.get("leading_enterprises")
    if leading is not None and leading.value < MIN_LEADING:
        out.append((LEADER_TASK, Reason(key="brief.reason.few_leading", values={
            "cluster": msg("brief.reason.with_value", cluster=name, value=numbers.figure_amount(leading))})))
    five_one = row.latest.get("five_one_count")
    if five_one is not None and five_one.value < FIVE_ONE_ITEMS:
        out.append((FIVE_ONE_TASK, Reason(key="brief.reason.five_one", values={"cluster": name})))
    rd = row.latest.get("rd_intensity")
    if rd is not None and rd_target is not None and rd_target.target_value is not None and \
            rd.value < rd_target.target_value:
        out.append((INNOVATION_TASK, Reason(key="brief.reason.rd_low", values={
            "cluster": msg("brief.reason.with_value", cluster=name, value=numbers.figure_amount(rd)),
            "target": f"{rd_target.target_value:g}%", "target_year": str(rd_target.target_year)})))
    exports, before = row.latest.get("exports"), row.previous.get("exports")
    if exports is not None and before is not None and exports.value < before.value:
        out.append((OPENING_TASK, Reason(key="brief.reason.exports_down", values={
            "cluster": msg("brief.reason.exports_values", cluster=name, value=numbers.figure_amount(exports),
                           previous=numbers.figure_amount(before), year=exports.year)})))
    return out


def _gap_rules(gap: GapRow) -> list[tuple[str, Reason]]:
    last = gap.required[-1] if gap.required else None
    if last is None or last.required_cagr is None:
        return []
    if gap.recent_cagr is not None and gap.recent_cagr >= last.required_cagr:
        return []
    return [(LOCAL_DUTY_TASK, Reason(key="brief.reason.slow", values={
        "cluster": display_name(gap.cluster), "tier": gap.threshold_label, "target_year": str(last.target_year)}))]


def _province_rules(items: list[ProgressItem]) -> list[tuple[str, Reason]]:
    out = []
    first_year = min((i.target_year for i in items), default=None)
    seen: set[tuple[str, int]] = set()
    for item in items:  # the text's target and the table's row of one indicator and year: one reason
        if (item.indicator, item.target_year) in seen:
            continue
        if item.indicator not in PROVINCE_RULES or item.status not in LAGGING:
            continue
        if item.target_year != first_year and item.status != "off_track":
            continue
        seen.add((item.indicator, item.target_year))
        reason = Reason(key="brief.reason.province", values={"cluster": item.name})
        out += [(task, reason) for task in PROVINCE_RULES[item.indicator]]
    return out


def pick_tasks(kind: TargetKind, rows: list[ClusterRow], gaps: list[GapRow], items: list[ProgressItem],
               corpus: Corpus, below: CountiesBelowOutput | None = None) -> list[TaskPick]:
    """The tasks whose rules fire, in the document's order, each with its reasons and units."""
    fired: list[tuple[str, Reason]] = []
    if kind == "province":
        fired = _province_rules(items)
    else:
        rd_target = _rd_target(items)
        for row in rows:
            fired += _cluster_rules(row, rd_target)
        for gap in gaps:
            fired += _gap_rules(gap)
        if kind == "city" and below is not None and below.items:
            fired.append((LOCAL_DUTY_TASK, Reason(key="brief.reason.counties_below", values={
                "cluster": "、".join(i.county.name for i in below.items)})))
    by_task: dict[str, list[Reason]] = {}
    for clause_id, reason in fired:
        reasons = by_task.setdefault(clause_id, [])
        if reason not in reasons:
            reasons.append(reason)
    by_task = {clause_id: merge_reasons(reasons) for clause_id, reasons in by_task.items()}
    picks = []
    for clause_id, reasons in by_task.items():
        clause = corpus.clause(clause_id)
        if clause is None:  # an ingested replacement without this clause: no citation, no advice
            continue
        picks.append(TaskPick(clause_id=clause_id, label=clause.label, title=clause.title,
                              lead_units=clause.lead_units, support_units=clause.support_units, reasons=reasons))
    return sorted(picks, key=lambda p: [int(x) for x in p.clause_id.split(".")])


def merge_reasons(reasons: list[Reason]) -> list[Reason]:
    """Reasons that say the same of several clusters become one: 甲、乙未达百亿级 (not two lines)."""
    merged: list[Reason] = []
    for reason in reasons:
        same = next((m for m in merged if m.key == reason.key and _rest(m) == _rest(reason)), None)
        if same is None:
            merged.append(reason.model_copy(deep=True))
        elif reason.values.get("cluster") and reason.values["cluster"] not in same.values["cluster"].split("、"):
            same.values["cluster"] += "、" + reason.values["cluster"]
    return merged


def _rest(reason: Reason) -> dict[str, str]:
    return {k: v for k, v in reason.values.items() if k != "cluster"}
