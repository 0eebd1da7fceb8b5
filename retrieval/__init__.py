"""Policy documents -> clause tree -> hybrid index (ChromaDB + BM25) -> search."""
