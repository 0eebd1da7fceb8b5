"""`clusterbot ingest`, `clusterbot policy show|list` and `clusterbot search`: the policy corpus from a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import click

from clusterbot.bot.cli.main import settings_from
from clusterbot.bot.cli.output import echo, echo_json
from clusterbot.messages import msg
from clusterbot.templates import render


def _progress(text: str) -> None:
    echo(text, err=True)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--doc-id", default=None, metavar="编号",
              help="文档编号（只导入一个文件时可用）；默认取同名 .meta.yaml 中的 doc_id，或文件名。")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], doc_id: str | None) -> None:
    """导入或替换政策文件（.txt / .md / .docx / .pdf，单个不超过 20 MB）。

    文档编号相同的文件会替换旧版本，旧条款从索引中移除。任何一个文件有问题时，
    整批都不导入，索引保持原样。

    \b
    示例：
      clusterbot ingest 新政策.docx
      clusterbot ingest 实施细则.pdf --doc-id hf-rules-2025
    """
    from clusterbot.retrieval.index import ingest_files

    results = ingest_files(settings_from(ctx), list(paths), doc_id=doc_id, progress=_progress)
    for result in results:
        echo(msg("retrieval.ingest.done", doc_id=result.doc_id, title=result.title, clauses=result.clauses,
                       action=msg(f"retrieval.ingest.{result.action}")))


@click.group()
def policy() -> None:
    """查看已索引的政策文件和条款结构。"""


@policy.command("show")
@click.option("--doc", "doc_id", default=None, metavar="编号", help="文档编号（默认：2024 年安徽省指导意见）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（文档信息和全部条款）。")
@click.pass_context
def show(ctx: click.Context, doc_id: str | None, as_json: bool) -> None:
    """显示条款树：编号、标题、牵头单位和配合单位，以及指标表各行。"""
    from clusterbot.retrieval.corpus import load_corpus

    doc = load_corpus(settings_from(ctx)).document(doc_id)
    if as_json:
        echo_json(json.dumps({"document": doc.meta.model_dump(), "clauses": [c.model_dump() for c in doc.clauses]},
                              ensure_ascii=False, indent=1))
        return
    depth = {}
    for clause in doc.clauses:
        depth[clause.clause_id] = depth.get(clause.parent_id, -1) + 1 if clause.parent_id else 0
    echo(render("policy_show", meta=doc.meta, clauses=doc.clauses, depth=depth))


@policy.command("list")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@click.pass_context
def list_documents(ctx: click.Context, as_json: bool) -> None:
    """列出已索引的政策文件。"""
    from clusterbot.retrieval.corpus import load_corpus

    corpus = load_corpus(settings_from(ctx))
    metas = corpus.metas()
    if as_json:
        echo_json(json.dumps([m.model_dump() for m in metas], ensure_ascii=False, indent=1))
        return
    counts = {m.doc_id: len(corpus.document(m.doc_id).clauses) for m in metas}
    echo(render("policy_list", metas=metas, counts=counts))


@click.command()
@click.argument("query", nargs=-1, required=True)
@click.option("-k", "k", default=5, show_default=True, type=click.IntRange(1, 50), help="返回条款数。")
@click.option("--doc", "doc_id", default=None, metavar="编号", help="只在这份文档中检索。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 列表（doc_id、clause_id、label、title、breadcrumb、score、text、牵头/配合单位）。")
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], k: int, doc_id: str | None, as_json: bool) -> None:
    """按语义和关键词检索政策条款（中文或英文均可）。

    \b
    示例：
      clusterbot search 数字化改造谁牵头
      clusterbot search "five-in-one mechanism" -k 3 --json
    """
    from clusterbot.retrieval.search import search as run_search

    text = " ".join(query)
    hits = run_search(settings_from(ctx), text, k=k, doc_id=doc_id)
    if as_json:
        echo_json(json.dumps([h.model_dump() for h in hits], ensure_ascii=False, indent=1))
        return
    echo(render("search_results", query=text, hits=hits))
