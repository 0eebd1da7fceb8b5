"""`clusterbot data publish FILE`: put an indicator store built on the import host into this worker's data dir."""

from __future__ import annotations

from pathlib import Path

import click

from clusterbot.bot.cli.main import settings_from
from clusterbot.bot.cli.output import echo
from clusterbot.messages import msg


@click.command("publish")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def publish_cmd(ctx: click.Context, file: Path) -> None:
    """把在导入节点上生成的 indicators.duckdb 原子地放进本节点的数据目录（多节点部署时在每个节点运行）。

    先完整读取校验，再复制到同一目录下的临时文件并改名替换：正在回答的问题仍用旧数据，下一个问题起用新数据，
    每个回答只用一个数据版本并注明。
    """
    from clusterbot.tools.store import publish_file, store_path

    settings = settings_from(ctx)
    snap = publish_file(file, Path(settings.data_dir))
    echo(msg("publish.done", path=str(store_path(Path(settings.data_dir))), vintage=snap.data_vintage,
                   rows=snap.row_count))
