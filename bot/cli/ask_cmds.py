"""`clusterbot ask`, `clusterbot chat` and `clusterbot log`: the terminal channel."""

from __future__ import annotations

import json
import sys
import uuid

import click

from clusterbot.bot.cli.main import settings_from
from clusterbot.bot.cli.output import echo, echo_json
from clusterbot.messages import msg


def _assistant(ctx: click.Context, mode: str | None = None, parser: str | None = None):
    from clusterbot.bot.bootstrap import ensure_ready
    from clusterbot.bot.core import Assistant

    settings = settings_from(ctx)
    if mode:
        settings.mode = mode
    if parser:
        settings.parser = parser  # type: ignore[assignment]  (click.Choice keeps it to rules|llm)
    if settings.mode == "llm" and not settings.llm_configured:
        # Answer offline like the bots do when the model is unavailable, and say so (the JSON says mode "offline").
        echo(msg("cli.llm_offline", missing="、".join(missing_llm_vars(settings))), err=True)
    if settings.parser == "llm" and not settings.llm_configured:
        echo(msg("cli.parser_rules", missing="、".join(missing_llm_vars(settings))), err=True)
    ensure_ready(settings, progress=lambda line: echo(line, err=True))
    return Assistant(settings)


def missing_llm_vars(settings) -> list[str]:
    import os

    present = {"OPENAI_BASE_URL": settings.llm_base_url, "OPENAI_API_KEY": os.environ.get("OPENAI_API_KEY"),
               "CLUSTERBOT_LLM_MODEL": settings.llm_model}
    return [name for name, value in present.items() if not value]


def _emit(answer, as_json: bool) -> None:
    from clusterbot.bot.cli.render import answer_text
    from clusterbot.bot.cli.terminal import show

    if as_json:
        echo_json(answer.contract_json())
    else:
        show(None, answer_text(answer))


def _jsonl_line(line: str) -> tuple[str, str | None]:
    """A `--jsonl` input line: plain text, or {"question": ..., "thread": ...} to join a thread."""
    stripped = line.strip()
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except ValueError:
            return line.rstrip("\n"), None
        if isinstance(data, dict) and isinstance(data.get("question"), str):
            thread = data.get("thread")
            return data["question"], str(thread) if thread not in (None, "") else None
    return line.rstrip("\n"), None


@click.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="输出答案 JSON（契约格式）。")
@click.option("--jsonl", is_flag=True, help="从标准输入逐行读取问题，每行输出一个 JSON 对象；每行各自成对话，JSON 行 {\"question\": …, \"thread\": …} 可接续同一对话。")
@click.option("--mode", type=click.Choice(["offline", "llm"]), default=None, help="回答模式，默认 offline。")
@click.option("--parser", type=click.Choice(["rules", "llm"]), default=None,
              help="谁把问题读成查询：rules（规则，默认，离线）或 llm（大模型，数字仍由离线引擎计算）。")
@click.option("--thread", default=None, help="对话编号：用同一编号连续提问可以追问（如“那宁国呢？”）。")
@click.pass_context
def ask(ctx: click.Context, question: str | None, as_json: bool, jsonl: bool, mode: str | None,
        parser: str | None, thread: str | None) -> int:
    """回答一个问题，例如：clusterbot ask "天长市离百亿目标还有多远？"

    \b
    输出：答案，其后是依据的条款（条款号 · 标题 · 牵头单位）和数据说明。
    """
    from clusterbot.models import Question

    if not jsonl and not question:
        raise click.UsageError(msg("cli.ask_needs_question"))
    assistant = _assistant(ctx, mode, parser)
    if jsonl:
        batch = uuid.uuid4().hex[:12]
        for line in sys.stdin:
            if not line.strip():
                continue
            text, line_thread = _jsonl_line(line)
            # A plain line is a conversation of its own, so a batch's answers never depend on line order;
            # a JSON line with a thread (or --thread for the whole batch) continues that conversation.
            key = line_thread or thread or f"{batch}-{uuid.uuid4().hex[:8]}"
            answer = assistant.answer(Question(text=text, channel="cli", thread=f"{batch}:{key}"))
            echo_json(answer.contract_json())
        return 0
    thread = thread or uuid.uuid4().hex[:12]
    answer = assistant.answer(Question(text=question or "", channel="cli", thread=thread))
    _emit(answer, as_json)
    return 0 if answer.status != "error" else 1


@click.command()
@click.option("--mode", type=click.Choice(["offline", "llm"]), default=None, help="回答模式，默认 offline。")
@click.option("--parser", type=click.Choice(["rules", "llm"]), default=None,
              help="谁把问题读成查询：rules（规则，默认，离线）或 llm（大模型，数字仍由离线引擎计算）。")
@click.pass_context
def chat(ctx: click.Context, mode: str | None, parser: str | None) -> None:
    """交互式对话：保留上下文以便追问；/reset 重新开始，/mode 切换模式，/json 切换输出，/quit 退出。"""
    import readline  # noqa: F401  (line editing and history for input())

    from rich.console import Console

    from clusterbot.bot.cli.chat_loop import ChatLoop

    ChatLoop(_assistant(ctx, mode, parser), Console()).run(input)


@click.group()
def log() -> None:
    """审计日志：每次问答的渠道、问题、答案、引用、工具调用、模式和耗时。"""


@log.command("tail")
@click.option("-n", "count", default=10, show_default=True, type=click.IntRange(1, 100_000, clamp=True),
              help="显示最近多少条（最多 100000）。")
@click.option("--json", "as_json", is_flag=True, help="每条一行 JSON。")
@click.pass_context
def log_tail(ctx: click.Context, count: int, as_json: bool) -> None:
    """显示最近的问答记录。"""
    import datetime as dt

    from clusterbot.state import state_for

    rows = state_for(settings_from(ctx)).tail(count)
    if not rows:
        echo(msg("cli.log_empty"))
        return
    for row in rows:
        if as_json:
            echo_json(json.dumps(row, ensure_ascii=False))
            continue
        when = dt.datetime.fromtimestamp(row["created_at"]).strftime("%Y-%m-%d %H:%M:%S")
        cites = ", ".join(c["label"] for c in row["citations"])
        echo(f"#{row['id']} {when} [{row['channel']}/{row['user_id']}] {row['status']} "
                   f"{row['mode']} {row['latency_ms']:.0f}ms")
        echo(f"  Q: {row['question']}")
        echo(f"  A: {row['answer'].splitlines()[0] if row['answer'] else ''}")
        if cites:
            echo(f"  ⟶ {cites}")
