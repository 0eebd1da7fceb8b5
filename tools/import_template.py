"""The workbook a county's 统计 staff fill in: `clusterbot data template --county 天长市 --out 模板.xlsx`.

Sheet 填报 holds one row per cluster and indicator for the year to report, pre-filled with the county,
the cluster's full name, the indicator's Chinese name, the year, its unit, the source and the month of
the data; only 数值 is left to type. Dropdowns (data validation) offer the county's clusters, the
indicators and the years, so a name cannot be mistyped; a hidden sheet holds their lists. Sheet 说明
says how to fill and import it. `clusterbot data import` reads it back as it is (tools/sheets.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from clusterbot.config import Settings
from clusterbot.errors import DataError
from clusterbot.tools.cells import neutralise
from clusterbot.tools.store import ensure_store, read_connection
from clusterbot.tools.validation import YEAR_MIN

DATA_SHEET = "填报"
LISTS_SHEET = "下拉选项"
HELP_SHEET = "说明"
HEADERS = ("县（市）", "集群名称", "指标", "年份", "数值", "单位", "来源", "数据截至")
WIDTHS = (10, 44, 30, 8, 12, 8, 16, 10)
HELP = (
    "县域特色产业集群指标填报模板",
    "",
    "1. 在“填报”工作表中只需填写“数值”列；县（市）、集群名称、指标、年份、单位已预先填好。",
    "2. 集群名称、指标、年份可从下拉列表中选择，请勿手工改写名称。",
    "3. 没有数据的行请让“数值”留空，导入时会跳过，不会当作 0。",
    "4. “来源”写数据出处（如 某某县统计局），“数据截至”写数据所属月份，格式为 2025-06。",
    "5. 数值只填数字，不带单位、逗号分隔符以外的符号、脚注或上标。",
    "6. 填好后运行：clusterbot data import 文件名.xlsx",
    "   全部检查通过才写入；有任何错误都不会改动数据库，并在原文件旁生成“文件名-错误标注.xlsx”，",
    "   出错的单元格标红并附说明，首页“错误清单”列出全部问题。",
)


FIRST_METRICS = ("revenue", "enterprises_above_scale")  # the figures every report starts with


def _facts(data_dir: Path, county: str) -> tuple[list[tuple[str, bool]], list[tuple[str, str, str, bool]], int | None]:
    with read_connection(data_dir) as db:
        clusters = [(r[0], bool(r[1])) for r in db.execute(
            "SELECT name, manufacturing FROM clusters WHERE county = ? ORDER BY name", [county]).fetchall()]
        metrics = [(r[0], r[1], r[2], r[3] == "manufacturing") for r in db.execute(
            "SELECT code, name, unit, scope FROM metrics ORDER BY code").fetchall()]
    metrics.sort(key=lambda m: (FIRST_METRICS.index(m[0]) if m[0] in FIRST_METRICS else len(FIRST_METRICS), m[0]))
    with read_connection(data_dir) as db:
        latest = db.execute("SELECT max(i.year) FROM indicators i JOIN clusters c ON c.name = i.cluster "
                            "WHERE c.county = ?", [county]).fetchall()[0][0]
    return clusters, metrics, latest


def resolve_county(data_dir: Path, name: str) -> str:
    """The county's full name from a full or short name (天长 -> 天长市); DataError naming close ones."""
    with read_connection(data_dir) as db:
        counties = [r[0] for r in db.execute("SELECT name FROM counties ORDER BY name").fetchall()]
    text = name.strip()
    if text in counties:
        return text
    found = [c for c in counties if c.startswith(text) or text.startswith(c[:-1])] if text else []
    if len(found) == 1:
        return found[0]
    hint = "可选：" + "、".join(found) if found else "请写县（市）全称，例如 天长市。"
    raise DataError("store.template.no_county", name=name, hint=hint)


def write_template(settings: Settings, county: str, out: Path, *, year: int | None = None,
                   today: dt.date | None = None) -> tuple[Path, str, int, int, int]:
    """Write the template; returns (path, county, clusters, metrics, year)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    data_dir = Path(settings.data_dir)
    ensure_store(data_dir)
    county = resolve_county(data_dir, county)
    out = Path(out)
    if out.exists():
        raise DataError("store.template.exists", path=str(out))
    clusters, metrics, latest = _facts(data_dir, county)
    day = today or dt.date.today()
    year = year or min((latest or day.year - 1) + 1, day.year)
    years = list(range(YEAR_MIN, max(day.year, year) + 1))

    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = DATA_SHEET
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for n, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(65 + n)].width = width
    source, vintage = f"{county}统计局", f"{day.year}-{day.month:02d}"
    for cluster, manufacturing in clusters:
        for _code, name, unit, only_mfg in metrics:
            if only_mfg and not manufacturing:
                continue  # a manufacturing indicator has no value for a service or farm cluster
            sheet.append([neutralise(county), neutralise(cluster), neutralise(name), year, None, unit, source, vintage])
    rows = sheet.max_row
    to_fill = PatternFill("solid", fgColor="FFF2CC")
    for (cell,) in sheet.iter_rows(min_row=2, max_row=rows, min_col=5, max_col=5):
        cell.fill = to_fill
    sheet.freeze_panes = "A2"

    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    for n, (cluster, _manufacturing) in enumerate(clusters, start=1):
        lists.cell(row=n, column=1, value=neutralise(cluster))
    for n, (_code, name, _unit, _mfg) in enumerate(metrics, start=1):
        lists.cell(row=n, column=2, value=neutralise(name))
    for n, value in enumerate(years, start=1):
        lists.cell(row=n, column=3, value=value)
    for column, letter, count, title in (("B", "A", len(clusters), "集群名称"), ("C", "B", len(metrics), "指标"),
                                         ("D", "C", len(years), "年份")):
        check = DataValidation(type="list", formula1=f"={LISTS_SHEET}!${letter}$1:${letter}${max(count, 1)}",
                               allow_blank=True, showErrorMessage=True, errorTitle=title,
                               error=f"请从下拉列表中选择{title}。")
        check.add(f"{column}2:{column}{max(rows, 2) + 500}")
        sheet.add_data_validation(check)
    number = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            showErrorMessage=True, errorTitle="数值", error="数值应为不小于 0 的数字，不带单位。")
    number.add(f"E2:E{max(rows, 2) + 500}")
    sheet.add_data_validation(number)

    help_sheet = book.create_sheet(HELP_SHEET)
    for line in HELP:
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 100
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out, county, len(clusters), len(metrics), year
