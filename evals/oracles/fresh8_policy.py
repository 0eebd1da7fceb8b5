#!/usr/bin/env python3
"""Independent oracle for the fresh8_policy set.

Parses data/policy/anhui-county-clusters-guidance-2024.txt into clauses with the brief's ids
(preamble 0, 一 -> 1, 三（二）1 -> 3.2.1, 四（一） -> 4.1, table 2.table / 2.table.N), extracts the lead
(牵头) and supporting (配合) units printed after each task, maps them to canonical names from
unit_aliases.yaml, prints them, and checks the golds of evals/sets/fresh8_policy.yaml against them.

usage: python3 evals/oracles/fresh8_policy.py [--set evals/sets/fresh8_policy.yaml]
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

SRC = Path(__file__).resolve().parents[2] / "data" / "policy"
TEXT = SRC / "anhui-county-clusters-guidance-2024.txt"
ALIASES = SRC / "unit_aliases.yaml"
SET = Path(__file__).resolve().parents[2] / "evals" / "sets" / "fresh8_policy.yaml"

CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
TOP = re.compile(r"^([一二三四五六七八九十])、(.*)$")
SUB = re.compile(r"^[（(]\s*([一二三四五六七八九十])\s*[）)]\s*(.*)$")
ITEM = re.compile(r"^(\d+)\.\s*(.*)$")
ROW = re.compile(r"^(\d)\.\s*(\S.*?)\t")
END = re.compile(r"^(安徽省人民政府办公厅|抄送)")


def parse() -> dict[str, str]:
    lines = [ln.strip() for ln in TEXT.read_text(encoding="utf-8").splitlines()]
    clauses: dict[str, str] = {}
    cur = "title"
    top = sub = None
    in_table = False
    started = False
    ended = False
    for ln in lines:
        if not ln:
            continue
        if not started:
            if ln.startswith("各市、县人民政府，省政府各部门"):
                started = True
                cur = "0"
                clauses[cur] = ln
            else:
                clauses.setdefault("title", "")
                clauses["title"] += ln
            continue
        if started and top == 4 and END.match(ln) and not ended:
            ended = True
            cur = "tail"
            clauses[cur] = ln
            continue
        if ended:
            clauses[cur] += "\n" + ln
            continue
        m = TOP.match(ln)
        if m:
            top, sub, in_table = CN[m.group(1)], None, False
            cur = str(top)
            clauses[cur] = ln
            continue
        if top == 2 and ln.startswith("集群高质量发展主要指标"):
            in_table = True
            cur = "2.table"
            clauses[cur] = ln
            continue
        if in_table:
            r = ROW.match(ln)
            clauses["2.table"] += "\n" + ln
            if r:
                clauses[f"2.table.{r.group(1)}"] = ln
            continue
        m = SUB.match(ln)
        if m and top in (3, 4):
            sub = CN[m.group(1)]
            cur = f"{top}.{sub}"
            clauses[cur] = ln
            continue
        m = ITEM.match(ln)
        if m and top == 3 and sub:
            cur = f"{top}.{sub}.{m.group(1)}"
            clauses[cur] = ln
            continue
        # continuation (page breaks split sentences: join without separator)
        clauses[cur] += ln
    return clauses


def load_aliases() -> dict[str, str]:
    data = yaml.safe_load(ALIASES.read_text(encoding="utf-8"))
    out = {}
    for canon, als in data.items():
        out[canon] = canon
        for a in als:
            out[a] = canon
    return out


UNIT_BLOCK = re.compile(r"[（(]\s*牵头单位\s*[:：](.*?)[）)]\s*$", re.S)


def split_units(s: str, canon: dict[str, str]) -> list[str]:
    # "各市、县人民政府" contains a 、 itself: protect it first
    s = s.replace("各市、县人民政府", "@@CITYCOUNTY@@")
    parts = [p.strip() for p in re.split(r"[、，,]", s) if p.strip()]
    res = []
    for p in parts:
        p = p.replace("@@CITYCOUNTY@@", "各市、县人民政府")
        res.append(canon.get(p, "??" + p))
    return res


def units(clauses: dict[str, str]) -> dict[str, tuple[list[str], list[str]]]:
    canon = load_aliases()
    out = {}
    for cid, body in clauses.items():
        flat = body.replace("\n", "")
        m = UNIT_BLOCK.search(flat)
        if not m:
            continue
        inner = m.group(1)
        if re.search(r"配合单位\s*[:：]", inner):
            lead_s, sup_s = re.split(r"[，,]\s*配合单位\s*[:：]", inner, maxsplit=1)
        else:
            lead_s, sup_s = inner, ""
        out[cid] = (split_units(lead_s, canon), split_units(sup_s, canon))
    return out


def descendants_ok(gold: str, cited: str) -> bool:
    return cited == gold or cited.startswith(gold + ".")


def check_set(clauses, unit_map) -> int:
    if not SET.exists():
        print("(set not written yet)")
        return 0
    data = yaml.safe_load(SET.read_text(encoding="utf-8"))
    problems = 0
    used: set[str] = set()
    seen_ids = set()
    for case in data["cases"]:
        if case["id"] in seen_ids:
            print("DUP id", case["id"]); problems += 1
        seen_ids.add(case["id"])
        steps = case.get("turns") or [case]
        for i, t in enumerate(steps):
            tag = f"{case['id']}#{i+1}"
            status = t.get("status", "answered")
            gold = t.get("clauses", []) + t.get("also_ok", [])
            for c in gold:
                used.add(c)
                if c not in clauses:
                    print(f"{tag}: unknown clause {c}"); problems += 1
            cl = t.get("clauses", [])
            # gold clauses plus their descendants
            scope = [k for k in clauses if any(descendants_ok(g, k) for g in cl)]
            for u in t.get("lead_units", []):
                if not any(u in unit_map.get(k, ([], []))[0] for k in scope):
                    print(f"{tag}: lead {u} not a lead of {cl}"); problems += 1
            for u in t.get("support_units", []):
                if not any(u in unit_map.get(k, ([], []))[1] for k in scope):
                    print(f"{tag}: support {u} not a supporter of {cl}"); problems += 1
            if status == "answered":
                if not (t.get("clauses") or t.get("require") or t.get("numbers") or t.get("lead_units") or t.get("support_units")):
                    print(f"{tag}: nothing to check"); problems += 1
                text = "".join(clauses[k] for k in scope) if scope else ""
                for n in t.get("numbers", []):
                    v = n["value"]
                    s = f"{v:g}"
                    if scope and s not in text.replace(" ", ""):
                        print(f"{tag}: note number {s} not literally in {cl}")
                for r in t.get("require", []):
                    alts = r.split("|")
                    if scope and not any(a in text for a in alts):
                        print(f"{tag}: note require '{r}' not literally in {cl}")
            else:
                if t.get("clauses") or t.get("lead_units") or t.get("numbers"):
                    print(f"{tag}: decline with answer expectations"); problems += 1
    print(f"\nclauses used by the set: {sorted(used, key=lambda x: [int(p) if p.isdigit() else 99 for p in x.split('.')])}")
    print(f"problems: {problems}")
    return problems


def main() -> None:
    clauses = parse()
    unit_map = units(clauses)
    print("== clauses ==")
    for cid, body in clauses.items():
        head = body.replace("\n", " | ")[:70]
        print(f"{cid:10s} {head}")
    print("\n== lead / supporting units ==")
    for cid, (lead, sup) in unit_map.items():
        print(f"{cid:6s} 牵头: {'、'.join(lead)}\n       配合: {'、'.join(sup) or '（无）'}")
    print("\n== per unit ==")
    allu = sorted({u for l, s in unit_map.values() for u in l + s})
    for u in allu:
        leads = [c for c, (l, s) in unit_map.items() if u in l]
        sups = [c for c, (l, s) in unit_map.items() if u in s]
        print(f"{u}: 牵头 {leads}  配合 {sups}")
    print("\n== checks ==")
    sys.exit(1 if check_set(clauses, unit_map) else 0)


if __name__ == "__main__":
    main()
