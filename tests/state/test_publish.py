"""`clusterbot data publish`: a store imported on one host, placed atomically on a worker; one vintage per answer."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from clusterbot.bot.cli.main import cli, main
from clusterbot.bot.core import Assistant
from clusterbot.config import load_settings
from clusterbot.models import Question
from clusterbot.tools.store import pinned_snapshot, publish_file, snapshot, store_path

CLUSTER = "天长市智能测控装置(仪器仪表)特色产业集群(基地)"
QUESTION = "天长市智能测控装置集群2024年营业收入是多少？"


def _imported_store(template_data_dir, tmp_path, vintage: str, value: float):
    """A data dir like the import host's, with one new figure of `vintage` imported; its store file."""
    importer = tmp_path / f"importer-{vintage}"
    shutil.copytree(template_data_dir, importer, ignore=shutil.ignore_patterns("usem3-tokenizer-*.npz"))
    csv = tmp_path / f"{vintage}.csv"
    csv.write_text("county,cluster,year,metric,value,unit,source,vintage\n"
                   f"天长市,{CLUSTER},2024,revenue,{value},亿元,滁州市统计局,{vintage}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--data-dir", str(importer), "data", "import", str(csv)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return store_path(importer)


def test_publish_replaces_the_store_and_the_next_answer_names_the_new_vintage(
        ready_data_dir, template_data_dir, tmp_path):
    new_store = _imported_store(template_data_dir, tmp_path, "2026-01", 123.4)
    settings = load_settings()
    assistant = Assistant(settings)
    before = assistant.answer(Question(text=QUESTION, channel="cli", user="u", thread="t1"))
    result = CliRunner().invoke(cli, ["data", "publish", str(new_store)], catch_exceptions=False)
    assert result.exit_code == 0 and "2026-01" in result.output, result.output
    after = assistant.answer(Question(text=QUESTION, channel="cli", user="u", thread="t2"))
    assert "2026-01" not in (before.data_vintage or "") and "2026-01" in (after.data_vintage or "")
    assert "123.4" in after.answer and "版本" in after.answer
    assert assistant.state.tail(1)[0]["data_vintage"] == after.data_vintage  # the audit log names it too
    assert not list(ready_data_dir.glob(".indicators.*"))  # no temporary file left behind


def test_an_answer_keeps_the_vintage_it_started_with_while_a_new_store_is_published(
        ready_data_dir, template_data_dir, tmp_path):
    first = _imported_store(template_data_dir, tmp_path, "2026-02", 111.1)
    second = _imported_store(template_data_dir, tmp_path, "2026-03", 222.2)
    publish_file(first, ready_data_dir)
    with pinned_snapshot(ready_data_dir) as pinned:
        publish_file(second, ready_data_dir)
        assert snapshot(ready_data_dir) is pinned and pinned.data_vintage.endswith("2026-02")
    assert snapshot(ready_data_dir).data_vintage.endswith("2026-03")


def test_a_file_that_is_not_an_indicator_store_is_refused_and_the_live_one_kept(ready_data_dir, tmp_path, capsys):
    bogus = tmp_path / "indicators.duckdb"
    bogus.write_bytes(b"not a database at all" * 100)
    live = store_path(ready_data_dir).read_bytes()
    assert main(["data", "publish", str(bogus)]) == 3
    assert "indicators.duckdb" in capsys.readouterr().err
    assert store_path(ready_data_dir).read_bytes() == live
    assert main(["data", "publish", str(tmp_path / "missing.duckdb")]) == 3
