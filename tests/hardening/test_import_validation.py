"""Import validation: vintages are real dates not after today, footnote marks are not digits, and a bad vintage
can be retracted with an audit trail."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from clusterbot.bot.cli.main import main
from clusterbot.tools.dataio import import_file, store_status
from clusterbot.tools.store import read_connection, snapshot
from clusterbot.tools.validation import ImportFailed, check_vintage

TC = "天长市智能测控装置(仪器仪表)特色产业集群(基地)"
NEXT_YEAR = dt.date.today().year + 1


def write_csv(path, rows):
    header = "county,cluster,year,metric,value,unit,source,vintage\n"
    path.write_text(header + "".join(",".join(str(c) for c in r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(("vintage", "key"), [
    ("2099-12", "store.reason.vintage_in_future"),
    (f"{NEXT_YEAR}", "store.reason.vintage_in_future"),
    ("2025-13", "store.reason.vintage_not_a_date"),
    ("2025-12-99", "store.reason.vintage_not_a_date"),
    ("2025-02-30", "store.reason.vintage_not_a_date"),
    ("1899-01", "store.reason.vintage_not_a_date"),
    ("2025/03", "store.reason.bad_vintage"),
])
def test_vintages_that_are_not_real_past_dates_are_refused(vintage, key):
    assert check_vintage(vintage, dt.date(2026, 12, 7)) == key


@pytest.mark.parametrize("vintage", ["2025", "2025-09", "2025-09-30", "2026-12-07"])
def test_real_vintages_up_to_today_pass(vintage):
    assert check_vintage(vintage, dt.date(2026, 12, 7)) is None


@pytest.mark.parametrize(("value", "char"), [("95.5¹", "¹"), ("9⁵", "⁵"), ("②", "②"), ("95.5₁", "₁")])
def test_a_footnote_mark_is_refused_with_the_cell_named(settings, tmp_path, value, char):
    path = write_csv(tmp_path / "marks.csv", [["天长市", TC, 2024, "revenue", value, "亿元", "统计局", "2025-03"]])
    with pytest.raises(ImportFailed) as caught:
        import_file(settings, path)
    (issue,) = caught.value.issues
    assert (issue.row, issue.column) == (2, "value") and char in issue.reason


def test_full_width_digits_still_fold(settings, tmp_path):
    path = write_csv(tmp_path / "wide.csv", [["天长市", TC, "２０２４", "revenue", "９５.５", "亿元", "统计局", "2025-03"]])
    assert import_file(settings, path).rows == 1


def test_a_future_vintage_is_refused_at_import(settings, tmp_path):
    path = write_csv(tmp_path / "typo.csv", [["天长市", TC, 2024, "revenue", 95.5, "亿元", "统计局", "2099-12"]])
    with pytest.raises(ImportFailed) as caught:
        import_file(settings, path)
    assert [(i.row, i.column) for i in caught.value.issues] == [(2, "vintage")]


def plant_vintage(settings, vintage: str, value: float) -> None:
    """A row of `vintage` written as an older release without the vintage check would have written it."""
    with read_connection(settings) as con:
        assert con.execute("SELECT count(*) FROM indicators WHERE vintage = ?", [vintage]).fetchall()[0][0] == 0
    from clusterbot.tools.store import write_transaction

    with write_transaction(settings.data_dir) as con:
        con.execute("INSERT INTO indicators VALUES (?, 2024, 'revenue', ?, '亿元', '统计局', ?, 999)",
                    [TC, value, vintage])


def test_retract_removes_a_bad_vintage_and_keeps_an_audit_trail(settings, capsys):
    before = snapshot(settings).value(TC, "revenue", 2024).value
    plant_vintage(settings, "2099-12", 123.4)
    assert snapshot(settings).value(TC, "revenue", 2024).value == 123.4  # the typo is in force

    assert main(["data", "retract", "--vintage", "2099-12"]) == 0
    out = capsys.readouterr().out
    assert "2099-12" in out and "1 行" in out
    assert snapshot(settings).value(TC, "revenue", 2024).value == before  # the older vintage again

    (archive,) = (settings.data_dir / "retracted").glob("vintage-2099-12-*.csv")
    with open(archive, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][1] == TC and rows[1][4] == "123.4" and rows[1][7] == "2099-12"
    with read_connection(settings) as con:
        logged = con.execute("SELECT file_name, row_count FROM imports ORDER BY id DESC LIMIT 1").fetchall()[0]
    assert logged[0].startswith("retract vintage 2099-12") and logged[1] == 1
    assert store_status(settings).rows > 0

    assert main(["data", "retract", "--vintage", "2099-12"]) == 0  # nothing left: says so, changes nothing
    assert "2099-12" in capsys.readouterr().out
    assert main(["data", "retract", "--vintage", "20x9"]) == 2
