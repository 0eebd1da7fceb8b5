"""`clusterbot data import|export|retract|status`: the indicator store from the command line."""

from __future__ import annotations

from pathlib import Path

import click

from clusterbot.bot.cli.main import settings_from
from clusterbot.bot.cli.output import echo
from clusterbot.messages import msg


@click.group()
def data() -> None:
    """指标数据：导入统计数据、导出、查看数据来源与版本。"""


def _progress(text: str) -> None:
    echo(text, err=True)


def _settings(ctx: click.Context, init: bool):
    """The settings; a --data-dir that does not exist is refused (a typo would make a new demo store)."""
    from clusterbot.errors import DataError

    settings = settings_from(ctx)
    given = (ctx.find_root().obj or {}).get("data_dir")
    if given is not None and not init and not Path(given).expanduser().exists():
        raise DataError("store.import.no_data_dir", path=str(given))
    return settings


INIT_HELP = "--data-dir 指定的目录不存在时新建数据目录（默认拒绝，以免拼错目录名时悄悄建了新库）。"


@data.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--init", is_flag=True, help=INIT_HELP)
@click.pass_context
def import_cmd(ctx: click.Context, file: Path, init: bool) -> None:
    """导入 CSV 或 XLSX 指标文件。

    表头可用中文（县（市）、集群名称、指标、年份、数值、单位、来源、数据截至）或英文（county, cluster,
    year, metric, value, unit, source, vintage）；指标可写中文名称；年份或指标也可各占一列（宽表）。
    全部校验通过才写入，任何一处有错都不会修改数据库，并在原文件旁生成标出错误单元格的副本；
    重复导入同一文件不产生变化。
    """
    from clusterbot.tools.dataio import import_file
    from clusterbot.tools.store import ensure_store
    from clusterbot.tools.validation import ImportFailed

    settings = _settings(ctx, init)
    ensure_store(settings, progress=_progress)
    try:
        report = import_file(settings, file)
    except ImportFailed as exc:
        for issue in exc.issues:
            echo(issue.text(), err=True)
        if exc.annotated is not None:
            echo(msg("store.import.annotated", path=exc.annotated), err=True)
        raise
    key = "store.import.done" if report.changed else "store.import.unchanged"
    echo(msg(key, path=str(file), rows=report.rows, inserted=report.inserted, updated=report.updated,
                   unchanged=report.unchanged, superseded=report.superseded))


@data.command("template")
@click.option("--county", required=True, metavar="县名", help="要填报的县（市），例如 天长市。")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="模板文件名，例如 模板.xlsx（已存在时不覆盖）。")
@click.option("--year", type=int, default=None, help="填报年份，默认已有数据的下一年（不晚于今年）。")
@click.option("--init", is_flag=True, help=INIT_HELP)
@click.pass_context
def template_cmd(ctx: click.Context, county: str, out: Path, year: int | None, init: bool) -> None:
    """生成某县（市）的填报模板（XLSX）：集群、指标、年份带下拉选择，另附“说明”工作表。"""
    from clusterbot.tools.import_template import write_template
    from clusterbot.tools.store import ensure_store

    settings = _settings(ctx, init)
    ensure_store(settings, progress=_progress)
    path, name, clusters, metrics, chosen = write_template(settings, county, out, year=year)
    echo(msg("store.template.done", path=path, county=name, clusters=clusters, metrics=metrics, year=chosen))


@data.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True,
              help="导出文件格式。")
@click.option("--init", is_flag=True, help=INIT_HELP)
@click.pass_context
def export_cmd(ctx: click.Context, directory: Path, fmt: str, init: bool) -> None:
    """把数据库中的全部指标（含被取代的旧版本）按导入格式导出到目录 DIRECTORY。"""
    from clusterbot.tools.dataio import count_rows, export_dir
    from clusterbot.tools.store import ensure_store

    settings = _settings(ctx, init)
    ensure_store(settings, progress=_progress)
    for path in export_dir(settings, directory, fmt=fmt):
        echo(msg("store.export.done", rows=count_rows(path), path=str(path)))


@data.command("retract")
@click.option("--vintage", required=True, help="要撤回的版本，例如 2099-12。")
@click.pass_context
def retract_cmd(ctx: click.Context, vintage: str) -> None:
    """撤回某一版本的全部指标数据（例如误填的 2099-12）：删除这些行，旧版本重新生效；

    被删除的行存档到数据目录的 retracted/ 下（导入格式，可改正后重新导入），撤回记录写入导入记录。
    """
    from clusterbot.tools.retract import retract_vintage

    settings = settings_from(ctx)
    report = retract_vintage(settings, vintage)
    if not report.rows:
        echo(msg("store.retract.none", vintage=report.vintage))
        return
    echo(msg("store.retract.done", vintage=report.vintage, rows=report.rows, clusters=report.clusters,
                   archive=str(report.archive)))


@data.command("status")
@click.option("--init", is_flag=True, help=INIT_HELP)
@click.pass_context
def status_cmd(ctx: click.Context, init: bool) -> None:
    """显示数据来源、版本、行数和导入记录。"""
    from clusterbot.tools.dataio import store_status
    from clusterbot.tools.store import ensure_store

    settings = _settings(ctx, init)
    ensure_store(settings, progress=_progress)
    status = store_status(settings)
    echo(msg("store.status.header", path=status.path, version=status.schema_version))
    echo(msg("store.status.counts", counties=status.counties, clusters=status.clusters,
                   invented=status.invented_clusters, rows=status.rows, current=status.current_rows,
                   superseded=status.superseded_rows))
    for source in status.sources:
        years = f"{source.first_year}–{source.last_year}"
        echo(msg("store.status.source", source=source.source, vintage=source.vintage, rows=source.rows,
                       years=years, demo=msg("store.status.demo_suffix") if source.demo else ""))
    for log in status.imports:
        echo(msg("store.status.import", id=log.id, when=log.imported_at, file=log.file_name, rows=log.rows,
                       inserted=log.inserted, updated=log.updated, unchanged=log.unchanged))


from clusterbot.bot.cli.publish_cmds import publish_cmd  # noqa: E402 (its own module; a `data` subcommand)

data.add_command(publish_cmd)
