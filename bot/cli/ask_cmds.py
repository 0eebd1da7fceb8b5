"""`clusterbot ask`, `clusterbot chat` and `clusterbot log`: the terminal channel."""

from __future__ import annotations

import json
import sys
import uuid

import click

from clusterbot.bot.cli.main import settings_from
from clusterbot.messages import msg


def _assistant(ctx: click.Context, mode: str | None = None):
    from clusterbot.bot.bootstrap import ensure_ready
    from clusterbot.bot.core import Assistant

    settings = settings_from(ctx)
    if mode:
        settings.mode = mode
    ensure_ready(settings, progress=lambda line: click.echo(line, err=True))
    return Assistant(settings)


def _emit(answer, as_json: bool) -> None:
    from clusterbot.bot.cli.render import answer_text

    if as_json:
        click.echo(answer.contract_json())
    else:
        click.echo(answer_text(answer))


@click.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="输出答案 JSON（契约格式）。")
@click.option("--jsonl", is_flag=True, help="从标准输入逐行读取问题，每行输出一个 JSON 对象（同一进程）。")
@click.option("--mode", type=click.Choice(["offline", "llm"]), default=None, help="回答模式，默认 offline。")
@click.option("--thread", default=None, help="对话编号：用同一编号连续提问可以追问（如“那宁国呢？”）。")
@click.pass_context
def ask(ctx: click.Context, question: str | None, as_json: bool, jsonl: bool, mode: str | None,
        thread: str | None) -> int:
    """回答一个问题，例如：clusterbot ask "天长市离百亿目标还有多远？"

    \b
    输出：答案，其后是依据的条款（条款号 · 标题 · 牵头单位）和数据说明。
    """
    from clusterbot.models import Question

    if not jsonl and not question:
        raise click.UsageError(msg("cli.ask_needs_question"))
    assistant = _assistant(ctx, mode)
    thread = thread or uuid.uuid4().hex[:12]
    if jsonl:
        for line in sys.stdin:
            if not line.strip():
                continue
            answer = assistant.answer(Question(text=line.rstrip("\n"), channel="cli", thread=thread))
            click.echo(answer.contract_json())
        return 0
    answer = assistant.answer(Question(text=question, channel="cli", thread=thread))
    _emit(answer, as_json)
    return 0 if answer.status != "error" else 1


@click.command()
@click.option("--mode", type=click.Choice(["offline", "llm"]), default=None, help="回答模式，默认 offline。")
@click.pass_context
def chat(ctx: click.Context, mode: str | None) -> None:
    """交互式对话：保留上下文以便追问；/reset 重新开始，/mode 切换模式，/json 切换输出，/quit 退出。"""
    import readline  # noqa: F401  (line editing and history for input())

    from rich.console import Console
    from rich.markdown import Markdown

    from clusterbot.bot.cli.render import answer_text
    from clusterbot.models import Question

    console = Console()
    assistant = _assistant(ctx, mode)
    current_mode = assistant.settings.mode
    as_json = False
    thread = uuid.uuid4().hex[:12]
    console.print(msg("cli.chat_welcome"), style="bold")
    while True:
        try:
            line = input("› ").strip()
        except EOFError:
            console.print(msg("cli.chat_bye"))
            return
        if not line:
            continue
        if line.startswith("/"):
            command, _, arg = line.partition(" ")
            if command in ("/quit", "/exit", "/q"):
                console.print(msg("cli.chat_bye"))
                return
            if command == "/reset":
                assistant.reset(Question(text="", channel="cli", thread=thread))
                console.print(msg("cli.chat_reset"))
            elif command == "/json":
                as_json = not as_json
                console.print(msg("cli.chat_json", state="on" if as_json else "off"))
            elif command == "/mode" and arg.strip() in ("offline", "llm"):
                if arg.strip() == "llm" and not assistant.settings.llm_configured:
                    console.print(msg("cli.chat_mode_unavailable"))
                else:
                    current_mode = arg.strip()
                    console.print(msg("cli.chat_mode", mode=current_mode))
            else:
                console.print(msg("cli.chat_unknown", command=command))
            continue
        answer = assistant.answer(Question(text=line, channel="cli", thread=thread), mode=current_mode)
        if as_json:
            console.print_json(answer.contract_json())
        else:
            console.print(Markdown(answer_text(answer)))


@click.group()
def log() -> None:
    """审计日志：每次问答的渠道、问题、答案、引用、工具调用、模式和耗时。"""


@log.command("tail")
@click.option("-n", "count", default=10, show_default=True, help="显示最近多少条。")
@click.option("--json", "as_json", is_flag=True, help="每条一行 JSON。")
@click.pass_context
def log_tail(ctx: click.Context, count: int, as_json: bool) -> None:
    """显示最近的问答记录。"""
    import datetime as dt

    from clusterbot.state import open_state

    rows = open_state(settings_from(ctx).data_dir).tail(count)
    if not rows:
        click.echo(msg("cli.log_empty"))
        return
    for row in rows:
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
            continue
        when = dt.datetime.fromtimestamp(row["created_at"]).strftime("%Y-%m-%d %H:%M:%S")
        cites = ", ".join(c["label"] for c in row["citations"])
        click.echo(f"#{row['id']} {when} [{row['channel']}/{row['user_id']}] {row['status']} "
                   f"{row['mode']} {row['latency_ms']:.0f}ms")
        click.echo(f"  Q: {row['question']}")
        click.echo(f"  A: {row['answer'].splitlines()[0] if row['answer'] else ''}")
        if cites:
            click.echo(f"  ⟶ {cites}")
