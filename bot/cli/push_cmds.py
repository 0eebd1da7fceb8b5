"""`clusterbot push`: send an answer or a county briefing to a WeCom group robot."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from clusterbot.bot.cli.main import settings_from
from clusterbot.bot.cli.output import echo
from clusterbot.errors import InputError
from clusterbot.messages import msg


@click.command()
@click.option("--wecom-webhook", "webhook", is_flag=False, flag_value="", default=None, metavar="[URL]",
              help="企业微信群机器人地址或 key；不带值时读取环境变量 WECOM_WEBHOOK_URL（推荐，避免地址出现在命令行）。")
@click.option("--answer", "question", default=None, metavar="问题", help="回答这个问题，并把带出处的答案推送到群里。")
@click.option("--brief", "target", default=None, metavar="县名", help="生成该县的简报，推送摘要和简报文件。")
@click.pass_context
def push(ctx: click.Context, webhook: str | None, question: str | None, target: str | None) -> None:
    """把答案或县域简报推送到企业微信群机器人（每个机器人每分钟最多 20 条，超出时排队等待）。"""
    from clusterbot.bot.core import Assistant
    from clusterbot.bot.wecom.briefs import brief_markdown
    from clusterbot.bot.wecom.render import render_answer
    from clusterbot.bot.wecom.webhook import RobotWebhook
    from clusterbot.models import Question
    from clusterbot.state import state_for

    if webhook is None:
        raise InputError("wecom.push_need_target")
    if (question is None) == (target is None):
        raise InputError("wecom.push_need_content")
    settings = settings_from(ctx)
    url = webhook.strip() or settings.secret("WECOM_WEBHOOK_URL")
    state = state_for(settings)
    robot = RobotWebhook(url, settings.wecom_api_url, state)
    assistant = Assistant(settings, state)
    messages = files = 0
    try:
        if question is not None:
            answer = assistant.answer(
                Question(text=question, channel="wecom-push", user="push", thread="push"))
            messages += robot.send_markdown(render_answer(answer))
        elif target is not None:  # exactly one of question and target, checked above
            with tempfile.TemporaryDirectory(prefix="wecom-push-") as tmp:
                brief = assistant.brief(target, Path(tmp), formats=("md", "docx"))
                messages += robot.send_markdown(brief_markdown(brief))
                # The markdown file repeats the summary just sent; attach the others (docx).
                attachments = [p for p in brief.files if p.suffix.lower() != ".md"] or list(brief.files)
                for path in attachments:
                    robot.send_file(robot.upload_file(path))
                    messages += 1
                    files += 1
    finally:
        robot.close()
        state.close()
    echo(msg("wecom.push_done", messages=messages, files=files))
