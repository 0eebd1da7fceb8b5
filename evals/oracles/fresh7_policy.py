#!/usr/bin/env python3
"""Independent oracle for the fresh7 POLICY set.

Parses data/policy/anhui-county-clusters-guidance-2024.txt into clauses using the brief's id convention
(preamble -> 0, 一 -> 1, 二 -> 2, table -> 2.table / 2.table.N, 三（二）1 -> 3.2.1, 四（一） -> 4.1),
extracts lead (牵头单位) and supporting (配合单位) units, canonicalises them with unit_aliases.yaml,
and prints per-clause units, per-unit task lists and the pairwise set operations used by the golds.
Usage: python3 oracle_fresh7_policy.py [--text] [--units 省科技厅 省商务厅 ...]
"""
import re
import sys
from itertools import combinations
from pathlib import Path

import yaml

SRC = Path(__file__).resolve().parents[2] / "data" / "policy"
TEXT = (SRC / "anhui-county-clusters-guidance-2024.txt").read_text(encoding="utf-8")
ALIASES = yaml.safe_load((SRC / "unit_aliases.yaml").read_text(encoding="utf-8"))
META = yaml.safe_load((SRC / "anhui-county-clusters-guidance-2024.meta.yaml").read_text(encoding="utf-8"))
CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}


def norm(s: str) -> str:
    return s.replace("(", "（").replace(")", "）").replace(",", "，").replace(":", "：")


def canon(name: str) -> str:
    n = re.sub(r"\s+", "", name)
    for c, al in ALIASES.items():
        if n == c or n in [re.sub(r"\s+", "", a) for a in al]:
            return c
    raise ValueError(f"unknown unit {name!r}")


def parse():
    paras = [norm(p.strip()) for p in TEXT.split("\n") if p.strip()]
    clauses = {}  # id -> text
    order = []
    top = sub = None
    cur = "0"
    in_table = False
    row = 0
    started = False
    for p in paras:
        if not started:  # title line and addressee belong to the preamble as well
            started = True
        if p.startswith("安徽省人民政府办公厅") and "指导意见" not in p:
            break  # signature: end of body
        m_top = re.match(r"^([一二三四五六])、", p)
        m_sub = re.match(r"^（([一二三四五六])）", p)
        m_task = re.match(r"^(\d+)\.\s*(?!\S*\t)", p)
        if m_top:
            top, sub = CN[m_top.group(1)], None
            cur = str(top)
            in_table = False
        elif m_sub and top in (3, 4):
            sub = CN[m_sub.group(1)]
            cur = f"{top}.{sub}"
        elif top == 2 and ("\t" in p or p.startswith("集群高质量发展主要指标")):
            in_table = True
            if re.match(r"^\d+\.", p):
                row = int(p.split(".")[0])
                cur = f"2.table.{row}"
            else:
                cur = "2.table"
        elif m_task and top == 3 and sub is not None and "\t" not in p:
            cur = f"{top}.{sub}.{int(m_task.group(1))}"
        if cur not in clauses:
            clauses[cur] = ""
            order.append(cur)
        # continuation paragraphs (broken lines) are joined without a separator
        clauses[cur] += p if not clauses[cur] else ("" if cur.count(".") >= 2 or cur.startswith("4.") else "\n") + p
    return order, clauses


def units(text: str):
    m = re.search(r"（牵头单位：([^）]*)）\s*$", text)
    if not m:
        return [], []
    body = m.group(1)
    lead_part, _, sup_part = body.partition("，配合单位：")
    def parts(s):
        out = []
        for x in re.split(r"[、，]", s.replace("各市、县人民政府", "@CITY@")):
            x = x.strip()
            if not x:
                continue
            out.append("各市、县人民政府" if x == "@CITY@" else canon(x))
        return out

    return parts(lead_part), parts(sup_part)


