"""Caps that follow what the readers really load: a .docx part by its content type, not its file name, and a
PDF's work by the content bytes its pages draw (a shared stream counted on every page) and by time.

The crafted files are built here, small on disk; each test checks that the refusal comes before the
expensive step (python-docx's tree, pypdf's parse) and within a few seconds.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest

from clusterbot.errors import InputError
from clusterbot.retrieval import docx_limits, pdf_limits
from clusterbot.retrieval.loaders import load_document

MAIN = "word/document.xml"


def _docx_parts() -> dict[str, bytes]:
    import docx

    document = docx.Document()
    document.add_paragraph("某县特色产业集群扶持办法")
    document.add_paragraph("第一条 为支持集群发展，制定本办法。")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _renamed_docx(path: Path, main: str, *, by_default: bool = False, paragraphs: int = 0,
                  chunk: bytes = b"<w:p/>") -> Path:
    """A .docx whose main part is stored as `main`, typed by an override (or by a Default for its extension),
    with `paragraphs` copies of `chunk` appended to its body, written as a stream."""
    parts = _docx_parts()
    types = parts.pop("[Content_Types].xml").decode()
    main_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    types = re.sub(r'<Override PartName="/word/document.xml"[^>]*/>', "", types)
    extension = main.rsplit(".", 1)[-1]
    typed = (f'<Default Extension="{extension}" ContentType="{main_type}"/>' if by_default
             else f'<Override PartName="/{main}" ContentType="{main_type}"/>')
    types = types.replace("</Types>", typed + "</Types>")
    rels = parts.pop("_rels/.rels").replace(MAIN.encode(), main.encode())
    body = parts.pop(MAIN)
    part_rels = parts.pop("word/_rels/document.xml.rels")
    main_name = main.rsplit("/", 1)[-1]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr(f"word/_rels/{main_name}.rels", part_rels)
        for name, data in parts.items():
            archive.writestr(name, data)
        head, tail = body.split(b"</w:body>")
        with archive.open(main, "w", force_zip64=True) as stream:
            stream.write(head)
            block = chunk * 100_000
            for _ in range(paragraphs // 100_000):
                stream.write(block)
            stream.write(chunk * (paragraphs % 100_000))
            stream.write(b"</w:body>" + tail)
    return path


@pytest.mark.parametrize("by_default", [False, True])
def test_a_renamed_main_part_is_what_python_docx_reads(tmp_path, by_default):
    path = _renamed_docx(tmp_path / "renamed.docx", "word/document.bin", by_default=by_default, paragraphs=3,
                         chunk=b"<w:p><w:r><w:t>\xe7\xac\xac\xe4\xba\x8c\xe6\x9d\xa1 \xe5\x8a\xa0\xe5\xbc\xba\xe4\xbf"
                               b"\x9d\xe9\x9a\x9c\xe3\x80\x82</w:t></w:r></w:p>")
    doc = load_document(path)
    assert [c.clause_id for c in doc.clauses][:2] == ["1", "2"]  # the text came from word/document.bin


@pytest.mark.parametrize("by_default", [False, True])
def test_ten_million_elements_in_a_renamed_main_part_are_refused_quickly(tmp_path, monkeypatch, by_default):
    path = _renamed_docx(tmp_path / "nodes.docx", "word/document.bin", by_default=by_default,
                         paragraphs=10_000_000)
    assert path.stat().st_size < 1 << 20

    def build(*args, **kwargs):
        raise AssertionError("python-docx was asked to build the document")

    import docx

    monkeypatch.setattr(docx, "Document", build)
    started = time.process_time()
    with pytest.raises(InputError) as caught:
        load_document(path)
    elapsed = time.process_time() - started
    assert caught.value.key == "retrieval.docx_too_complex"
    assert "XML 元素" in str(caught.value) and "\n" not in str(caught.value)
    assert elapsed < 3.0, elapsed


def test_a_header_part_under_any_name_is_counted(tmp_path):
    """Every part the relationships reach counts, not only the main one."""
    path = _renamed_docx(tmp_path / "ok.docx", MAIN)
    header_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/word/h.dat" ContentType="{header_type}"/></Types>'.encode())
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                             b'relationships/header" Target="h.dat"/></Relationships>')
    header = (b'<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              + b"<w:p/>" * (docx_limits.MAX_XML_ELEMENTS + 1) + b"</w:hdr>")
    parts["word/h.dat"] = header
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert caught.value.key == "retrieval.docx_too_complex"


def _pdf(path: Path, pages: int, draw_bytes: int, *, shared: bool = True, as_form: bool = False) -> Path:
    """A PDF whose pages draw `draw_bytes` of line art (with one line of text), from one shared stream."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    line = b"1 2 m 3 4 l S\n"
    body = b"BT /F1 12 Tf 72 720 Td (policy) Tj ET\n" + line * (draw_bytes // len(line))

    def stream(extra: dict | None = None):
        content = DecodedStreamObject()
        content.set_data(body)
        encoded = content.flate_encode()
        for key, value in (extra or {}).items():
            encoded[NameObject(key)] = value
        return writer._add_object(encoded)

    font = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                                                NameObject("/Subtype"): NameObject("/Type1"),
                                                NameObject("/BaseFont"): NameObject("/Helvetica")}))
    fonts = DictionaryObject({NameObject("/F1"): font})
    form = stream({"/Type": NameObject("/XObject"), "/Subtype": NameObject("/Form"), "/Resources":
                   DictionaryObject({NameObject("/Font"): fonts})}) if as_form else None
    drawing = stream() if shared and not as_form else None
    if as_form:
        small = DecodedStreamObject()
        small.set_data(b"/X0 Do\n")
        drawing = writer._add_object(small)
    for _ in range(pages):
        page = writer.add_blank_page(612, 792)
        resources = DictionaryObject({NameObject("/Font"): fonts})
        if as_form:
            resources[NameObject("/XObject")] = DictionaryObject({NameObject("/X0"): form})
        page[NameObject("/Contents")] = drawing if shared or as_form else stream()
        page[NameObject("/Resources")] = resources
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


