"""Shared fixtures: the project's real geodata, the real seed, and the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_536174a612b46550.txt"


def run_cli(*args: str, cwd: Path = ROOT, check: bool = True) -> subprocess.CompletedProcess:
    """Run `python -m mapping ARGS` as a user would; returns the finished process."""
    proc = subprocess.run(
        [sys.executable, "-m", "mapping", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"exit {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        )
    return proc


def build_cli(
    seeds: Path, out: Path, *extra: str, check: bool = True
) -> subprocess.CompletedProcess:
    """`build --seeds SEEDS --out OUT --tiles none --quiet EXTRA...`, as a user would run it."""
    return run_cli(
        "build",
        "--seeds",
        str(seeds),
        "--out",
        str(out),
        "--tiles",
        "none",
        "--quiet",
        *extra,
        check=check,
    )


@pytest.fixture(scope="session")
def gaz():
    from mapping.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def seed_json() -> dict:
    doc = json.loads(run_cli("extract", str(SEED), "--json").stdout)
    assert len(doc["seeds"]) == 1
    return doc["seeds"][0]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A full `build` of seeds/ into a temporary output folder."""
    out = tmp_path_factory.mktemp("output")
    run_cli("build", "--seeds", str(ROOT / "seeds"), "--out", str(out), "--tiles", "none")
    return out
