"""`clusterbot brief`: write a county, cluster, city or province briefing (Markdown, Word, PDF)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from clusterbot.bot.cli.main import settings_from
from clusterbot.bot.cli.output import echo
from clusterbot.bot.cli.progress import Steps
from clusterbot.errors import InputError
from clusterbot.messages import msg


@click.command()
@click.option("--county", default=None, metavar="县名", help="县（市）简报，例如 天长市 或 天长。")
@click.option("--cluster", default=None, metavar="集群", help="单个集群的简报，例如 天长仪器仪表。")
@click.option("--city", default=None, metavar="市名", help="设区市简报，例如 滁州市。")
@click.option("--province", is_flag=True, help="全省简报（主要指标表的每一项）。")
@click.option("--year", type=int, default=None, help="数据年份，默认最新年份。")
@click.option("--format", "formats", default="md,docx", show_default=True,
              help="输出格式，逗号分隔：md、docx、pdf（pdf 需要本机安装 LibreOffice）。")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="输出目录，默认 <数据目录>/briefings。")
@click.option("--title", default=None, help="版头的简报名称，默认“县域特色产业集群发展简报”。")
@click.option("--issue", default=None, help="期号，例如 第3期（默认 第1期）。")
@click.option("--issuer", default=None, help="编发单位，默认所在地发展和改革委员会；也是 Word 文档的作者。")
@click.option("--date", "date_text", default=None, metavar="YYYY-MM-DD", help="版头和版记的日期，默认今天。")
@click.option("--report-to", default=None, help="版记“报”送单位。")
@click.option("--copy-to", default=None, help="版记“送”单位。")
@click.option("--send-to", default=None, help="版记“发”单位。")
@click.pass_context
def brief(ctx: click.Context, county: str | None, cluster: str | None, city: str | None, province: bool,
          year: int | None, formats: str, out_dir: str | None, title: str | None, issue: str | None,
          issuer: str | None, date_text: str | None, report_to: str | None, copy_to: str | None,
          send_to: str | None) -> None:
    """生成县域特色产业集群简报（版头、要点、目标进展、重点任务、附件和版记；Markdown 和 Word，可选 PDF）。

    版头和版记的各项可在配置文件的 [clusterbot.briefing] 中设定（title、issue、issuer、report_to、
    copy_to、send_to），命令行选项优先。
    """
    from clusterbot.bot.bootstrap import ensure_ready
    from clusterbot.bot.core import Assistant
    from clusterbot.tools.briefing import parse_formats

    chosen = [(kind, value) for kind, value in
              (("county", county), ("cluster", cluster), ("city", city), ("province", "全省" if province else None))
              if value]
    if len(chosen) != 1:
        raise InputError("brief.pick_one")
    kind, target = chosen[0]
    parsed = parse_formats(formats)
    try:
        day = dt.date.fromisoformat(date_text) if date_text else None
    except ValueError:
        raise InputError("brief.bad_date", value=date_text) from None
    masthead = {"title": title, "issue": issue, "issuer": issuer, "report_to": report_to, "copy_to": copy_to,
                "send_to": send_to}
    settings = settings_from(ctx)

    progress = Steps()
    ensure_ready(settings, progress=progress)
    result = Assistant(settings).brief(target, Path(out_dir) if out_dir else None, year=year, formats=parsed,
                                       kind=kind, progress=progress, today=day, masthead=masthead)
    progress.done()
    echo(msg("brief.written", title=result.title))
    for path in result.files:
        echo(msg("brief.written_file", path=path))
    for note in result.notes:
        echo(note, err=True)