@pytest.mark.parametrize("as_form", [False, True])
def test_two_thousand_pages_sharing_one_drawing_are_refused_in_seconds(tmp_path, monkeypatch, as_form):
    path = _pdf(tmp_path / "shared.pdf", 2000, 3_600_000, as_form=as_form)
    assert path.stat().st_size < 400_000

    from pypdf import PageObject

    def extract(*args, **kwargs):
        raise AssertionError("text was extracted: the content must be measured first")

    monkeypatch.setattr(PageObject, "extract_text", extract)
    started = time.process_time()
    with pytest.raises(InputError) as caught:
        load_document(path)
    elapsed = time.process_time() - started
    assert caught.value.key == "retrieval.pdf_too_much_content"
    assert caught.value.values["page"] == 10  # 9 pages draw 32.4 MB, the 10th crosses 32 MiB
    assert "页面内容" in str(caught.value) and "\n" not in str(caught.value)
    assert elapsed < 4.0, elapsed


def test_one_page_over_the_page_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_limits, "MAX_PDF_PAGE_CONTENT_BYTES", 1 << 20)
    path = _pdf(tmp_path / "big-page.pdf", 1, 2 << 20)
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert caught.value.key == "retrieval.pdf_too_much_content" and caught.value.values["page"] == 1


def test_extraction_stops_at_the_time_limit(tmp_path, monkeypatch):
    """Under the byte limits but slow to parse: refused once the wall-time limit has passed."""
    path = _pdf(tmp_path / "slow.pdf", 40, 200_000, shared=False)
    monkeypatch.setattr(pdf_limits, "MAX_PDF_SECONDS", 0.5)
    started = time.process_time()
    with pytest.raises(InputError) as caught:
        load_document(path)
    elapsed = time.process_time() - started
    assert caught.value.key == "retrieval.pdf_too_slow" and 2 <= caught.value.values["page"] < 40
    assert elapsed < 3.0, elapsed  # CPU seconds: all 40 pages take about 12 s


def test_an_ordinary_pdf_within_the_limits_still_loads(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "Article 1 Support for county clusters.\n\nArticle 2 Funds are granted yearly.")
    path = tmp_path / "ok.pdf"
    pdf.output(str(path))
    doc = load_document(path)
    assert "Funds are granted yearly." in " ".join(c.text for c in doc.clauses)
