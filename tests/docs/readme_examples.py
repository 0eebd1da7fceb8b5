"""The README's ```console examples as data: commands, the output they show, and how to compare it.

Conventions the README follows (and this module enforces):
- `$ command  # comment` — the comment is not part of the command; "exit code N" in it is the expected
  status (0 otherwise); `[--option VALUE]` marks optional arguments and is dropped before running.
- The lines after a command, up to the next `$`, are its output (stdout and stderr together).
- A line that is only "…" stands for any number of lines; "…" inside a line for any text.
- Times (秒, 毫秒, ms) are compared for presence and plausibility, never for their value.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field

from tests.paths import REPO_ROOT

FENCE = re.compile(r"^(\s*)```console\s*$")
COMMENT = re.compile(r"\s{2,}#\s?(.*)$")
OPTIONAL = re.compile(r"\s*\[[^\]]*\]")
TIME = re.compile(r"(\d+(?:\.\d+)?)( ?)(秒|毫秒|ms)")
TIME_LIMITS = {"秒": 300.0, "毫秒": 60_000.0, "ms": 60_000.0}  # generous: a loaded 2-core machine


@dataclass
class Example:
    block: int  # index of the console block in the README
    line: int  # README line of the command (1-based)
    command: str
    comment: str = ""
    expected: list[str] = field(default_factory=list)
    lead: str = ""  # the paragraph before the block, to recognise the `make demo` output

    @property
    def exit_code(self) -> int:
        match = re.search(r"exit code (\d+)", self.comment)
        return int(match.group(1)) if match else 0

    @property
    def runnable(self) -> str:
        return OPTIONAL.sub("", self.command).strip()


def examples(readme: str) -> list[Example]:
    """Every command (or, for a block without `$`, its output alone with command "") in README order."""
    out: list[Example] = []
    lines = readme.splitlines()
    i, block = 0, -1
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        block += 1
        indent = len(fence.group(1))
        lead = _paragraph_before(lines, i)
        i += 1
        current: Example | None = None
        while i < len(lines) and lines[i].strip() != "```":
            text = lines[i][indent:] if lines[i][:indent].strip() == "" else lines[i].lstrip()
            if text.startswith("$ "):
                command = text[2:]
                comment = COMMENT.search(command)
                current = Example(block=block, line=i + 1, command=command[: comment.start()].strip() if comment
                                  else command.strip(), comment=comment.group(1) if comment else "", lead=lead)
                out.append(current)
            else:
                if current is None:
                    current = Example(block=block, line=i + 1, command="", lead=lead)
                    out.append(current)
                current.expected.append(text.rstrip())
            i += 1
        i += 1
    for example in out:
        while example.expected and not example.expected[-1]:
            example.expected.pop()
    return out


def _paragraph_before(lines: list[str], index: int) -> str:
    """The paragraph that introduces the block starting at `index`."""
    end = index - 1
    while end >= 0 and not lines[end].strip():
        end -= 1
    start = end
    while start > 0 and lines[start - 1].strip():
        start -= 1
    return " ".join(lines[start:end + 1])


def _pattern(line: str) -> tuple[re.Pattern, list[str]]:
    """A regex for one expected line, and the units of the times it captures."""
    units: list[str] = []
    parts: list[str] = []
    for index, piece in enumerate(line.split("…")):
        if index:
            parts.append(".*")
        last = 0
        for match in TIME.finditer(piece):
            parts.append(re.escape(piece[last:match.start()]))
            parts.append(r"(\d+(?:\.\d+)?)" + re.escape(match.group(2) + match.group(3)))
            units.append(match.group(3))
            last = match.end()
        parts.append(re.escape(piece[last:]))
    return re.compile("".join(parts)), units


def mismatch(expected: list[str], actual: list[str]) -> str | None:
    """None when `actual` shows `expected` (with its elisions and times); else what differs."""
    actual = [line.rstrip() for line in actual]
    while actual and not actual[-1]:
        actual.pop()
    position = 0
    skipping = False
    for want in expected:
        if want.strip() == "…":
            skipping = True
            continue
        pattern, units = _pattern(want)
        found = None
        for index in range(position, len(actual) if skipping else min(position + 1, len(actual))):
            match = pattern.fullmatch(actual[index])
            if match:
                found = (index, match)
                break
        if found is None:
            shown = actual[position] if position < len(actual) else "(end of output)"
            return f"expected {want!r}, got {shown!r}"
        index, match = found
        for value, unit in zip(match.groups(), units, strict=True):
            if not 0 <= float(value) <= TIME_LIMITS[unit]:
                return f"implausible time {value} {unit} in {actual[index]!r}"
        position = index + 1
        skipping = False
    if not skipping and position < len(actual):
        return f"unexpected extra output from {actual[position]!r}"
    return None


# Files a README example names that are not in the checkout: written the way the README describes them.
FILES = {
    "bad.csv": "county,cluster,year,metric,value,unit,source,vintage\n"
               "天长县,天长市智能测控装置(仪器仪表)特色产业集群(基地),2024,revenue,95.5,亿元,滁州市统计局,2025-03\n"
               "天长市,天长市智能测控装置(仪器仪表)特色产业集群(基地),2024,revenue,95.5,万元,滁州市统计局,2025-03\n",
    "填报.csv": "县（市）,集群名称,指标,年份,数值,单位,来源,数据截至\n"
               "天长市,仪器仪表,营业收入,2024,95.5,亿元,滁州市统计局,2025-03\n"
               "天长市,仪器仪表,营收,2024,3,亿元,滁州市统计局,2025-03\n"
               "天长市,仪器仪表,群主企业数,2024,三,家,滁州市统计局,2025-03\n",
}


def workdir(tmp_path):
    """A directory like the checkout's root, with a `clusterbot` on PATH that runs this checkout."""
    work = tmp_path / "work"
    work.mkdir()
    for name in ("data", "evals"):
        (work / name).symlink_to(REPO_ROOT / name)
    for name, text in FILES.items():
        (work / name).write_text(text, encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "clusterbot"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m clusterbot.bot.cli.main "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONUNBUFFERED="1",
               PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return work, env


def run(command: str, cwd, env) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=600)
