"""YAML bombs and deep nesting in the files a user hands the product: refused with a one-line error, fast.

Before, an eval set of a few lines of aliases grew past 2 GB, and 20 000-deep nesting ended in a
RecursionError (clusterbot/yaml_limits.py now bounds eval sets and document sidecars)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterbot.errors import InputError
from clusterbot.evals.loader import load_set, load_sets
from clusterbot.retrieval.loaders import sidecar_meta

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8))


@pytest.mark.parametrize("text", [
    LAUGHS,
    "cases:\n  - " + "[" * 20000 + "]" * 20000 + "\n",
    "cases:\n" + "".join(f"{'  ' * n}- \n" for n in range(1, 200)),
])
def test_an_eval_set_bomb_is_an_input_error(tmp_path, text):
    path = tmp_path / "bomb.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError):
        load_set(path)


def test_a_sidecar_bomb_is_refused(tmp_path):
    doc = tmp_path / "policy.txt"
    doc.write_text("一、总则\n", encoding="utf-8")
    (tmp_path / "policy.meta.yaml").write_text("title: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(InputError):
        sidecar_meta(doc)


def test_the_shipped_eval_sets_still_load():
    sets = sorted((Path(__file__).resolve().parents[2] / "evals" / "sets").glob("*.yaml"))
    assert len(load_sets(sets)) == len(sets) > 0
