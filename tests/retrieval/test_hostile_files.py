"""Hostile policy files: zip and XML bombs in .docx, YAML aliases in sidecars, control characters in ids,
too many clauses, documents larger than one vector batch, and a replacing ingest that fails half-way.

Each bomb is built here and refused by the bound it would cross; the test checks the bound, so it stays
small in time and memory.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
import yaml

from clusterbot.errors import InputError
from clusterbot.retrieval import loaders, vectors
from clusterbot.retrieval.docstore import DocStore
from clusterbot.retrieval.index import ingest_files
from clusterbot.retrieval.loaders import load_document
from clusterbot.retrieval.search import search

DOC_ID = "county-cluster-fund-measures"


def _docx_parts() -> dict[str, bytes]:
    import docx

    document = docx.Document()
    document.add_paragraph("某县特色产业集群扶持办法")
    document.add_paragraph("第一条 为支持集群发展，制定本办法。")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write_docx(path: Path, body_chunk: bytes = b"", repeat: int = 0) -> Path:
    """A real .docx whose body gets `body_chunk` appended `repeat` times, written as a stream (flat memory)."""
    parts = _docx_parts()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            if name != "word/document.xml" or not repeat:
                archive.writestr(name, data)
                continue
            head, tail = data.split(b"</w:body>")
            with archive.open(name, "w", force_zip64=True) as stream:
                stream.write(head)
                for _ in range(repeat):
                    stream.write(body_chunk)
                stream.write(b"</w:body>" + tail)
    return path


def test_an_ordinary_docx_still_loads(tmp_path):
    doc = load_document(_write_docx(tmp_path / "ok.docx"))
    assert [c.clause_id for c in doc.clauses] == ["1"]


def test_docx_that_unpacks_past_the_limit_is_refused_from_its_directory(tmp_path, monkeypatch):
    chunk = b" " * (1 << 20)  # 1 MiB of blanks: compresses about a thousandfold
    path = _write_docx(tmp_path / "bomb.docx", chunk, loaders.MAX_UNPACKED_BYTES // len(chunk) + 1)
    assert path.stat().st_size < loaders.MAX_BYTES // 50

    def unpack(*args, **kwargs):
        raise AssertionError("a member was opened: the size must be decided from the zip directory")

    monkeypatch.setattr(zipfile.ZipFile, "open", unpack)
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert caught.value.key == "retrieval.docx_too_large"
    assert "压缩炸弹" in str(caught.value) and "\n" not in str(caught.value)


def test_docx_that_lies_about_its_unpacked_size_is_refused(tmp_path):
    path = _write_docx(tmp_path / "liar.docx", b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 1000, 100)
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    # Central directory entry: signature, then the uncompressed size at offset 24, the name at 46.
    at = next(i for i in range(len(data)) if data.startswith(b"PK\x01\x02", i) and data[i + 46:i + 46 + len(name)] == name)
    data[at + 24:at + 28] = struct.pack("<I", 4096)
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert caught.value.key == "retrieval.file_unreadable"  # reading stops at the declared size, the CRC fails


def test_docx_with_more_xml_elements_than_the_limit_is_refused_while_counting(tmp_path):
    chunk = b"<w:p/>" * 10_000
    repeat = loaders.MAX_XML_ELEMENTS // 10_000 + 5  # past the limit, in a file of a few dozen KB
    path = _write_docx(tmp_path / "nodes.docx", chunk, repeat)
    assert path.stat().st_size < 1 << 20
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert caught.value.key == "retrieval.docx_too_complex"


def test_docx_with_too_many_parts_is_refused(tmp_path):
    path = _write_docx(tmp_path / "parts.docx")
    with zipfile.ZipFile(path, "a") as archive:
        for i in range(loaders.MAX_ZIP_ENTRIES):
            archive.writestr(f"extra/part{i}.xml", b"<a/>")
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert caught.value.key == "retrieval.docx_too_many_parts"


def _with_sidecar(tmp_path: Path, sidecar: str, articles_file: Path) -> Path:
    path = tmp_path / "measures.txt"
    path.write_bytes(articles_file.read_bytes())
    (tmp_path / "measures.meta.yaml").write_text(sidecar, encoding="utf-8")
    return path


def test_sidecar_with_yaml_aliases_is_refused_before_expanding(tmp_path, articles_file, monkeypatch):
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    levels += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    laughs = "\n".join(levels) + "\ntitle: *i\n"
    assert len(laughs) < 400

    def construct(*args, **kwargs):
        raise AssertionError("the document was constructed: aliases must be refused while composing")

    monkeypatch.setattr(yaml.SafeLoader, "construct_document", construct)
    with pytest.raises(InputError) as caught:
        load_document(_with_sidecar(tmp_path, laughs, articles_file))
    assert caught.value.key == "retrieval.meta_bad" and "别名" in str(caught.value)


@pytest.mark.parametrize("sidecar", ["title: [a, b]\n", "- just a list\n", "title: {nested: map}\n",
                                     "title: \"集群\\x1b[2J办法\"\n", "title: [unclosed\n"])
def test_sidecar_of_the_wrong_shape_is_one_clear_error(tmp_path, articles_file, sidecar):
    with pytest.raises(InputError) as caught:
        load_document(_with_sidecar(tmp_path, sidecar, articles_file))
    assert caught.value.key == "retrieval.meta_bad"


@pytest.mark.parametrize("doc_id", ["fund\n", "fund\x1b[31m", "fund\u202etxt", "\x00", "..", "fund/../../x"])
def test_doc_ids_with_control_characters_or_paths_are_refused(articles_file, doc_id):
    with pytest.raises(InputError) as caught:
        load_document(articles_file, doc_id=doc_id)
    assert caught.value.key == "retrieval.bad_doc_id"
    assert not any(ch in str(caught.value) for ch in "\n\x1b\u202e\x00")


def test_sidecar_doc_id_with_a_control_character_is_refused(tmp_path, articles_file):
    with pytest.raises(InputError) as caught:
        load_document(_with_sidecar(tmp_path, 'doc_id: "fund\\u202etxt"\n', articles_file))
    assert caught.value.key == "retrieval.meta_bad"


def test_more_clauses_than_the_limit_are_refused_before_they_are_built(tmp_path, monkeypatch):
    from clusterbot.retrieval import parser

    built = []
    monkeypatch.setattr(parser, "_paragraph_clauses", lambda body: built.append(body) or [])
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(f"第{i}段：集群项目情况说明。" for i in range(loaders.MAX_CLAUSES + 1)), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert caught.value.key == "retrieval.too_many_clauses" and caught.value.values["count"] == loaders.MAX_CLAUSES + 1
    assert built == []


def test_a_table_with_more_rows_than_the_clause_limit_is_refused(tmp_path):
    path = tmp_path / "table.txt"
    path.write_text("县\t集群\t营业收入\n" + "".join(f"某县{i}\t集群{i}\t{i}\n" for i in range(loaders.MAX_CLAUSES)),
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert caught.value.key == "retrieval.too_many_clauses"


def test_text_longer_than_the_limit_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("集群" * (loaders.MAX_TEXT_CHARS // 2 + 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert caught.value.key == "retrieval.text_too_long"


def test_text_of_more_lines_than_the_limit_is_refused(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("集\n" * (loaders.MAX_LINES + 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert caught.value.key == "retrieval.text_too_many_lines"


def test_endless_unpunctuated_lines_make_bounded_paragraphs():
    from clusterbot.retrieval.paragraphs import MAX_PARAGRAPH_CHARS, blocks_from_text

    blocks = blocks_from_text("\n".join("集群发展情况说明" for _ in range(5000)))
    assert len(blocks) > 1
    assert max(len(b.text) for b in blocks) < MAX_PARAGRAPH_CHARS + 10
    assert sum(len(b.text) for b in blocks) == 5000 * 8  # nothing dropped


def _vectors_of(settings, doc_id: str) -> dict[str, str]:
    got = vectors.collection(settings).get(where={"doc_id": doc_id}, include=["metadatas"])
    found = {m["clause_id"]: m["hash"] for m in got["metadatas"]}
    assert len(found) == len(got["ids"])  # one vector per clause, one version
    return found


def test_batches_never_exceed_what_the_store_accepts(fresh_index):
    coll = vectors.collection(fresh_index)
    assert 1 <= vectors.batch_size(coll) <= coll._client.get_max_batch_size()


def test_a_document_larger_than_one_batch_is_added_in_batches(fresh_index, articles_file, monkeypatch):
    monkeypatch.setattr(vectors, "BATCH_LIMIT", 3)  # 7 clauses -> batches of 3, 3 and 1
    result = ingest_files(fresh_index, [articles_file])
    assert result[0].clauses == 7
    assert sorted(_vectors_of(fresh_index, DOC_ID)) == ["1", "2", "3", "4", "5", "6", "7"]
    assert search(fresh_index, "营业收入首次突破10亿元奖励", k=1, doc_id=DOC_ID)[0].clause_id == "4"


def test_replacing_ingest_that_fails_half_way_keeps_the_previous_version(fresh_index, articles_file, tmp_path,
                                                                         monkeypatch):
    from chromadb.api.models.Collection import Collection

    ingest_files(fresh_index, [articles_file])
    store = DocStore(fresh_index)
    manifest_before = store.manifest_path.read_bytes()
    document_before = store.doc_path(DOC_ID).read_bytes()
    vectors_before = _vectors_of(fresh_index, DOC_ID)

    revised = tmp_path / f"{DOC_ID}.txt"
    revised.write_text("某县集群资金管理办法（修订）\n\n" + "\n\n".join(
        f"第{n}条 修订后的第{n}项扶持措施，补助标准另行公布。" for n in "一二三四五六七八九十") + "\n", encoding="utf-8")
    monkeypatch.setattr(vectors, "BATCH_LIMIT", 4)
    real_add = Collection.add
    calls = []

    def add_then_fail(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")  # the store fails on the second batch
        return real_add(self, *args, **kwargs)

    monkeypatch.setattr(Collection, "add", add_then_fail)
    with pytest.raises(OSError):
        ingest_files(fresh_index, [revised])
    monkeypatch.undo()

    assert len(calls) == 2
    assert store.manifest_path.read_bytes() == manifest_before
    assert store.doc_path(DOC_ID).read_bytes() == document_before
    assert _vectors_of(fresh_index, DOC_ID) == vectors_before  # the first batch of the new version is gone too
    assert search(fresh_index, "营业收入首次突破10亿元奖励", k=1, doc_id=DOC_ID)[0].clause_id == "4"

    again = ingest_files(fresh_index, [revised])  # the same file goes in whole once the store works
    assert (again[0].action, again[0].clauses) == ("replaced", 10)
    assert len(_vectors_of(fresh_index, DOC_ID)) == 10


def test_cli_refuses_each_bomb_with_one_chinese_line_and_changes_nothing(fresh_index, articles_file, tmp_path,
                                                                         capsys):
    from clusterbot.bot.cli.main import main

    store = DocStore(fresh_index)
    before = store.manifest_path.read_bytes()
    laughs = "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\ntitle: *c\n"
    bomb = _write_docx(tmp_path / "bomb.docx", b" " * (1 << 20), loaders.MAX_UNPACKED_BYTES // (1 << 20) + 1)
    cases = [([str(_with_sidecar(tmp_path, laughs, articles_file))], "别名"),
             ([str(bomb)], "解压后"),
             ([str(articles_file), "--doc-id", "fund\x1b[2J"], "文档编号")]
    for args, fragment in cases:
        code = main(["--data-dir", str(fresh_index.data_dir), "ingest", *args])
        err = capsys.readouterr().err
        errors = [line for line in err.strip().splitlines() if line.startswith("错误：")]
        assert code != 0 and "Traceback" not in err and "\x1b" not in err
        assert len(errors) == 1 and fragment in errors[0]
    assert store.manifest_path.read_bytes() == before
