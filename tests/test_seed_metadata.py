"""Metadata and names that used to be lost or crash the build (untrusted articles, item 6):
huge numbers, duplicate keys, time-zone offsets, NUL characters past the binary check, and
file names holding '[' or a line break."""

from __future__ import annotations

import csv
import json

import geopandas as gpd
from conftest import build_cli
from test_xss import page_data


def _build(seeds, out, *extra):
    return build_cli(seeds, out, *extra, check=False)


def _mentions(out) -> list[dict]:
    with open(out / "mentions.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_values_are_kept_as_written(tmp_path):
    seeds = tmp_path / "s"
    seeds.mkdir()
    huge = "0x" + "f" * 4000
    (seeds / "huge.txt").write_text(
        f"---\ntitle: {huge}\nsource: 1e3\n---\nThe Taliban captured Kunduz.\n", encoding="utf-8"
    )
    (seeds / "tz.txt").write_text(
        "---\ndate: 2021-08-10T12:00+04:30\n---\nThe Taliban captured Farah.\n", encoding="utf-8"
    )
    proc = _build(seeds, tmp_path / "o")
    assert proc.returncode == 0, proc.stderr
    rows = {r["seed"]: r for r in _mentions(tmp_path / "o")}
    assert rows["huge.txt"]["title"] == huge and rows["huge.txt"]["source"] == "1e3"
    assert rows["tz.txt"]["date"] == "2021-08-10T12:00+04:30"
    history = (tmp_path / "o" / "history.csv").read_text(encoding="utf-8-sig")
    assert "2021-08-10T12:00+04:30,AF-FRA" in history


def test_duplicate_keys_are_reported(tmp_path):
    seeds = tmp_path / "s"
    seeds.mkdir()
    (seeds / "dup.txt").write_text(
        "---\ndate: 2021-08-10\ndate: 2021-08-11\n---\nThe Taliban captured Herat.\n",
        encoding="utf-8",
    )
    (seeds / "ok.txt").write_text("The Taliban captured Farah.\n", encoding="utf-8")
    proc = _build(seeds, tmp_path / "o")
    assert proc.returncode == 3
    assert (
        f"skipped: {seeds / 'dup.txt'}: front matter: malformed YAML (field 'date' is given twice)"
        in proc.stderr
    )


def test_nul_past_the_first_4_kib_is_replaced_and_noted(tmp_path):
    seeds = tmp_path / "s"
    seeds.mkdir()
    padding = "Residents said the roads were quiet. " * 150  # over 4 KiB
    (seeds / "nul.txt").write_text(
        padding + "The Taliban captured Kandahar\0 on Friday.\n", encoding="utf-8"
    )
    proc = _build(seeds, tmp_path / "o")
    assert proc.returncode == 0
    assert f"note: {seeds / 'nul.txt'}: 1 NUL character(s) replaced by U+FFFD" in proc.stderr
    row = next(r for r in _mentions(tmp_path / "o") if r["surface"] == "Kandahar")
    assert row["evidence"].endswith("Kandahar\ufffd on Friday.")
    gpkg = gpd.read_file(tmp_path / "o" / "provinces.gpkg", layer="provinces")
    evidence = gpkg.set_index("id").loc["AF-KAN", "evidence"]
    assert "Kandahar\ufffd on Friday. [nul.txt]" in evidence  # not cut at the NUL


def test_file_names_with_brackets_and_line_breaks_keep_their_sources(tmp_path):
    seeds = tmp_path / "s"
    seeds.mkdir()
    names = {"report[1].txt": "Farah", "a [b] c.txt": "Herat", "two\nlines.txt": "Ghazni"}
    for i, (name, place) in enumerate(names.items()):
        (seeds / name).write_text(
            f"---\ntitle: Title {i}\nsource: Outlet {i}\n---\nThe Taliban captured {place}.\n",
            encoding="utf-8",
        )
    proc = _build(seeds, tmp_path / "o")
    assert proc.returncode == 0, proc.stderr
    data = page_data((tmp_path / "o" / "map.html").read_text(encoding="utf-8"))
    for i, pid in enumerate(["AF-FRA", "AF-HER", "AF-GHA"]):
        assert f"<b>Title {i}</b>, Outlet {i}" in data["provinces"][pid]["popup"], pid
    geo = json.loads((tmp_path / "o" / "provinces.geojson").read_text(encoding="utf-8"))
    ghazni = next(f["properties"] for f in geo["features"] if f["properties"]["id"] == "AF-GHA")
    assert ghazni["evidence"] == "The Taliban captured Ghazni. [two\\nlines.txt]"
