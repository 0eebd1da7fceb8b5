"""Where the shipped files live inside a checkout."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SHIPPED_DATA = REPO_ROOT / "data"
PROMPTS_DIR = REPO_ROOT / "prompts"
DEFAULT_DATA_DIR = REPO_ROOT / "var"
