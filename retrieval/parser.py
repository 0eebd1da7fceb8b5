"""Policy text -> document metadata and a clause tree, with the clause ids of the architecture doc.

Three shapes are recognised: outlines numbered 一、/（一）/1. (ids `3`, `3.2`, `3.2.1`), documents
numbered by articles 第X条 (id = article number; 第X章 only in the breadcrumb), and anything else,
indexed paragraph by paragraph (`p1`, `p2`, …).
"""

from __future__ import annotations

import re

from clusterbot.retrieval.models import Clause, DocumentMeta, PolicyDocument
from clusterbot.retrieval.numbering import DATE, Marker, int_to_cn, marker, short_title, split_title
from clusterbot.retrieval.paragraphs import Block, blocks_from_text
from clusterbot.retrieval.tables import parse_rows, row_text
from clusterbot.retrieval.units import extract_units

CRUMB_SEP = " > "


class TooManyParts(ValueError):
    """More paragraphs and table rows than the caller allows (each becomes at least one clause)."""

    def __init__(self, count: int) -> None:
        self.count = count
        super().__init__(count)


def parse_document(text: str, meta: DocumentMeta, max_parts: int | None = None) -> PolicyDocument:
    """Parse extracted text; `meta` supplies doc_id and any known title/issuer/date (these win).

    With `max_parts`, a text of more paragraphs and table rows than that raises TooManyParts before any
    clause is built (building is the expensive step).
    """
    blocks = blocks_from_text(text)
    if max_parts is not None:
        parts = sum(len(b.rows) if b.is_table else 1 for b in blocks)
        if parts > max_parts:
            raise TooManyParts(parts)
    body, found = _front_and_back_matter(blocks)
    meta = meta.model_copy(update={k: v for k, v in found.items() if v and not getattr(meta, k)})
    if not meta.title:
        meta.title = meta.doc_id
    markers = [marker(b.text) for b in body if not b.is_table]
    kinds = {m.kind for m in markers if m}
    if "article" in kinds:
        clauses = _ArticleBuilder().build(body)
    elif kinds & {"section", "subsection"}:
        clauses = _OutlineBuilder().build(body)
    else:
        clauses = _paragraph_clauses(body)
    if not clauses and meta.title:
        clauses = [Clause(clause_id="p1", label="第1段", title=short_title(meta.title), text=meta.title)]
    for clause in clauses:
        clause.doc_id = meta.doc_id
        if clause.kind != "table_row" and clause.kind != "table":
            clause.text, clause.lead_units, clause.support_units = extract_units(clause.text)
        if not clause.title and clause.kind in ("article", "paragraph"):  # number printed on a line of its own
            clause.title = short_title(clause.text)
    return PolicyDocument(meta=meta, clauses=clauses)


def _plain(block: Block) -> bool:
    return not block.is_table and not marker(block.text)


def _front_and_back_matter(blocks: list[Block]) -> tuple[list[Block], dict[str, str]]:
    """Split off title, addressees, sign-off, date and distribution list (抄送)."""
    found = {"title": "", "addressees": "", "issuer": "", "date": "", "cc": ""}
    start, end = 0, len(blocks)
    if blocks and _plain(blocks[0]) and len(blocks[0].text) <= 80 and not blocks[0].text.endswith(tuple("。！？；：:;!?")):
        found["title"] = blocks[0].text
        start = 1
    if start < end and _plain(blocks[start]) and blocks[start].text.endswith(("：", ":")) and len(blocks[start].text) <= 80:
        found["addressees"] = blocks[start].text.rstrip("：:")
        start += 1
    for index in range(end - 1, start - 1, -1):
        block = blocks[index]
        match = DATE.match(block.text) if not block.is_table else None
        if match:
            found["date"] = f"{int(match['y']):04d}-{int(match['m']):02d}-{int(match['d']):02d}"
            tail = "".join(b.text for b in blocks[index + 1:] if not b.is_table)
            found["cc"] = re.sub(r"^抄送[：:]\s*", "", tail).strip()
            end = index
            before = blocks[index - 1] if index - 1 >= start else None
            if before is not None and _plain(before) and len(before.text) <= 40 and not re.search(r"[，。；：,;:]", before.text):
                found["issuer"] = before.text
                end = index - 1
            break
    return blocks[start:end], found


def _heading_parts(rest: str) -> tuple[str, str]:
    """A numbered line's (title, text): the whole line if it is a bare heading, else its first sentence."""
    if "。" not in rest and len(rest) <= 40:
        return rest, ""
    return split_title(rest)


