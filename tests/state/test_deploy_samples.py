"""The deployment guide's samples parse and say what the guide says (nginx -t too, when nginx is installed)."""

from __future__ import annotations

import configparser
import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from clusterbot.bot.cli.main import COMMANDS
from tests.paths import REPO_ROOT

DEPLOY = REPO_ROOT / "deploy"
GUIDE = (REPO_ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")


def _nginx_blocks(text: str) -> dict[str, list[str]]:
    """A structural parse: balanced braces, every directive ended by `;`; {block path: its directives}."""
    text = re.sub(r"#[^\n]*", "", text)
    stack: list[str] = []
    blocks: dict[str, list[str]] = {}
    current = ""
    for char in text:
        if char == "{":
            stack.append(" ".join(current.split()))
            current = ""
        elif char == "}":
            assert stack and not current.strip(), f"unbalanced or unterminated near {current!r}"
            blocks.setdefault(" > ".join(stack), [])
            stack.pop()
        elif char == ";":
            blocks.setdefault(" > ".join(stack), []).append(" ".join(current.split()))
            current = ""
        else:
            current += char
    assert not stack and not current.strip(), "unbalanced braces or a directive without `;`"
    return blocks


def test_the_nginx_sample_terminates_tls_and_routes_the_three_paths():
    blocks = _nginx_blocks((DEPLOY / "nginx" / "clusterbot.conf").read_text(encoding="utf-8"))
    servers = [directives for path, directives in blocks.items() if path == "server"]
    tls = next(d for d in servers if "listen 443 ssl" in d)
    assert any(d.startswith("ssl_certificate ") for d in tls) and any(d.startswith("ssl_certificate_key") for d in tls)
    for path, timeout in (("/slack/events", "3s"), ("/wecom/callback", "5s"), ("/healthz", None)):
        location = blocks[f"server > location = {path}"]
        assert "proxy_pass http://clusterbot_workers" in location
        if timeout:
            assert f"proxy_read_timeout {timeout}" in location
    assert "deny all" in blocks["server > location = /healthz"]
    assert len([d for d in blocks["upstream clusterbot_workers"] if d.startswith("server ")]) == 2


def _self_signed(directory: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bot.example.gov.cn")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    crt, pem = directory / "test.crt", directory / "test.key"
    crt.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    return crt, pem


def test_nginx_accepts_the_sample_when_it_is_installed(tmp_path):
    nginx = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if nginx is None:
        pytest.skip("nginx is not installed: the structural parse above checks the sample")
    crt, pem = _self_signed(tmp_path)
    site = (DEPLOY / "nginx" / "clusterbot.conf").read_text(encoding="utf-8")
    site = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {crt};", site)
    site = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {pem};", site)
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
        f"http {{ access_log off; include {tmp_path}/site.conf; }}\n", encoding="utf-8")
    result = subprocess.run([nginx, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment]  # systemd keys are case-sensitive
    parser.read(DEPLOY / "systemd" / name, encoding="utf-8")
    return parser


def test_the_systemd_units_run_a_migrated_worker_as_an_unprivileged_user():
    worker = _unit("clusterbot@.service")
    service = worker["Service"]
    assert "clusterbot serve" in service["ExecStart"] and "808%i" in service["ExecStart"]
    assert "clusterbot state migrate" in service["ExecStartPre"]
    assert service["User"] != "root" and service["Restart"] == "always"
    assert service["EnvironmentFile"].startswith("/etc/clusterbot/")
    assert worker["Install"]["WantedBy"] == "multi-user.target"
    assert "pg_dump" in (DEPLOY / "systemd" / "clusterbot-backup.service").read_text(encoding="utf-8")
    assert _unit("clusterbot-backup.timer")["Timer"]["OnCalendar"]


def test_the_guide_names_each_sample_and_only_commands_that_exist():
    for path in DEPLOY.rglob("*"):
        if path.is_file():
            assert path.relative_to(REPO_ROOT).as_posix() in GUIDE or path.name in GUIDE, path.name
    for command in set(re.findall(r"(?:^|[`\s/])clusterbot ([a-z]+)(?=[ `\n])", GUIDE, re.MULTILINE)) - {"serve"}:
        assert command in COMMANDS, command
    for topic in ("可信域名", "备案", "企业可信IP", "/wecom/callback", "pg_dump", "clusterbot state migrate",
                  "clusterbot state copy --to", "clusterbot doctor", "/healthz"):
        assert topic in GUIDE, topic
    assert "docs/deploy.md" in (REPO_ROOT / "README.md").read_text(encoding="utf-8")
