"""Prompts and answer templates are files under prompts/, loaded by name."""

from __future__ import annotations

from functools import cache

import jinja2

from clusterbot.paths import PROMPTS_DIR

TEMPLATES_DIR = PROMPTS_DIR / "templates"


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
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
