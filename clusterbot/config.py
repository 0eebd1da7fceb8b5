"""Settings in one order: command-line argument, then config file, then environment.

Secrets come from the environment only; a missing one raises a ConfigError naming the variable.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from clusterbot.errors import ConfigError
from clusterbot.paths import DEFAULT_DATA_DIR

SECRET_VARS = (
    "OPENAI_API_KEY",
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_SIGNING_SECRET",
    "WECOM_SECRET",
    "WECOM_TOKEN",
    "WECOM_AES_KEY",
    "WECOM_WEBHOOK_URL",
)

# Non-secret settings: field name -> environment variable.
ENV_VARS = {
    "data_dir": "CLUSTERBOT_DATA_DIR",
    "llm_base_url": "OPENAI_BASE_URL",
    "llm_model": "CLUSTERBOT_LLM_MODEL",
    "mode": "CLUSTERBOT_MODE",
    "parser": "CLUSTERBOT_PARSER",
    "slack_api_url": "CLUSTERBOT_SLACK_API_URL",
    "wecom_api_url": "CLUSTERBOT_WECOM_API_URL",
    "chroma_url": "CLUSTERBOT_CHROMA_URL",
    "wecom_corp_id": "WECOM_CORP_ID",
    "wecom_agent_id": "WECOM_AGENT_ID",
    "slack_interim_delay_s": "CLUSTERBOT_SLACK_INTERIM_DELAY_S",
    "slack_ack_path": "CLUSTERBOT_SLACK_ACK_PATH",
    "state_url": "CLUSTERBOT_STATE_URL",
    "state_lease_s": "CLUSTERBOT_STATE_LEASE_S",
}


class Settings(BaseModel):
    data_dir: Path = DEFAULT_DATA_DIR
    mode: str = "offline"
    parser: Literal["rules", "llm"] = "rules"  # who reads a question into its typed query for the offline engine
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_timeout_s: float = 20.0
    llm_max_retries: int = 1
    llm_max_answer_chars: int = 2000  # a longer model answer fails the check (repair, then offline)
    llm_breaker_timeouts: int = 3  # this many timeouts in a row pause the LLM ...
    llm_breaker_cooldown_s: float = 60.0  # ... for this long: answers come from the offline engine at once
    slack_api_url: str | None = None
    wecom_api_url: str = "https://qyapi.weixin.qq.com/cgi-bin/"
    chroma_url: str | None = None
    wecom_corp_id: str | None = None
    wecom_agent_id: str | None = None
    max_question_chars: int = 4000
    worker_threads: int = 4
    rate_limit_per_user_per_min: int = 20
    rate_limit_per_channel_per_min: int = 60
    slack_interim_delay_s: float = 1.0  # "正在查询…" only for answers slower than this; 0 = always, at once
    slack_ack_path: Literal["fast", "bolt"] = "fast"  # how /slack/events acks event callbacks (bot/slack/fastpath.py)
    slack_allowed_teams: list[str] = Field(default_factory=list)
    slack_allowed_channels: list[str] = Field(default_factory=list)
    admin_users: list[str] = Field(default_factory=list)
    wecom_timestamp_window_s: int = 3600
    state_url: str | None = None  # postgresql://… shares the state store between workers; unset = SQLite file
    state_lease_s: float = 60.0  # a pending delivery of a dead worker is taken over after this long
    briefing: dict[str, str] = Field(default_factory=dict)  # 版头/版记 of the briefings (tools/briefing/masthead.py)
    exchange_retention_days: float = 365.0  # audit log, feedback and idle conversations in state.sqlite3; 0 = keep

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url and self.llm_model and os.environ.get("OPENAI_API_KEY"))

    def secret(self, name: str) -> str:
        """A secret from the environment; missing or blank is a configuration error."""
        if name not in SECRET_VARS:
            raise KeyError(name)
        value = os.environ.get(name, "").strip()
        if not value:
            raise ConfigError("config.missing_env", var=name)
        return value

    def optional_secret(self, name: str) -> str | None:
        value = os.environ.get(name, "").strip()
        return value or None


def _config_file_values(path: Path | None) -> dict[str, Any]:
    if path is None:
        env_path = os.environ.get("CLUSTERBOT_CONFIG")
        path = Path(env_path) if env_path else None
    if path is None:
        return {}
    if not path.is_file():
        raise ConfigError("config.file_missing", path=str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("config.file_invalid", path=str(path), reason=str(exc)) from exc
    values = data.get("clusterbot", data)
    leaked = sorted(k for k in values if k.upper() in SECRET_VARS)
    if leaked:
        raise ConfigError("config.secret_in_file", path=str(path), keys=", ".join(leaked))
    return values


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Arguments (overrides) win over the config file, which wins over the environment."""
    values: dict[str, Any] = {}
    for field, var in ENV_VARS.items():
        raw = os.environ.get(var, "").strip()
        if raw:
            values[field] = raw
    for var, field in (
        ("CLUSTERBOT_SLACK_ALLOWED_TEAMS", "slack_allowed_teams"),
        ("CLUSTERBOT_SLACK_ALLOWED_CHANNELS", "slack_allowed_channels"),
        ("CLUSTERBOT_ADMIN_USERS", "admin_users"),
    ):
        raw = os.environ.get(var, "").strip()
        if raw:
            values[field] = [part.strip() for part in raw.split(",") if part.strip()]
    values.update(_config_file_values(config_file))
    values.update({k: v for k, v in overrides.items() if v is not None})
    settings = Settings(**values)
    settings.data_dir = settings.data_dir.expanduser()
    return settings
