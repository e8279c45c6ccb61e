"""Missing or damaged geodata: a clear GeodataError naming the file and how to restore it.

geodata/ is copied to a temporary folder and one file is deleted, truncated or garbled;
mapping.gazetteer.load_gazetteer(copy) must raise GeodataError (never another exception,
never a silently smaller gazetteer) with the file name and the restore hint. The CLI is
checked the same way on a copy of the package whose own geodata/ is damaged (the package
finds its geodata/ as package data; there is no environment variable for it): exit 5, one
error line, nothing written.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, run_cli

from mapping.gazetteer import GEODATA_DIR, RESTORE_HINT, GeodataError, load_gazetteer

RUNTIME_FILES = [
    "theatre.toml",
    "provinces.geojson",
    "places.csv",
    "foreign.csv",
    "common_words.txt",
]
HINTS = ("git checkout -- mapping/geodata/", "bash tools/build-geodata.sh")


@pytest.fixture
def geo(tmp_path):
    """A fresh copy of geodata/ (a new path each time: load_gazetteer caches per folder)."""
    dest = tmp_path / "geodata"
    shutil.copytree(GEODATA_DIR, dest)
    return dest


def assert_clear_error(folder, name: str) -> str:
    with pytest.raises(GeodataError) as info:
        load_gazetteer(folder)
    msg = str(info.value)
    assert name in msg and all(h in msg for h in HINTS), msg
    assert "\n" not in msg
    return msg


def test_intact_copy_loads(geo):
    gaz = load_gazetteer(geo)
    assert len(gaz.provinces) == 34 and len(gaz.capitals) == 34 and gaz.foreign


def test_restore_hint_says_how():
    assert all(h in RESTORE_HINT for h in HINTS)


@pytest.mark.parametrize("name", RUNTIME_FILES)
def test_deleted_file(geo, name):
    (geo / name).unlink()
    assert "missing" in assert_clear_error(geo, name)


@pytest.mark.parametrize("name", RUNTIME_FILES)
def test_emptied_file(geo, name):
    (geo / name).write_bytes(b"")
    assert_clear_error(geo, name)


@pytest.mark.parametrize("name", RUNTIME_FILES)
@pytest.mark.parametrize("fraction", [0.02, 0.3, 0.5, 0.77, 0.999])
def test_truncated_file(geo, name, fraction):
    data = (geo / name).read_bytes()
    cut = int(len(data) * fraction)
    if data[cut - 1 : cut] == b"\n":  # keep the cut mid-line: see the next tests
        cut -= 1
    (geo / name).write_bytes(data[:cut])
    assert_clear_error(geo, name)


@pytest.mark.parametrize("name", RUNTIME_FILES)
def test_cut_anywhere_is_an_error_or_nothing_was_lost(tmp_path, name):
    """Forty cut points per file plus a dozen line boundaries: each gives a GeodataError,
    or, only for a cut exactly on a line boundary, a gazetteer that still has every
    province and capital (such a cut of a table's tail cannot be told from a shorter
    table without a checksum). Never another exception."""
    data = (GEODATA_DIR / name).read_bytes()
    line_ends = [i + 1 for i, byte in enumerate(data[:-1]) if byte == 10]
    cuts = sorted(
        {int(len(data) * k / 40) for k in range(40)}
        | set(line_ends[:: max(1, len(line_ends) // 12)])
    )
    assert len(cuts) >= 40 and max(cuts) < len(data)
    for i, cut in enumerate(cuts):
        folder = tmp_path / f"cut{i}"
        shutil.copytree(GEODATA_DIR, folder)
        (folder / name).write_bytes(data[:cut])
        try:
            gaz = load_gazetteer(folder)
        except GeodataError as exc:
            assert name in str(exc) or "theatre.toml" in str(exc), (cut, str(exc))
            assert all(h in str(exc) for h in HINTS)
        else:
            assert data[cut - 1 : cut] == b"\n" and name != "provinces.geojson", (name, cut)
            assert len(gaz.provinces) == 34 and len(gaz.capitals) == 34
        shutil.rmtree(folder)


def test_places_cut_at_a_line_before_the_last_capital(geo):
    """A cut on a line boundary parses; the lost capitals still give it away."""
    import csv

    lines = (geo / "places.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    rows = list(csv.DictReader(lines))
    last_capital = max(i for i, row in enumerate(rows, 1) if row["is_capital"] == "1")
    (geo / "places.csv").write_text("".join(lines[:last_capital]), encoding="utf-8")
    assert "capital" in assert_clear_error(geo, "places.csv")


def test_foreign_header_only(geo):
    head = (geo / "foreign.csv").read_text(encoding="utf-8").splitlines()[0]
    (geo / "foreign.csv").write_text(head + "\n", encoding="utf-8")
    assert_clear_error(geo, "foreign.csv")


@pytest.mark.parametrize("name", RUNTIME_FILES)
def test_garbled_file(geo, name):
    (geo / name).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_clear_error(geo, name)


@pytest.mark.parametrize("name", RUNTIME_FILES)
def test_file_replaced_by_a_folder(geo, name):
    (geo / name).unlink()
    (geo / name).mkdir()
    assert_clear_error(geo, name)


def test_geojson_feature_without_geometry(geo):
    import json

    doc = json.loads((geo / "provinces.geojson").read_text(encoding="utf-8"))
    del doc["features"][3]["geometry"]
    (geo / "provinces.geojson").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    assert_clear_error(geo, "provinces.geojson")


def test_theatre_lacking_a_province_names_the_theatre(geo):
    text = (geo / "theatre.toml").read_text(encoding="utf-8")
    start = text.rindex("[[province]]")
    (geo / "theatre.toml").write_text(text[:start], encoding="utf-8")
    msg = assert_clear_error(geo, "theatre.toml")
    assert "provinces.geojson" in msg


def test_missing_folder(tmp_path):
    assert_clear_error(tmp_path / "nowhere", "theatre.toml")


# ---- through the CLI, on a copy of the package whose geodata/ is damaged


@pytest.fixture
def project(tmp_path):
    """A runnable copy of the project: mapping/ with its geodata/ inside."""
    dest = tmp_path / "project"
    shutil.copytree(
        ROOT / "mapping", dest / "mapping", ignore=shutil.ignore_patterns("__pycache__")
    )
    from mapping.assets import ASSETS_DIR  # the web assets the default map inlines

    (dest / "assets").mkdir()
    (dest / "assets" / "node_modules").symlink_to(ASSETS_DIR.resolve())
    return dest


def _build(project, tmp_path):
    out = tmp_path / "out"
    proc = run_cli(
        "build",
        "--seeds",
        str(ROOT / "seeds"),
        "--out",
        str(out),
        "--tiles",
        "none",
        "--quiet",
        cwd=project,
        check=False,
    )
    return proc, out


def test_cli_copy_with_intact_geodata_builds(project, tmp_path):
    """Control: the copied package really runs (and uses its own geodata/)."""
    proc, out = _build(project, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (out / "map.html").is_file()


@pytest.mark.parametrize("damage", ["delete", "truncate"])
@pytest.mark.parametrize("name", RUNTIME_FILES)
def test_cli_exits_5_with_a_restore_hint(project, tmp_path, damage, name):
    path = project / "mapping" / "geodata" / name
    if damage == "delete":
        path.unlink()
    else:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2].rstrip(b"\n"))
    proc, out = _build(project, tmp_path)
    assert proc.returncode == 5, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert str(project / "mapping" / "geodata" / name) in lines[0] and all(
        h in lines[0] for h in HINTS
    )
    assert not (out / "map.html").exists()


def test_cli_extract_exits_5_too(project):
    (project / "mapping" / "geodata" / "places.csv").unlink()
    proc = run_cli("extract", str(ROOT / "seeds"), "--json", cwd=project, check=False)
    assert proc.returncode == 5 and "places.csv" in proc.stderr and "Traceback" not in proc.stderr
