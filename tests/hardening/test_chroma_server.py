"""CLUSTERBOT_CHROMA_URL: the policy index in a Chroma server (`chroma run`, from the installed package).

A server is started on a loopback port with its own directory; the index is built through it and
searches must return the same top hits as the embedded store.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clusterbot.config import Settings
from tests.hardening.conftest import free_port
from tests.loopback import stop, wait_healthy

QUERIES = ["数字化改造谁牵头", "百亿级集群培育目标", "省发展改革委负责哪些任务", "集群品牌建设", "英文 digital transformation"]


def chroma_cli() -> str:
    beside = Path(sys.executable).with_name("chroma")
    found = str(beside) if beside.exists() else shutil.which("chroma")
    assert found, "the chroma CLI ships with the chromadb package and must be installed"
    return found


@pytest.fixture
def chroma_server(tmp_path):
    port = free_port()
    log = open(tmp_path / "chroma.log", "wb")
    proc = subprocess.Popen([chroma_cli(), "run", "--path", str(tmp_path / "chroma"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(proc, url + "/api/v2/heartbeat", tmp_path / "chroma.log")
        yield url
    finally:
        stop(proc)
        log.close()


def _top(settings: Settings, query: str) -> list[tuple[str, str]]:
    from clusterbot.retrieval.search import search

    return [(h.doc_id, h.clause_id) for h in search(settings, query, k=5)]


def test_index_and_search_through_a_chroma_server(chroma_server, template_data_dir, isolated_env):
    from clusterbot.retrieval.docstore import DocStore
    from clusterbot.retrieval.index import ensure_index
    from clusterbot.retrieval.vectors import collection, forget_clients

    built_index = Settings(data_dir=template_data_dir)  # the embedded store, built once per worker
    remote = Settings(data_dir=isolated_env, chroma_url=chroma_server)
    try:
        ensure_index(remote)
        coll = collection(remote)
        assert coll.count() == collection(built_index).count() > 0
        assert not DocStore(remote).chroma_dir.exists()  # nothing embedded on disk
        for query in QUERIES:
            assert _top(remote, query) == _top(built_index, query), query
        ensure_index(remote)  # warm start against the server: nothing rebuilt
        assert coll.count() == collection(built_index).count()
    finally:
        forget_clients()
