"""The package as a user installs it: a wheel built from this source, unpacked with pip
into a folder far from the repository, builds a map from another working directory.

Why: the lexicon and geodata/ are package data (mapping.package_data); a path that only
works inside a checkout would pass every other test and fail for everyone who installs
the wheel. Offline: pip builds with the setuptools already installed and installs
without dependencies (they are this environment's), so no index is asked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT, SEED

pytest.importorskip("wheel", reason="setuptools needs the `wheel` package to build a wheel")


def _pip(*args: str, cwd) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pip", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The package built as a wheel from a copy of the source, installed into a folder."""
    root = tmp_path_factory.mktemp("wheel")
    src = root / "src"
    shutil.copytree(ROOT / "mapping", src / "mapping", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    _pip("wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(root / "dist"), ".", cwd=src)
    (wheel,) = (root / "dist").glob("territory_map-*.whl")
    _pip("install", "-q", "--no-deps", "--target", str(root / "site"), str(wheel), cwd=root)
    return wheel, root / "site"


def test_wheel_carries_the_lexicon_and_the_geodata(installed):
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for data in ("rules.toml", "geodata/theatre.toml", "geodata/places.csv", "geodata/foreign.csv"):
        assert f"mapping/{data}" in names, data
    assert "mapping/geodata/provinces.geojson" in names


def test_installed_wheel_builds_a_map_from_another_folder(installed, tmp_path):
    """From a folder holding only the seeds, with the installed copy first on the path:
    the build reads that copy's lexicon and geodata, not the repository's."""
    _, site = installed
    work = tmp_path / "elsewhere"
    (work / "articles").mkdir(parents=True)
    shutil.copy(SEED, work / "articles")
    shutil.copy(SEED.with_suffix(".yaml"), work / "articles")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(site)
    proc = subprocess.run(
        [sys.executable, "-m", "mapping", "build", "--seeds", "articles", "--out", "out"]
        + ["--cdn", "--tiles", "none", "--quiet"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import mapping.gazetteer as g, mapping.rules as r;"
            " print(g.GEODATA_DIR); print(r.RULES_PATH)",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(p.startswith(str(site)) for p in where), where
    geo = (work / "out" / "provinces.geojson").read_text(encoding="utf-8")
    assert '"AF-SAM"' in geo and '"captured"' in geo
    for name in ("map.html", "mentions.csv", "sentences.csv", "history.csv", "provinces.gpkg"):
        assert (work / "out" / name).stat().st_size > 0, name
