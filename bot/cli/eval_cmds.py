"""`clusterbot eval SET.yaml…` (run question sets) and `clusterbot eval export-feedback`."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from clusterbot.bot.cli.main import settings_from
from clusterbot.bot.cli.output import echo, echo_json
from clusterbot.messages import msg
from clusterbot.terminal_text import for_terminal


class DefaultRunGroup(click.Group):
    """`eval` runs sets unless its first argument names a subcommand (export-feedback)."""

    default_command = "run"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = [self.default_command, *args]
        elif not args:
            args = [self.default_command]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultRunGroup, context_settings={"help_option_names": ["-h", "--help"]})
def eval_group() -> None:
    """评测：用问题集检验助手，或把用户点踩的回答导出为待补全的用例。

    \b
    clusterbot eval evals/sets/*.yaml [--report out/report.html] [--baseline evals/baseline.json]
    clusterbot eval export-feedback [--since 2025-01-01]
    """


@contextlib.contextmanager
def _progress_bar():
    """A bar with counts on a terminal (stderr); nothing when stderr is piped, so logs stay clean."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn(msg("eval.progress_label")), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[case]}"))
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("eval", total=None, case="")

        def advance(done: int, total: int, case_id: str) -> None:
            bar.update(task, completed=done, total=total, case=escape(for_terminal(case_id[:30])))

        yield advance


def _styled(summary: str) -> str:
    """Failures in red and the verdict in bold; click drops the colours when stdout is not a terminal."""
    lines = []
    for line in summary.splitlines():
        if line.lstrip().startswith(("✗", "未达门槛", "相对基线退步", "结论：未通过", "未通过", "未命中")):
            line = click.style(line, fg="red", bold=line.startswith("结论"))
        elif line.startswith("结论"):
            line = click.style(line, fg="green", bold=True)
        lines.append(line)
    return "\n".join(lines)


@eval_group.command("run")
@click.argument("sets", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--mode", type=click.Choice(["offline", "llm", "retrieval"]), default="offline", show_default=True,
              help="offline/llm：经同一 answer() 核心作答并评分；retrieval：只评条款检索（召回@k、MRR）。")
@click.option("--parser", type=click.Choice(["rules", "llm"]), default=None,
              help="谁把问题读成查询：rules（规则，默认）或 llm（大模型；报告写明解析器，分开评分）。")
@click.option("--json", "as_json", is_flag=True, help="把完整结果以 JSON 输出到标准输出。")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="写出报告：.md 为 Markdown，.html 为独立的 HTML 文件。")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="与该基线比较；有退步则以非零状态退出。")
@click.option("--save-baseline", "save_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="把本次结果保存为新基线（只在有意更新基线时使用）。")
@click.option("--tags", default=None, help="只跑带这些标签（或意图）的用例，逗号分隔，如 english,followup。")
@click.option("--no-retrieval", is_flag=True, help="不单独评测检索（略快）。")
@click.option("--history", "history_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="把本次结果追加到运行记录（默认 out/eval-history.jsonl），并显示趋势。")
@click.option("--no-history", is_flag=True, help="不记录本次运行。")
@click.pass_context
def run(ctx: click.Context, sets: tuple[Path, ...], mode: str, parser: str | None, as_json: bool, report_file: Path | None,
        baseline_file: Path | None, save_file: Path | None, tags: str | None, no_retrieval: bool,
        history_file: Path | None, no_history: bool) -> int:
    """运行问题集并评分；未达到问题集中的门槛或相对基线退步时以状态 1 退出。"""
    from clusterbot.bot.bootstrap import ensure_ready
    from clusterbot.errors import InputError
    from clusterbot.evals import baseline, history, reports
    from clusterbot.evals.harness import evaluate

    if not sets:
        raise InputError("eval.no_sets")
    settings = settings_from(ctx)
    if mode == "llm" and not settings.llm_configured:
        raise InputError("eval.llm_not_configured")
    parser = parser or settings.parser
    if parser == "llm" and mode != "retrieval" and not settings.llm_configured:
        raise InputError("eval.parser_not_configured")  # a run of the rule parser is not a score of the model's
    ensure_ready(settings, progress=lambda line: echo(line, err=True))
    tag_list = [t.strip() for t in (tags or "").split(",") if t.strip()]
    with _progress_bar() as progress:
        report = evaluate(settings, list(sets), mode=mode, tags=tag_list, baseline_file=baseline_file,
                          progress=progress, retrieval=not no_retrieval, parser=parser)
    trend = None
    if not no_history:
        path = history_file or history.DEFAULT_FILE
        current = history.append(report, path)
        trend = history.comparable(history.read(path), current)
    if report_file:
        reports.write(report, report_file, trend)
    if save_file:
        baseline.save(baseline.from_report(report), save_file)
    if as_json:
        echo_json(reports.as_json(report, trend))
    else:
        click.echo(_styled(for_terminal(reports.summary(report, trend))))  # styled after escaping
        if report_file:
            echo(msg("eval.report_written", file=str(report_file)))
        if save_file:
            echo(msg("eval.baseline_saved", file=str(save_file)))
    ctx.exit(0 if report.ok else 1)


@eval_group.command("export-feedback")
@click.option("--since", default=None, help="只导出该日期（含）之后的点踩，如 2025-01-31。")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="写入该 YAML 文件（默认输出到标准输出）。")
@click.pass_context
def export_feedback(ctx: click.Context, since: str | None, out_file: Path | None) -> None:
    """把审计日志中被点踩（👎）的回答导出为待补全的 YAML 用例草稿。"""
    from clusterbot.evals.feedback import draft_cases, draft_yaml, parse_since
    from clusterbot.state import state_for

    settings = settings_from(ctx)
    cases = draft_cases(state_for(settings), parse_since(since))
    if not cases:
        echo(msg("eval.feedback_none"), err=True)
        return
    text = draft_yaml(cases)
    if out_file:
        out_file.parent.mkdir(parents=True, exist_ok=True)
        out_file.write_text(text, encoding="utf-8")
        echo(msg("eval.feedback_written", count=len(cases), file=str(out_file)), err=True)
    else:
        echo(text)
