"""`clusterbot doctor`: the pre-flight check of a deployment, one ✓/✗ line per item, in Chinese."""

from __future__ import annotations

import click

from clusterbot.bot.cli.output import echo
from clusterbot.messages import msg


@click.command()
@click.pass_context
def doctor(ctx: click.Context) -> None:
    """部署自检：配置、Slack 令牌、企业微信凭据、状态库、指标库与索引、磁盘空间、时钟。

    每项一行，✓ 通过，✗ 未通过并说明怎么处理，－ 未配置而跳过；不显示任何密钥。有 ✗ 时退出码为 1。
    """
    from clusterbot.bot.doctor import run_checks

    root = ctx.find_root().obj or {}
    found = run_checks(root.get("config_file"), root.get("data_dir"))
    for check in found.checks:
        echo(check.line())
    failed = sum(1 for c in found.checks if c.ok is False)
    echo(msg("doctor.summary_ok") if not failed else msg("doctor.summary_bad", n=failed))
    ctx.exit(1 if failed else 0)
