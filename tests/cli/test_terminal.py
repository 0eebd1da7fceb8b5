"""What a person sees in a terminal: rendered answers, wrapping, Chinese usage errors, chat's Ctrl-C."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pytest
from rich.cells import cell_len
from rich.console import Console

from clusterbot.bot.cli.main import main
from clusterbot.bot.cli.terminal import layout, plain, wrap
from tests.cli.terminal_session import TerminalSession
from tests.paths import REPO_ROOT

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
GAP = "**天长市**距百亿级（100 亿元）还差 **5.8 亿元**：其最大集群天长市智能测控装置(仪器仪表)特色产业集群(基地) 2025 年营业收入 94.2 亿元。"
NUMBER_UNITS = ("100 亿元", "5.8 亿元", "2025 年", "94.2 亿元")


def run_cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = dict(__import__("os").environ, PYTHONPATH=str(REPO_ROOT))
    return subprocess.run([sys.executable, "-m", "clusterbot.bot.cli.main", *args], capture_output=True,
                          text=True, env=env, timeout=120, **kwargs)


@pytest.mark.parametrize("width", range(14, 60, 3))
def test_wrapping_never_splits_a_number_from_its_unit(width):
    lines = wrap(GAP, width)
    assert all(cell_len(plain(line)) <= width for line in lines)
    assert "".join(plain(line) for line in lines).replace(" ", "") == plain(GAP).replace(" ", "")
    for unit in NUMBER_UNITS:
        assert any(unit in plain(line) for line in lines), (unit, lines)
    assert not any(plain(line).startswith(("：", "，", "。", "）")) for line in lines)


def test_citations_stay_one_line_each_and_bold_is_styled():
    rendered = GAP + "\n\n依据：\n  · 二 · 工作目标 · 牵头单位：省工业和信息化厅、省发展改革委、省农业农村厅\n  · 四（一） · 建立“五个一”工作机制"
    console = Console(file=io.StringIO(), force_terminal=True, width=32, color_system="standard")
    lines = layout(rendered, 32)
    citations = [t.plain for t in lines if t.plain.startswith("  · ")]
    assert len(citations) == 2 and citations[0].endswith("…") and all(cell_len(c) <= 32 for c in citations)
    for text in lines:
        console.print(text, no_wrap=True, overflow="ignore", crop=False)
    drawn = console.file.getvalue()
    assert "\x1b[1m天长市\x1b[0m" in drawn and "**" not in drawn


def test_ask_piped_prints_plain_text(ready_data_dir):
    result = run_cli("ask", "天长市离百亿目标还有多远？")
    assert result.returncode == 0, result.stderr
    assert "**" not in result.stdout and "\x1b[" not in result.stdout
    assert result.stdout.startswith("天长市尚无百亿级集群，距百亿级") and "5.8 亿元" in result.stdout and "依据：" in result.stdout


def test_ask_on_a_terminal_renders_bold_and_wraps_at_the_terminal_width(ready_data_dir):
    session = TerminalSession("ask", "天长市离百亿目标还有多远？", columns=36)
    try:
        assert session.wait(timeout=120) == 0
        drawn = session.output
    finally:
        session.close()
    assert "\x1b[1m" in drawn and "**" not in drawn
    lines = [ANSI.sub("", line) for line in drawn.replace("\r", "").split("\n")]
    body = [line for line in lines if line and not line.startswith("  · ")]
    assert all(cell_len(line) <= 36 for line in body), body
    assert any("5.8 亿元" in line for line in lines)


def test_click_usage_errors_are_chinese(capsys):
    assert main(["nosuch"]) == 2
    err = capsys.readouterr().err
    assert "用法：" in err and "错误：没有“nosuch”这个命令。" in err and "Usage" not in err
    assert main(["ask", "--bogus"]) == 2
    assert "没有“--bogus”这个选项" in capsys.readouterr().err
    assert main(["ask", "--mode", "gpt", "q"]) == 2
    assert "取值无效" in capsys.readouterr().err
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "选项" in out and "显示本帮助并退出。" in out and "Show this message" not in out


def test_ask_llm_without_an_endpoint_answers_offline_and_says_so(ready_data_dir, capsys):
    assert main(["ask", "--mode", "llm", "--json", "数字化改造谁牵头？"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["mode"] == "offline"
    assert "未配置大模型" in captured.err and "OPENAI_BASE_URL" in captured.err


def test_chat_ctrl_c_clears_the_line_and_keeps_the_conversation(ready_data_dir):
    session = TerminalSession("chat", columns=80)
    try:
        session.read_until("› ")
        session.settle(quiet_s=1.0)  # the prompt is idle: readline, not the kernel's echo, takes the keys
        session.type("天长市离百亿")
        session.read_until("天长市离百亿")
        session.settle(quiet_s=1.0)  # readline has drawn the line; a key pressed now edits that line
        session.type("\x03")
        session.read_until("已清除本行")
        session.read_until("› ", count=2)
        assert session.process.poll() is None
        session.type("天长市离百亿目标还有多远？\r")
        session.read_until("› ", count=3)  # answered, back at the prompt
        assert "依据：" in session.output
        session.settle()
        session.type("\x03")  # on an empty prompt too: clears, does not quit
        session.read_until("› ", count=4)
        session.type("那宁国呢？\r")
        session.read_until("› ", count=5)
        assert "宁国市" in session.output.split("那宁国呢？")[-1]
        session.type("/quit\r")
        session.read_until("再见")
        assert session.wait() == 0
    finally:
        session.close()
    drawn = ANSI.sub("", session.output)
    assert "**" not in drawn and "Traceback" not in drawn
    assert drawn.count("已清除本行") == 1  # the hint once, then only ^C


def test_brief_prints_numbered_steps(ready_data_dir, tmp_path, capsys):
    assert main(["brief", "--county", "天长市", "--format", "md", "--out", str(tmp_path / "b")]) == 0
    err = capsys.readouterr().err
    steps = re.findall(r"^\[(\d+)\] ", err, re.M)
    assert steps == [str(n) for n in range(1, len(steps) + 1)] and len(steps) >= 2
    assert re.search(r"完成，用时 \d+\.\d 秒。", err)


def _show_piped(env: dict[str, str]) -> subprocess.CompletedProcess:
    code = ("import sys; from clusterbot.bot.cli.terminal import show; show(None, '**天长市**还差 **5.8 亿元**'); "
            "print('rich.console' in sys.modules, file=sys.stderr)")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**{k: v for k, v in __import__("os").environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")},
                               "PYTHONPATH": str(REPO_ROOT), **env})


def test_piped_output_is_plain_without_loading_rich():
    result = _show_piped({})
    assert result.stdout == "天长市还差 5.8 亿元\n" and result.stderr.strip() == "False"


@pytest.mark.parametrize("env", [{"FORCE_COLOR": "1"}, {"TTY_COMPATIBLE": "1"}])
def test_variables_that_make_rich_style_piped_output_still_reach_rich(env):
    result = _show_piped(env)
    assert "\x1b[1m" in result.stdout and "**" not in result.stdout and result.stderr.strip() == "True"
