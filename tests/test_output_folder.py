"""An output folder that cannot take the build's files: one line, exit code 6, and every
old output left exactly as it was (all files are written to temp files first, then moved).

The read-only and full-disk cases use real file systems: a small tmpfs, mounted read-only
or filled up (needs root, as CI and the test command run; skipped otherwise).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, build_cli

EXIT_OUTPUT = 6


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _build(out: Path, seeds: Path = ROOT / "seeds", check: bool = False):
    return build_cli(seeds, out, "--no-cache", check=check)


def _other_seeds(tmp: Path) -> Path:
    seeds = tmp / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "a.txt").write_text(
        "---\ndate: 2021-08-20\n---\nThe Taliban captured Kunduz.\n" * 50, encoding="utf-8"
    )
    return seeds


def test_output_path_that_is_a_file(tmp_path):
    target = tmp_path / "output"
    target.write_text("not a folder")
    proc = _build(target)
    assert proc.returncode == EXIT_OUTPUT
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("error:")]
    assert errors == [
        f"error: {target}: the output path is a file, not a folder; no output was changed"
    ]
    assert target.read_text() == "not a folder"


def test_output_folder_under_a_file(tmp_path):
    (tmp_path / "f").write_text("x")
    proc = _build(tmp_path / "f" / "out")
    assert proc.returncode == EXIT_OUTPUT and "a path part is not a folder" in proc.stderr


@pytest.fixture
def tmpfs(tmp_path):
    """A 2 MB tmpfs of our own, unmounted afterwards."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)], capture_output=True, text=True
    )
    if proc.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.strip()}")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


def _assert_unchanged_after_failure(out: Path, before: dict[str, bytes], proc, reason: str):
    assert proc.returncode == EXIT_OUTPUT, proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and str(out) in errors[0] and reason in errors[0], proc.stderr
    assert "Traceback" not in proc.stderr
    assert _snapshot(out) == before  # every old output, byte for byte
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []  # no temp file


def test_read_only_folder_keeps_old_outputs(tmpfs, tmp_path):
    out = tmpfs / "out"
    _build(out, check=True)
    before = _snapshot(out)
    assert len(before) == 8  # map, geojson, 4 CSVs, gpkg, parquet
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    proc = _build(out, _other_seeds(tmp_path))
    _assert_unchanged_after_failure(out, before, proc, "read-only file system")


def test_full_disk_keeps_every_old_output(tmpfs, tmp_path):
    out = tmpfs / "out"
    _build(out, check=True)
    before = _snapshot(out)
    free = shutil.disk_usage(tmpfs).free
    (tmpfs / "filler").write_bytes(b"\0" * max(0, free - 150_000))  # room for some, not all
    proc = _build(out, _other_seeds(tmp_path))
    _assert_unchanged_after_failure(out, before, proc, "disk full")
    (tmpfs / "filler").unlink()
    assert _build(out, _other_seeds(tmp_path / "again")).returncode == 0  # and it recovers
