"""Are two builds' output folders the same? Every file byte for byte, but the GeoPackage.

    python tools/same_outputs.py OLD_OUT NEW_OUT    # exit 1 when a file differs

For a change that must not change any output (a faster rebuild, say): build seeds/ and
tests/data/timeline with the old code and the new (with and without the cache) and
compare the folders. Why not provinces.gpkg's bytes: GDAL writes the time of writing
into it, so two builds of the same code differ; its layers (rows and geometry) and its
layer_styles table are compared instead.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path


def same_geopackage(a: Path, b: Path) -> bool:
    """The same layers with equal rows, and the same default styles."""
    import geopandas as gpd
    import pyogrio

    layers = [name for name, _ in pyogrio.list_layers(a)]
    if layers != [name for name, _ in pyogrio.list_layers(b)]:
        return False
    for layer in layers:
        if not gpd.read_file(a, layer=layer).equals(gpd.read_file(b, layer=layer)):
            return False
    styles = "SELECT * FROM layer_styles"
    with sqlite3.connect(a) as one, sqlite3.connect(b) as two:
        return one.execute(styles).fetchall() == two.execute(styles).fetchall()


def differing(old: Path, new: Path) -> list[str]:
    """Names of the files that differ, or are in one folder only (dot files left out)."""
    names = {p.name for folder in (old, new) for p in folder.iterdir() if p.is_file()}
    out = []
    for name in sorted(n for n in names if not n.startswith(".")):
        a, b = old / name, new / name
        if not (a.is_file() and b.is_file()):
            out.append(name)
        elif name.endswith(".gpkg"):
            if not same_geopackage(a, b):
                out.append(name)
        elif a.read_bytes() != b.read_bytes():
            out.append(name)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    old, new = Path(argv[0]), Path(argv[1])
    bad = differing(old, new)
    count = len([p for p in old.iterdir() if p.is_file() and not p.name.startswith(".")])
    for name in bad:
        print(f"differs: {name}")
    print(f"{count} files in {old}, {len(bad)} differ in {new}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
