"""Retrieval question set and its scorer."""
