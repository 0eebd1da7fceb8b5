"""`clusterbot doctor`: what an operator checks before inviting officials, one line per check.

Each check returns Check(ok, key, values): ok True (✓), False (✗, the message says what to do) or
None (not configured, skipped). Nothing here prints a secret: only variable names and redacted URLs.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx

from clusterbot.config import SECRET_VARS, Settings, load_settings
from clusterbot.errors import ClusterbotError
from clusterbot.messages import msg

SLACK_DEFAULT_API = "https://slack.com/api/"
MIN_FREE_BYTES = 1 << 30          # 1 GiB: room for the audit log, briefings and a new indicator store
MAX_SKEW_S = 60.0                 # Slack refuses signatures older than 300 s; keep well inside it
HTTP_TIMEOUT_S = 10.0


@dataclass
class Check:
    ok: bool | None
    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def line(self) -> str:
        mark = {True: "✓", False: "✗", None: "－"}[self.ok]
        return f"{mark} {msg(self.key, **self.values)}"


@dataclass
class Findings:
    checks: list[Check] = field(default_factory=list)
    server_times: list[tuple[str, float]] = field(default_factory=list)  # (service, its clock) from Date headers

    @property
    def ok(self) -> bool:
        return all(c.ok is not False for c in self.checks)


def _server_time(response: httpx.Response) -> float | None:
    try:
        return parsedate_to_datetime(response.headers["date"]).timestamp()
    except (KeyError, TypeError, ValueError):
        return None


def check_config(config_file: Path | None, data_dir: Path | None) -> tuple[Settings | None, Check]:
    try:
        settings = load_settings(config_file, data_dir=data_dir)
    except ClusterbotError as exc:
        return None, Check(False, "doctor.config_bad", {"reason": exc.message})
    except ValueError as exc:  # a value of the wrong type in the file or environment
        return None, Check(False, "doctor.config_bad", {"reason": str(exc).splitlines()[0]})
    present = [name for name in SECRET_VARS if settings.optional_secret(name)]
    state = "PostgreSQL" if settings.state_url else "SQLite"
    return settings, Check(True, "doctor.config_ok", {"data_dir": settings.data_dir, "mode": settings.mode,
                                                      "state": state, "secrets": "、".join(present) or "无"})


def check_slack(settings: Settings, found: Findings) -> Check:
    token = settings.optional_secret("SLACK_BOT_TOKEN")
    if not token:
        return Check(None, "doctor.slack_skipped")
    if not settings.optional_secret("SLACK_SIGNING_SECRET") and not settings.optional_secret("SLACK_APP_TOKEN"):
        return Check(False, "doctor.slack_no_signing_secret")
    url = (settings.slack_api_url or SLACK_DEFAULT_API).rstrip("/") + "/auth.test"
    try:
        response = httpx.post(url, headers={"Authorization": f"Bearer {token}"}, timeout=HTTP_TIMEOUT_S,
                              trust_env=False)
        body = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        return Check(False, "doctor.slack_unreachable", {"reason": type(exc).__name__})
    if (stamp := _server_time(response)) is not None:
        found.server_times.append(("Slack", stamp))
    if not body.get("ok"):
        return Check(False, "doctor.slack_bad_token", {"error": body.get("error", f"HTTP {response.status_code}")})
    return Check(True, "doctor.slack_ok", {"team": body.get("team_id", "?"), "user": body.get("user", "?")})


def check_wecom(settings: Settings, found: Findings) -> list[Check]:
    secret = settings.optional_secret("WECOM_SECRET")
    if not (secret or settings.wecom_corp_id):
        return [Check(None, "doctor.wecom_skipped")]
    missing = [v for v in ("WECOM_CORP_ID", "WECOM_AGENT_ID", "WECOM_SECRET", "WECOM_TOKEN", "WECOM_AES_KEY")
               if not (settings.optional_secret(v) if v in SECRET_VARS
                       else getattr(settings, v.lower()))]
    if missing:
        return [Check(False, "doctor.wecom_missing", {"vars": "、".join(missing)})]
    try:
        response = httpx.get(settings.wecom_api_url.rstrip("/") + "/gettoken", timeout=HTTP_TIMEOUT_S,
                             params={"corpid": settings.wecom_corp_id, "corpsecret": secret}, trust_env=False)
        body = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        return [Check(False, "doctor.wecom_unreachable", {"reason": type(exc).__name__})]
    if (stamp := _server_time(response)) is not None:
        found.server_times.append(("企业微信", stamp))
    errcode = int(body.get("errcode", 0) or 0)
    notes = [Check(None, "doctor.wecom_callback_note"), Check(None, "doctor.wecom_ip_note")]
    if errcode == 60020:
        return [Check(False, "doctor.wecom_ip_not_trusted"), *notes]
    if errcode or not body.get("access_token"):
        return [Check(False, "doctor.wecom_bad_secret", {"errcode": errcode}), *notes]
    return [Check(True, "doctor.wecom_ok"), *notes]


def check_state(settings: Settings, found: Findings) -> Check:
    from clusterbot.state import peek_state

    try:
        where, version, latest, server_time = peek_state(settings)
    except Exception as exc:  # unreachable server, unreadable file: the check's answer, not a crash
        return Check(False, "doctor.state_unreachable", {"reason": type(exc).__name__})
    if server_time is not None:
        found.server_times.append(("PostgreSQL", server_time))
    if version < latest:
        return Check(False, "doctor.state_not_migrated", {"where": where, "version": version, "latest": latest})
    return Check(True, "doctor.state_ok", {"where": where, "version": version})


def check_stores(settings: Settings) -> list[Check]:
    from clusterbot.bot.health import index_problem, indicator_problem

    out = []
    for name, probe, bad in (("指标库", indicator_problem, "doctor.store_bad"),
                             ("政策索引", index_problem, "doctor.index_bad")):
        problem = probe(settings)
        out.append(Check(True, "doctor.store_ok", {"name": name}) if problem is None
                   else Check(False, bad, {"name": name, "reason": problem}))
    return out


def check_disk(settings: Settings) -> Check:
    path = Path(settings.data_dir)
    while not path.exists() and path != path.parent:
        path = path.parent
    free = shutil.disk_usage(path).free
    values = {"free": f"{free / (1 << 30):.1f}", "path": settings.data_dir}
    return Check(free >= MIN_FREE_BYTES, "doctor.disk_ok" if free >= MIN_FREE_BYTES else "doctor.disk_low", values)


def check_clock(found: Findings, now: Callable[[], float] = time.time) -> Check:
    if not found.server_times:
        return Check(None, "doctor.clock_skipped")
    service, stamp = max(found.server_times, key=lambda item: abs(now() - item[1]))
    skew = now() - stamp
    key = "doctor.clock_ok" if abs(skew) <= MAX_SKEW_S else "doctor.clock_skewed"
    return Check(abs(skew) <= MAX_SKEW_S, key, {"service": service, "skew": f"{skew:+.0f}"})


def run_checks(config_file: Path | None = None, data_dir: Path | None = None) -> Findings:
    found = Findings()
    settings, config = check_config(config_file, data_dir)
    found.checks.append(config)
    if settings is None:
        return found
    found.checks.append(check_slack(settings, found))
    found.checks.extend(check_wecom(settings, found))
    found.checks.append(check_state(settings, found))
    found.checks.extend(check_stores(settings))
    found.checks.append(check_disk(settings))
    found.checks.append(check_clock(found))
    return found
