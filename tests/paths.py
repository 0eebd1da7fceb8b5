"""The checkout the tests run from (tests read the README, the manifests and the question sets)."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
