"""`clusterbot doctor` against the local mock Slack and WeCom APIs and a real PostgreSQL server."""

from __future__ import annotations

from click.testing import CliRunner

from clusterbot.bot.cli.main import cli
from clusterbot.state_postgres import PostgresStateStore
from tests.hardening.conftest import channel_env
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET
from tests.slack.mock_slack import MockSlack
from tests.wecom.conftest import AES_KEY, CORP_ID, SECRET, TOKEN
from tests.wecom.mock_wecom import MockWeCom


def _doctor() -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["doctor"], catch_exceptions=False)
    return result.exit_code, result.output


def test_doctor_passes_a_ready_deployment_and_prints_no_secret(ready_data_dir, monkeypatch, pg_url):
    PostgresStateStore(pg_url).close()  # migrated, as `clusterbot state migrate` leaves it
    slack = MockSlack()
    try:
        with MockWeCom(corp_id=CORP_ID, secret=SECRET) as wecom:
            channel_env(monkeypatch, slack.base_url, wecom.base_url)
            monkeypatch.setenv("CLUSTERBOT_STATE_URL", pg_url)
            code, out = _doctor()
    finally:
        slack.close()
    lines = out.splitlines()
    assert code == 0, out
    assert not [line for line in lines if line.startswith("✗")]
    for needle in ("✓ Slack：令牌有效", "✓ 企业微信：gettoken 成功", "✓ 状态库 postgresql://", "✓ 指标库：可读取",
                   "✓ 政策索引：可读取", "✓ 磁盘", "✓ 时钟", "可信IP", "/wecom/callback", "全部检查通过"):
        assert needle in out, needle
    for secret in (BOT_TOKEN, SIGNING_SECRET, SECRET, TOKEN, AES_KEY):
        assert secret not in out


def test_doctor_says_what_to_do_for_a_bad_token_and_an_unmigrated_state_store(ready_data_dir, monkeypatch, pg_url):
    slack = MockSlack()
    slack.script("auth.test", body={"ok": False, "error": "invalid_auth"})
    try:
        with MockWeCom(corp_id=CORP_ID, secret="another-secret") as wecom:
            channel_env(monkeypatch, slack.base_url, wecom.base_url)
            monkeypatch.setenv("CLUSTERBOT_STATE_URL", pg_url)  # an empty database: never migrated
            code, out = _doctor()
    finally:
        slack.close()
    assert code == 1
    assert "✗ Slack：令牌无效（auth.test 返回 invalid_auth）" in out and "SLACK_BOT_TOKEN" in out
    assert "✗ 企业微信：gettoken 失败" in out and "WECOM_SECRET" in out
    assert "✗ 状态库" in out and "clusterbot state migrate" in out
    assert "有 3 项未通过" in out


def test_doctor_reports_a_configuration_error_and_stops(monkeypatch, tmp_path):
    config = tmp_path / "clusterbot.toml"
    config.write_text('slack_bot_token = "xoxb-do-not-print"\n', encoding="utf-8")
    monkeypatch.setenv("CLUSTERBOT_CONFIG", str(config))
    code, out = _doctor()
    assert code == 1 and out.startswith("✗ 配置有误") and "xoxb-do-not-print" not in out