class _TreeBuilder:
    def __init__(self) -> None:
        self.clauses: list[Clause] = []
        self.by_id: dict[str, Clause] = {}
        self.current: Clause | None = None
        self.repeats: dict[str, int] = {}
        self.tables = 0

    def add(self, clause: Clause) -> Clause:
        if clause.clause_id in self.by_id:  # a number printed twice: keep both, distinguishable
            # Counted per number: scanning every clause for each repeat made a file of repeats quadratic.
            base = clause.clause_id
            while clause.clause_id in self.by_id:
                self.repeats[base] = self.repeats.get(base, 0) + 1
                clause.clause_id = f"{base}-{self.repeats[base]}"
        self.clauses.append(clause)
        self.by_id[clause.clause_id] = clause
        if clause.parent_id and clause.parent_id in self.by_id:
            self.by_id[clause.parent_id].children.append(clause.clause_id)
        self.current = clause
        return clause

    def append_text(self, text: str) -> None:
        if self.current is None:
            self.add(Clause(clause_id="0", label="序言", title="序言", kind="preamble", text=text))
            return
        self.current.text = f"{self.current.text}\n{text}" if self.current.text else text

    def add_table(self, block: Block, owner: Clause | None, caption: str) -> None:
        rows = parse_rows(block.rows)
        owner_id = owner.clause_id if owner else "0"
        table_id = f"{owner_id}.table"
        self.tables += 1
        if table_id in self.by_id:
            table_id = f"{owner_id}.table{self.tables}"
        base_label = owner.label if owner else ""
        title = caption or "表"
        crumb = CRUMB_SEP.join(p for p in ((owner.breadcrumb if owner else ""), _display(owner) if owner else "") if p)
        table = Clause(clause_id=table_id, label=f"{base_label}·表".lstrip("·"), title=title, kind="table",
                       breadcrumb=crumb, parent_id=owner.clause_id if owner else None,
                       text="\n".join(row_text(r) for r in rows))
        previous = self.current
        self.add(table)
        for row in rows:
            self.clauses.append(Clause(
                clause_id=f"{table_id}.{row.row}", label=f"{table.label}第{row.row}行", title=row.indicator,
                kind="table_row", breadcrumb=CRUMB_SEP.join(p for p in (crumb, title) if p),
                parent_id=table_id, text=row_text(row), table_row=row))
            self.by_id[self.clauses[-1].clause_id] = self.clauses[-1]
            table.children.append(f"{table_id}.{row.row}")
        self.current = previous  # text after a table continues the clause it sits in


def _display(clause: Clause | None) -> str:
    """How a clause reads inside a breadcrumb: `三、主要任务`, `（二）实施集群数字化改造行动`, `第四条`."""
    if clause is None:
        return ""
    if clause.kind == "section":
        return f"{clause.label}、{clause.title}"
    if clause.kind == "subsection":
        number = clause.label.rsplit("（", 1)[-1]
        return f"（{number}{clause.title}"
    return f"{clause.label} {clause.title}".strip()


def _caption_before_table(body: list[Block], index: int) -> bool:
    block = body[index]
    return (index + 1 < len(body) and body[index + 1].is_table and len(block.text) <= 40
            and not re.search(r"[，。；,;]", block.text) and not marker(block.text))


class _OutlineBuilder(_TreeBuilder):
    def __init__(self) -> None:
        super().__init__()
        self.section: Clause | None = None
        self.subsection: Clause | None = None

    def build(self, body: list[Block]) -> list[Clause]:
        caption = ""
        for index, block in enumerate(body):
            if block.is_table:
                self.add_table(block, self.subsection or self.section, caption)
                caption = ""
                continue
            if _caption_before_table(body, index):
                caption = block.text
                continue
            mark = marker(block.text)
            if mark is None or mark.kind in ("chapter", "article"):
                self.append_text(block.text)
            elif mark.kind == "section":
                self._section(mark)
            elif mark.kind == "subsection":
                self._subsection(mark)
            else:
                self._item(mark)
        return self.clauses

    def _section(self, mark: Marker) -> None:
        title, text = _heading_parts(mark.rest)
        self.section = self.add(Clause(clause_id=str(mark.number), label=int_to_cn(mark.number), title=title,
                                       text=text, kind="section"))
        self.subsection = None

    def _subsection(self, mark: Marker) -> None:
        title, text = _heading_parts(mark.rest)
        parent = self.section
        prefix = f"{parent.clause_id}." if parent else ""
        label = f"{parent.label if parent else ''}（{int_to_cn(mark.number)}）"
        crumb = _display(parent)
        self.subsection = self.add(Clause(clause_id=f"{prefix}{mark.number}", label=label, title=title, text=text,
                                          kind="subsection", breadcrumb=crumb,
                                          parent_id=parent.clause_id if parent else None))

    def _item(self, mark: Marker) -> None:
        parent = self.subsection or self.section
        title, text = split_title(mark.rest)
        if parent is None:
            self.add(Clause(clause_id=str(mark.number), label=str(mark.number), title=title, text=text, kind="task"))
            return
        joiner = "" if parent.kind == "subsection" else "·"
        crumb = CRUMB_SEP.join(p for p in (parent.breadcrumb, _display(parent)) if p)
        self.add(Clause(clause_id=f"{parent.clause_id}.{mark.number}", label=f"{parent.label}{joiner}{mark.number}",
                        title=title, text=text, kind="task", breadcrumb=crumb, parent_id=parent.clause_id))


class _ArticleBuilder(_TreeBuilder):
    def build(self, body: list[Block]) -> list[Clause]:
        chapter = ""
        caption = ""
        for index, block in enumerate(body):
            if block.is_table:
                self.add_table(block, self.current, caption)
                caption = ""
                continue
            if _caption_before_table(body, index):
                caption = block.text
                continue
            mark = marker(block.text)
            if mark is not None and mark.kind == "chapter":
                chapter = f"第{int_to_cn(mark.number)}章 {mark.rest}".strip()
                continue
            if mark is not None and mark.kind == "article":
                title, text = split_title(mark.rest, limit=20)
                if not title:
                    title, text = short_title(mark.rest), mark.rest
                self.add(Clause(clause_id=str(mark.number), label=f"第{int_to_cn(mark.number)}条", title=title,
                                text=text, kind="article", breadcrumb=chapter))
                continue
            self.append_text(block.text)
        return self.clauses


def _paragraph_clauses(body: list[Block]) -> list[Clause]:
    builder = _TreeBuilder()
    # Counted as they come: recounting the clauses for every block made long documents quadratic.
    for number, block in enumerate(body, start=1):
        if block.is_table:
            anchor = Clause(clause_id=f"p{number}", label=f"第{number}段", title="表", kind="paragraph")
            builder.add(anchor)
            builder.add_table(block, anchor, "")
            continue
        builder.add(Clause(clause_id=f"p{number}", label=f"第{number}段", title=short_title(block.text),
                           text=block.text, kind="paragraph"))
    return builder.clauses
