"""`clusterbot data import|export|retract|status`: the indicator store from the command line."""

from __future__ import annotations

from pathlib import Path

import click

from clusterbot.bot.cli.main import settings_from
from clusterbot.messages import msg


@click.group()
def data() -> None:
    """指标数据：导入统计数据、导出、查看数据来源与版本。"""


def _progress(text: str) -> None:
    click.echo(text, err=True)


@data.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def import_cmd(ctx: click.Context, file: Path) -> None:
    """导入 CSV 或 XLSX 指标文件（长表：county, cluster, year, metric, value, unit, source, vintage）。

    全部校验通过才写入，任何一行有错都不会修改数据库；重复导入同一文件不产生变化。
    """
    from clusterbot.tools.dataio import import_file
    from clusterbot.tools.store import ensure_store
    from clusterbot.tools.validation import ImportFailed

    settings = settings_from(ctx)
    ensure_store(settings, progress=_progress)
    try:
        report = import_file(settings, file)
    except ImportFailed as exc:
        for issue in exc.issues:
            click.echo(issue.text(), err=True)
        raise
    key = "store.import.done" if report.changed else "store.import.unchanged"
    click.echo(msg(key, path=str(file), rows=report.rows, inserted=report.inserted, updated=report.updated,
                   unchanged=report.unchanged, superseded=report.superseded))


@data.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True,
              help="导出文件格式。")
@click.pass_context
def export_cmd(ctx: click.Context, directory: Path, fmt: str) -> None:
    """把数据库中的全部指标（含被取代的旧版本）按导入格式导出到目录 DIRECTORY。"""
    from clusterbot.tools.dataio import count_rows, export_dir
    from clusterbot.tools.store import ensure_store

    settings = settings_from(ctx)
    ensure_store(settings, progress=_progress)
    for path in export_dir(settings, directory, fmt=fmt):
        click.echo(msg("store.export.done", rows=count_rows(path), path=str(path)))


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
        click.echo(msg("store.retract.none", vintage=report.vintage))
        return
    click.echo(msg("store.retract.done", vintage=report.vintage, rows=report.rows, clusters=report.clusters,
                   archive=str(report.archive)))


@data.command("status")
@click.pass_context
def status_cmd(ctx: click.Context) -> None:
    """显示数据来源、版本、行数和导入记录。"""
    from clusterbot.tools.dataio import store_status
    from clusterbot.tools.store import ensure_store

    settings = settings_from(ctx)
    ensure_store(settings, progress=_progress)
    status = store_status(settings)
    click.echo(msg("store.status.header", path=status.path, version=status.schema_version))
    click.echo(msg("store.status.counts", counties=status.counties, clusters=status.clusters,
                   invented=status.invented_clusters, rows=status.rows, current=status.current_rows,
                   superseded=status.superseded_rows))
    for source in status.sources:
        years = f"{source.first_year}–{source.last_year}"
        click.echo(msg("store.status.source", source=source.source, vintage=source.vintage, rows=source.rows,
                       years=years, demo=msg("store.status.demo_suffix") if source.demo else ""))
    for log in status.imports:
        click.echo(msg("store.status.import", id=log.id, when=log.imported_at, file=log.file_name, rows=log.rows,
                       inserted=log.inserted, updated=log.updated, unchanged=log.unchanged))


from clusterbot.bot.cli.publish_cmds import publish_cmd  # noqa: E402 (its own module; a `data` subcommand)

data.add_command(publish_cmd)