def main():
    order, clauses = parse()
    show_text = "--text" in sys.argv
    print("META:", {k: META.get(k) for k in ("title", "issuer", "date", "source")})
    print()
    info = {}
    for cid in order:
        lead, sup = units(clauses[cid])
        info[cid] = (lead, sup)
        head = clauses[cid].split("\n")[0][:40]
        print(f"[{cid}] {head}")
        if lead or sup:
            print(f"    lead:    {'、'.join(lead)}")
            print(f"    support: {'、'.join(sup) or '—'}")
        if show_text:
            print("    TEXT:", clauses[cid].replace("\n", " | "))
    print()
    tasks = [c for c in order if info[c][0]]
    all_units = sorted({u for c in tasks for u in info[c][0] + info[c][1]}, key=list(ALIASES).index)
    role = {u: {"lead": [c for c in tasks if u in info[c][0]], "support": [c for c in tasks if u in info[c][1]]} for u in all_units}
    print("PER UNIT (lead | support | any):")
    for u in all_units:
        r = role[u]
        print(f"  {u}: lead={r['lead']} support={r['support']} any={sorted(r['lead'] + r['support'], key=order.index)}")
    print()
    sel = [a for a in sys.argv[1:] if not a.startswith("--")]
    pairs = combinations(sel, 2) if sel else [
        ("省科技厅", "省商务厅"), ("省发展改革委", "省商务厅"), ("省工业和信息化厅", "省农业农村厅"),
        ("省财政厅", "省人力资源社会保障厅"), ("省文化和旅游厅", "省农业农村厅"), ("省生态环境厅", "省能源局"),
        ("省科技厅", "省文化和旅游厅"), ("省市场监管局", "省科技厅")]
    print("PAIRS:")
    for a, b in pairs:
        a, b = canon(a), canon(b)
        A = set(role[a]["lead"] + role[a]["support"]); B = set(role[b]["lead"] + role[b]["support"])
        key = order.index
        print(f"  {a} & {b}: both={sorted(A & B, key=key)} either={sorted(A | B, key=key)} "
              f"only_{a}={sorted(A - B, key=key)} only_{b}={sorted(B - A, key=key)} "
              f"{a}_leads_{b}_supports={[c for c in tasks if a in info[c][0] and b in info[c][1]]} "
              f"{b}_leads_{a}_supports={[c for c in tasks if b in info[c][0] and a in info[c][1]]}")
    print()
    print("COUNTS: tasks with units =", len(tasks), "| lead counts:",
          {u: len(role[u]["lead"]) for u in all_units if role[u]["lead"]})
    print("        support counts:", {u: len(role[u]["support"]) for u in all_units if role[u]["support"]})
    print("        no-support tasks:", [c for c in tasks if not info[c][1]],
          "| multi-lead tasks:", [c for c in tasks if len(info[c][0]) > 1])


if __name__ == "__main__":
    main()


