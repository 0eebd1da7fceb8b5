"""The committed Word template is exactly what tools/briefing/template.py builds (review styles in code)."""

from __future__ import annotations

import zipfile

from clusterbot.tools.briefing import template


def test_committed_template_equals_the_builder_output():
    with zipfile.ZipFile(template.TEMPLATE_PATH) as archive:
        committed = {name: archive.read(name) for name in archive.namelist()}
    built = template.build()
    assert sorted(committed) == sorted(built)
    changed = [name for name in built if built[name] != committed[name]]
    assert changed == [], "run: python -m clusterbot.tools.briefing.template"


def test_template_has_no_content_only_styles_and_page(tmp_path):
    import docx

    document = docx.Document(str(template.write(tmp_path / "t.docx")))
    assert document.paragraphs == [] and document.tables == []
    names = {s.name for s in document.styles}
    assert set(template.STYLES) <= names
    assert (tmp_path / "t.docx").read_bytes() == template.TEMPLATE_PATH.read_bytes()
