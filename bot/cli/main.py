"""`clusterbot` entry point: a lazy command group so `clusterbot ask` starts fast."""

from __future__ import annotations

import importlib
import io
import logging
import sys

import click

from clusterbot.bot.cli import translation
from clusterbot.bot.cli.output import echo
from clusterbot.errors import ClusterbotError

translation.install()  # before the decorators below: some of Click's help texts are built at declaration

# command name -> "module:attribute"; each area owns its module.
COMMANDS = {
    "ask": "clusterbot.bot.cli.ask_cmds:ask",
    "chat": "clusterbot.bot.cli.ask_cmds:chat",
    "log": "clusterbot.bot.cli.ask_cmds:log",
    "ingest": "clusterbot.bot.cli.policy_cmds:ingest",
    "policy": "clusterbot.bot.cli.policy_cmds:policy",
    "search": "clusterbot.bot.cli.policy_cmds:search",
    "data": "clusterbot.bot.cli.data_cmds:data",
    "serve": "clusterbot.bot.cli.serve_cmds:serve",
    "push": "clusterbot.bot.cli.push_cmds:push",
    "brief": "clusterbot.bot.cli.brief_cmds:brief",
    "eval": "clusterbot.bot.cli.eval_cmds:eval_group",
    "state": "clusterbot.bot.cli.state_cmds:state",
    "doctor": "clusterbot.bot.cli.doctor_cmds:doctor",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        return getattr(importlib.import_module(module_name), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="出错时显示完整的调用栈（排查问题用）。")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="配置文件（TOML）；也可用环境变量 CLUSTERBOT_CONFIG 指定。",
)
@click.option("--data-dir", type=click.Path(file_okay=False), default=None,
              help="数据目录（默认 CLUSTERBOT_DATA_DIR，或项目下的 var/）。")
@click.version_option(package_name="clusterbot")
@click.pass_context
def cli(ctx: click.Context, debug: bool, config_file: str | None, data_dir: str | None) -> None:
    """clusterbot —— 县域特色产业集群政策助手。

    回答关于《关于推进县域特色产业集群（基地）高质量发展的指导意见》和集群指标的问题，
    每句话注明条款，每个数字注明数据来源。
    """
    from pathlib import Path

    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    ctx.obj["config_file"] = Path(config_file) if config_file else None
    ctx.obj["data_dir"] = Path(data_dir) if data_dir else None
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def settings_from(ctx: click.Context):
    """The Settings for a command, honouring the global --config and --data-dir options."""
    from clusterbot.config import load_settings

    root = ctx.find_root().obj or {}
    return load_settings(root.get("config_file"), data_dir=root.get("data_dir"))


def main(argv: list[str] | None = None) -> int:
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        rv = cli.main(args=argv, prog_name="clusterbot", standalone_mode=False)
    except click.exceptions.Abort:
        echo("已取消。", err=True)
        return 130
    except click.ClickException as exc:
        shown = io.StringIO()  # usage errors quote the arguments given
        exc.show(file=shown)
        echo(shown.getvalue().rstrip("\n"), err=True)
        return exc.exit_code
    except ClusterbotError as exc:
        if debug:
            raise
        echo(f"错误：{exc.message}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        echo("已取消。", err=True)
        return 130
    except Exception as exc:  # the last boundary: one line unless --debug
        if debug:
            raise
        from clusterbot.messages import msg

        echo(f"错误：{msg('cli.unexpected', reason=type(exc).__name__ + ': ' + str(exc)[:200])}", err=True)
        return 1
    return rv if isinstance(rv, int) else 0


if __name__ == "__main__":
    sys.exit(main())