# ----------------------------------------------------------------------------------------------------
# Gold check: re-derive the golds of evals/sets/fresh7_policy.yaml from the parsed text.
def check_set(path=str(Path(__file__).resolve().parents[2] / "evals" / "sets" / "fresh7_policy.yaml")):
    order, clauses = parse()
    info = {c: units(clauses[c]) for c in order}
    tasks = [c for c in order if info[c][0]]
    lead = lambda u: [c for c in tasks if u in info[c][0]]
    sup = lambda u: [c for c in tasks if u in info[c][1]]
    anyr = lambda u: [c for c in tasks if u in info[c][0] + info[c][1]]
    S = set
    # expected clause sets for the unit / set questions, computed from the parsed units
    expected = {
        "p-unit-01": S(lead("省发展改革委")),
        "p-unit-02": S(sup("省工业和信息化厅")),
        "p-unit-03": S(anyr("省财政厅")),
        "p-unit-04": S(anyr("省数据资源局")),
        "p-unit-05": S(anyr("省人力资源社会保障厅")),
        "p-unit-06": S(lead("省农业农村厅")),
        "p-unit-07": S(lead("各市、县人民政府")),
        "p-unit-08": S(anyr("省文化和旅游厅")),
        "p-unit-09": S(anyr("省新兴产业推进组办公室")),
        "p-unit-10": S(anyr("省民政厅")),
        "p-unit-11": S(anyr("省外办")),
        "p-unit-12": S(sup("省能源局")),
        "p-unit-13": S(lead("省商务厅")),
        "p-unit-14": S(sup("省市场监管局")),
        "p-unit-15": S(anyr("省林业局")) | S(anyr("省自然资源厅")),
        "p-unit-16": S(sup("省教育厅")),
        "p-unit-17": S(anyr("省工业和信息化厅")),
        "p-unit-18": S(sup("省发展改革委")),
        "p-set-01": S(anyr("省科技厅")) & S(anyr("省商务厅")),
        "p-set-02": S(lead("省发展改革委")) & S(sup("省商务厅")),
        "p-set-03": S(lead("省商务厅")) & S(sup("省发展改革委")),
        "p-set-04": S(anyr("省财政厅")) & S(anyr("省人力资源社会保障厅")),
        "p-set-05": S(anyr("省工业和信息化厅")) - S(anyr("省农业农村厅")),
        "p-set-06": S(anyr("省生态环境厅")) | S(anyr("省能源局")),
        "p-set-07": S(anyr("省科技厅")) | S(anyr("省文化和旅游厅")),
        "p-set-08": S(anyr("省市场监管局")) & S(anyr("省科技厅")),
        "p-set-09": S(anyr("省农业农村厅")) - S(anyr("省文化和旅游厅")),
        "p-yn-05": S(anyr("省教育厅")),
        "p-yn-08": S(anyr("省财政厅")),
        "p-conv-03#1": S(lead("省科技厅")),
        "p-conv-03#2": S(sup("省科技厅")),
        "p-conv-03#3": S(sup("省商务厅")),
        "p-conv-09#1": S(anyr("省数据资源局")),
    }
    counts = {  # numbers derived from the text
        "p-unit-01": len(lead("省发展改革委")),
        "p-unit-17": len(anyr("省工业和信息化厅")),
        "p-set-07": len(S(anyr("省科技厅")) | S(anyr("省文化和旅游厅"))),
        "p-qty-07": len([c for c in order if re.match(r"^3\.\d+\.\d+$", c)]),
        "p-qty-08": len([c for c in order if re.match(r"^4\.\d+$", c)]),
        "p-tgt-16": len([c for c in order if c.startswith("2.table.")]),
        "p-multi-01": len([c for c in order if c.startswith("3.2.")]),
        "p-conv-08#1": len([c for c in order if c.startswith("3.4.")]),
    }
    # indicator table values
    table = {}
    for c in order:
        if c.startswith("2.table."):
            cells = clauses[c].split("\t")
            table[c] = cells[1:]
    print("TABLE:", table)
    print("derived: 2025 百亿级目标 − 2023 基数 =", int(table["2.table.2"][1]) - int(table["2.table.2"][0]))
    print("checks: 生态环境厅/能源局 same tasks:", S(anyr("省生态环境厅")) == S(anyr("省能源局")),
          "| 3.3.1 vs 3.3.2 same supports:", S(info["3.3.1"][1]) == S(info["3.3.2"][1]),
          "| 3.2.1∩3.2.2 supports:", sorted(S(info["3.2.1"][1]) & S(info["3.2.2"][1])))
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    problems = 0
    used = set()
    meta_text = " ".join(str(v) for v in META.values())
    for case in data["cases"]:
        steps = case.get("turns") or [case]
        for i, t in enumerate(steps, 1):
            key = case["id"] + (f"#{i}" if case.get("turns") else "")
            gold = t.get("clauses", [])
            for c in gold + t.get("also_ok", []):
                if c not in clauses:
                    print("  !! unknown clause", key, c); problems += 1
            used.update(gold)
            for u in t.get("lead_units", []):
                if not any(u in info.get(c, ([], []))[0] for c in gold):
                    print("  !! lead unit not lead of a gold clause", key, u); problems += 1
            for u in t.get("support_units", []):
                if not any(u in info.get(c, ([], []))[1] for c in gold):
                    print("  !! support unit not support of a gold clause", key, u); problems += 1
            exp = expected.get(key)
            if exp is not None and S(gold) != exp:
                print("  !! clause set", key, sorted(gold), "expected", sorted(exp, key=order.index)); problems += 1
            if key in counts:
                nums = [n["value"] for n in t.get("numbers", [])]
                if counts[key] not in nums:
                    print("  !! count", key, nums, "expected", counts[key]); problems += 1
            # every require alternative set should be grounded in the gold text (or metadata) unless it is a
            # verdict word (是/不/没有…) or English
            src = "".join(clauses[c] for c in gold if c in clauses) + meta_text
            src_all = "".join(clauses[c] for c in gold if c in clauses) + "".join(
                clauses[c] for c in order if any(c.startswith(g + ".") for g in gold))
            for r in t.get("require", []):
                alts = r.split("|")
                if not any(a in src or a in src_all for a in alts):
                    print("  ?? require not literally in gold text", key, r)
            for n in t.get("numbers", []):
                v = n["value"]; vs = f"{v:g}"
                if not re.search(r"(?<![\d.])" + re.escape(vs) + r"(?![\d])", src_all + src) and case["id"] not in ("p-tgt-10",):
                    print("  ?? number not literally in gold text", key, vs, n.get("unit"))
    print()
    print("CLAUSES USED BY THE SET:")
    for c in sorted(used, key=order.index):
        l, s_ = info[c]
        print(f"  {c}: lead={'、'.join(l) or '—'} support={'、'.join(s_) or '—'}")
    print("problems:", problems)


if "--check" in sys.argv:
    check_set()
