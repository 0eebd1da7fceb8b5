"""Prompts and answer templates are files under prompts/, loaded by name."""

from __future__ import annotations

import hashlib
import io
from functools import cache
from pathlib import Path

import jinja2

from clusterbot import parsed_cache
from clusterbot.paths import PROMPTS_DIR

TEMPLATES_DIR = PROMPTS_DIR / "templates"


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in the per-user cache (clusterbot.parsed_cache), so a new process skips Jinja2's compiler.

    The key covers this module's code (the environment's options and filters are set here) and Jinja2's version;
    the entry itself records the template source's checksum and Python's version, and Jinja2 compiles again
    when either differs.
    """

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        code = _code_hash()
        return hashlib.sha256(f"{code}\0{jinja2.__version__}\0{name}\0{filename}".encode()).hexdigest()[:32]

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            with open(parsed_cache.entry_path("templates", bucket.key), "rb") as handle:
                bucket.load_bytecode(handle)
        except Exception:  # noqa: BLE001  (missing, unreadable or damaged: the template is compiled again)
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        out = io.BytesIO()
        bucket.write_bytecode(out)
        parsed_cache.write(parsed_cache.entry_path("templates", bucket.key), out.getvalue())


@cache
def _code_hash() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        bytecode_cache=CompiledTemplates(),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["num"] = format_number
    env.filters["units"] = join_units
    env.filters["growth_zh"] = growth_zh
    env.filters["growth_en"] = growth_en
    return env


def growth_zh(rate: float | None, up: str = "增长", down: str = "下降") -> str:
    """A signed rate in words: 增长 5%, 下降 6% — never 增长 -6%."""
    if rate is None:
        return "无法计算"
    return f"{up} {format_number(rate)}%" if rate >= 0 else f"{down} {format_number(-rate)}%"


def growth_en(rate: float | None, up: str = "up", down: str = "down") -> str:
    if rate is None:
        return "n/a"
    return f"{up} {format_number(rate)}%" if rate >= 0 else f"{down} {format_number(-rate)}%"


def format_number(value: float | int | None, digits: int = 1) -> str:
    """Numbers as officials write them: no trailing .0, thousands without separators."""
    if value is None:
        return "—"
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def join_units(units: list[str]) -> str:
    """Units joined with 、, but a unit that itself holds 、 (各市、县人民政府) is set off with ，."""
    out = ""
    for i, unit in enumerate(units):
        if i:
            out += "，" if "、" in unit or "、" in units[i - 1] else "、"
        out += unit
    return out


def render(name: str, **values: object) -> str:
    """Render prompts/templates/<name>.j2; a missing variable is an error, not a blank."""
    return _env().get_template(f"{name}.j2").render(**values).strip()


def read_prompt(name: str) -> str:
    """A plain prompt file, e.g. the LLM system prompt."""
    return (PROMPTS_DIR / name).read_text(encoding="utf-8")


def template_names() -> list[str]:
    return sorted(p.relative_to(TEMPLATES_DIR).as_posix()[: -len(".j2")] for p in TEMPLATES_DIR.rglob("*.j2"))
