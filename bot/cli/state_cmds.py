"""`clusterbot state migrate|copy`: the state store's schema and moving a deployment to PostgreSQL."""

from __future__ import annotations

import click

from clusterbot.bot.cli.main import settings_from
from clusterbot.bot.cli.output import echo
from clusterbot.messages import msg


@click.group()
def state() -> None:
    """状态库（对话、去重记录、审计日志）：升级架构、迁移到 PostgreSQL。"""


@state.command("migrate")
@click.pass_context
def migrate_cmd(ctx: click.Context) -> None:
    """把配置的状态库（SQLite 文件或 CLUSTERBOT_STATE_URL）升级到最新架构版本。

    升级新版本后、启动各节点之前运行一次；多个节点同时启动也只会迁移一次。
    """
    from clusterbot.state import open_state

    store = open_state(settings_from(ctx))  # opening applies the pending numbered migrations
    echo(msg("state.migrated", where=store.describe(), backend=store.backend, version=store.schema_version()))
    store.close()


@state.command("copy")
@click.option("--to", "target_url", required=True, metavar="postgresql://…",
              help="目标 PostgreSQL 数据库（须为空库）；密码请用 PGPASSWORD 或 ~/.pgpass，不要写进地址。")
@click.pass_context
def copy_cmd(ctx: click.Context, target_url: str) -> None:
    """把当前状态库（默认是数据目录里的 state.sqlite3）连同审计日志完整复制到 PostgreSQL。

    先停止服务再复制；复制在目标库的一个事务里完成，行数核对一致才算成功。
    """
    from clusterbot.errors import ConfigError
    from clusterbot.state import open_state
    from clusterbot.state_copy import copy_state
    from clusterbot.state_postgres import PostgresStateStore, is_postgres_url

    settings = settings_from(ctx)
    if not is_postgres_url(target_url):
        raise ConfigError("state.bad_url")
    if settings.state_url == target_url:
        echo(msg("state.copy_same"))
        return
    source = open_state(settings)
    target = PostgresStateStore(target_url, worker_id="state-copy")
    try:
        counts = copy_state(source, target)
    finally:
        target.close()
    shown = "，".join(f"{table} {n} 行" for table, n in counts.items())
    echo(msg("state.copied", target=target.describe(), counts=shown))
