"""The built wheel works outside the checkout, and a checkout without symlinks builds and runs.

Builds the wheel from a Windows-style copy of the source tree (each clusterbot/* link written as the
small text file a clone without symlink support leaves: pyproject.toml maps the layers instead), installs it with `--no-deps` into a new virtual
environment whose only other packages are the dependencies already installed for the tests (a path
line, so nothing is downloaded), then runs `clusterbot ask` and `clusterbot brief` from a directory
outside the checkout with a fresh home: prompts, data and the data directory must all come from the
installed package.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.paths import REPO_ROOT

SKIP_WHEN_COPYING = shutil.ignore_patterns(".git", ".venv", "var", "out", "build", "dist", "*.egg-info",
                                           "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis")


def _site_packages(env_dir: Path) -> Path:
    return Path(sysconfig.get_path("purelib", vars={"base": str(env_dir), "platbase": str(env_dir)}))


def windows_checkout(target: Path) -> Path:
    """A copy of the checkout as a clone without symlinks leaves it: each link a file holding its target."""
    shutil.copytree(REPO_ROOT, target, symlinks=True, ignore=SKIP_WHEN_COPYING)
    links = [p for p in (target / "clusterbot").iterdir() if p.is_symlink()]
    assert links, "the checkout has no clusterbot/* links to replace"
    for link in links:
        pointed = os.readlink(link)
        link.unlink()
        link.write_text(pointed, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def source_tree(tmp_path_factory) -> Path:
    return windows_checkout(tmp_path_factory.mktemp("src") / "clusterbot")


@pytest.fixture(scope="module")
def wheel(source_tree, tmp_path_factory) -> Path:
    source = source_tree
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(source)],
                   check=True, capture_output=True, timeout=300)
    (built,) = dist.glob("clusterbot-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> dict:
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False, symlinks=True).create(env_dir)
    target = _site_packages(env_dir)
    before = set(os.listdir(target))
    # The dependencies the tests already have, reachable without a download.
    (target / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    "--quiet", str(wheel)], check=True, capture_output=True, timeout=300)
    added = set(os.listdir(target)) - before - {"dependencies.pth"}
    home = tmp_path_factory.mktemp("home")
    work = tmp_path_factory.mktemp("elsewhere")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CLUSTERBOT_", "PYTHON", "XDG_", "VIRTUAL_ENV"))}
    env.update(HOME=str(home), PATH=f"{env_dir / 'bin'}{os.pathsep}{env.get('PATH', '')}")
    return {"bin": env_dir / "bin", "added": added, "home": home, "cwd": work, "env": env, "site": target}


def run(installed: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(installed["bin"] / "clusterbot"), *args], cwd=installed["cwd"], env=installed["env"],
                          capture_output=True, text=True, timeout=300)


def test_the_wheel_carries_prompts_and_data_under_one_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"clusterbot"}
    for needed in ("clusterbot/prompts/templates/answer/gap.zh.j2", "clusterbot/prompts/messages/core.zh.yaml",
                   "clusterbot/data/policy/anhui-county-clusters-guidance-2024.txt",
                   "clusterbot/data/demo/indicators_demo.csv", "clusterbot/data/reference/counties.csv",
                   "clusterbot/tools/migrations/001_schema.sql", "clusterbot/state_migrations/sqlite/001_initial.sql",
                   "clusterbot/state_migrations/postgresql/003_delivery_leases.sql",
                   "clusterbot/bot/core.py", "clusterbot/retrieval/search.py", "clusterbot/evals/harness.py"):
        assert needed in names, needed


def test_installing_adds_exactly_one_top_level_package(installed):
    packages = {n for n in installed["added"] if not n.endswith(".dist-info")}
    assert packages == {"clusterbot"}
    assert (installed["site"] / "clusterbot" / "prompts" / "templates").is_dir()


def test_the_installed_command_answers_and_briefs_outside_the_checkout(installed):
    asked = run(installed, "ask", "天长市离百亿目标还有多远？")
    assert asked.returncode == 0, asked.stderr
    assert "5.8 亿元" in asked.stdout and "二" in asked.stdout and "示例数据" in asked.stdout
    data_dir = installed["home"] / ".local" / "share" / "clusterbot"
    assert (data_dir / "indicators.duckdb").is_file() and (data_dir / "policy_index").is_dir()
    assert not (installed["site"] / "var").exists() and not (installed["cwd"] / "var").exists()

    out = installed["cwd"] / "briefs"
    briefed = run(installed, "brief", "--county", "天长市", "--out", str(out))
    assert briefed.returncode == 0, briefed.stderr
    written = sorted(p.suffix for p in out.iterdir() if p.is_file())
    assert written == [".docx", ".md"]  # the charts sit in a folder beside them
    assert "天长市" in (next(out.glob("*.md"))).read_text(encoding="utf-8")


def test_a_checkout_without_symlinks_runs_from_source(source_tree, tmp_path):
    """`python -m clusterbot…` from a Windows-style clone: the layers and the shipped files are found beside
    the package."""
    code = ("import clusterbot.tools.briefing, clusterbot.bot.cli.main; from clusterbot.paths import PROMPTS_DIR, "
            "SHIPPED_DATA; print(clusterbot.tools.briefing.__file__); print(PROMPTS_DIR); print(SHIPPED_DATA)")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLUSTERBOT_", "PYTHON"))}
    env["PYTHONPATH"] = str(source_tree)
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    module, prompts, data = done.stdout.splitlines()
    assert module == str(source_tree / "tools" / "briefing" / "__init__.py")
    assert prompts == str(source_tree / "prompts") and data == str(source_tree / "data")
    listed = subprocess.run([sys.executable, "-m", "clusterbot.bot.cli.main", "--help"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0 and "brief" in listed.stdout, listed.stderr
