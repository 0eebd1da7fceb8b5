"""Prompts, messages and the README stay in step with the code."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest
import yaml

from clusterbot.bot.cli.main import COMMANDS
from clusterbot.config import ENV_VARS, SECRET_VARS
from clusterbot.messages import MESSAGES_DIR, catalog
from clusterbot.templates import TEMPLATES_DIR, template_names
from tests.paths import REPO_ROOT

CODE_DIRS = ("clusterbot", "bot", "retrieval", "tools", "evals")
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def code_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for d in CODE_DIRS for p in (REPO_ROOT / d).rglob("*.py"))


def test_every_template_parses():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)))
    env.filters.update(num=str, units=str)
    for name in template_names():
        env.parse(env.loader.get_source(env, f"{name}.j2")[0])


def test_every_template_is_used():
    code = code_text() + "\n".join(p.read_text(encoding="utf-8") for p in TEMPLATES_DIR.rglob("*.j2"))
    unused = []
    for name in template_names():
        stem = re.sub(r"\.(zh|en)$", "", name)  # answer/gap.zh -> answer/gap, loaded as f"answer/{x}.{lang}"
        leaf = stem.rsplit("/", 1)[-1]
        if not any(token in code for token in (f'"{stem}', f"'{stem}", f'"{leaf}"', f"'{leaf}'", f"{leaf}.zh",
                                                 f"import '{name}", f'import "{name}')):
            unused.append(name)
    assert not unused, f"templates no code renders: {unused}"


# Answers to questions asked in English use these; briefings and operator output are Chinese-first.
ENGLISH_REQUIRED = ("engine.", "cli.", "llm.", "config.")


def test_answer_messages_exist_in_english_and_no_key_is_only_english():
    zh = catalog("zh")
    en = catalog("en")
    missing_en = sorted(k for k in set(zh) - set(en) if k.startswith(ENGLISH_REQUIRED))
    assert not missing_en, f"messages without English: {missing_en}"
    assert not set(en) - set(zh), "English messages without a Chinese original"


KEY_USE = re.compile(r"""(?:msg|Error|ConfigError|InputError|DataError|ImportFailed)\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")


def test_every_message_key_in_code_exists():
    known = set(catalog("zh"))
    used = set(KEY_USE.findall(code_text()))
    assert used, "no message keys found: the pattern no longer matches the code"
    assert not used - known, f"message keys used but not defined: {sorted(used - known)}"


@pytest.mark.parametrize("path", sorted(MESSAGES_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_message_files_are_flat_string_maps(path: Path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and all(isinstance(v, str) for v in data.values())


def test_readme_names_every_command():
    missing = [name for name in COMMANDS if f"clusterbot {name}" not in README]
    assert not missing, f"commands the README does not show: {missing}"


def test_readme_names_every_environment_variable():
    variables = set(ENV_VARS.values()) | set(SECRET_VARS) | {"CLUSTERBOT_CONFIG", "CLUSTERBOT_ADMIN_USERS",
                                                              "CLUSTERBOT_SLACK_ALLOWED_TEAMS",
                                                              "CLUSTERBOT_SLACK_ALLOWED_CHANNELS"}
    config = (REPO_ROOT / "clusterbot" / "config.py").read_text(encoding="utf-8")
    variables |= set(re.findall(r'"((?:CLUSTERBOT|OPENAI|SLACK|WECOM)_[A-Z_]+)"', config))
    missing = sorted(v for v in variables if v not in README)
    assert not missing, f"environment variables the README does not document: {missing}"
