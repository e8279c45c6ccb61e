"""A QGIS layer style for the GeoPackage, so QGIS opens the provinces in the map's colours.

Why: QGIS reads a `layer_styles` table in a GeoPackage and applies the style marked as
default when the layer is added; without it every province is one random colour. The style
is QML (QGIS's own XML): a categorized renderer on `status`, one fill per status with the
map's colour, opacity and legend words, and province names as labels.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from xml.sax.saxutils import quoteattr

from .model import Status
from .palette import BORDER, FILL_OPACITY, STATUS_COLORS, STATUS_LABELS

STYLE_NAME = "territory-map status"


def _rgba(hex_colour: str, alpha: int = 255) -> str:
    h = hex_colour.lstrip("#")
    return ",".join(str(int(h[i : i + 2], 16)) for i in (0, 2, 4)) + f",{alpha}"


def _fill(index: int, colour: str) -> str:
    """One fill symbol, in both the QGIS 3.26+ (<Option>) and older (<prop>) spellings."""
    props = {
        "color": _rgba(colour),
        "outline_color": _rgba(BORDER),
        "outline_width": "0.26",
        "outline_width_unit": "MM",
        "outline_style": "solid",
        "style": "solid",
        "joinstyle": "bevel",
    }
    options = "".join(
        f'<Option name={quoteattr(k)} type="QString" value={quoteattr(v)}/>'
        for k, v in props.items()
    )
    old = "".join(f"<prop k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in props.items())
    return (
        f'<symbol type="fill" name="{index}" alpha="{FILL_OPACITY}" clip_to_extent="1" '
        f'force_rhr="0"><layer class="SimpleFill" enabled="1" locked="0" pass="0">'
        f'<Option type="Map">{options}</Option>{old}</layer></symbol>'
    )


def province_qml() -> str:
    """The QML style of the provinces layer."""
    cats = "".join(
        f'<category value={quoteattr(s)} symbol="{i}" '
        f'label={quoteattr(STATUS_LABELS[s])} render="true"/>'
        for i, s in enumerate(Status)
    )
    symbols = "".join(_fill(i, STATUS_COLORS[s]) for i, s in enumerate(Status))
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
        '<qgis version="3.28.0" styleCategories="Symbology|Labeling">'
        '<renderer-v2 type="categorizedSymbol" attr="status" symbollevels="0" '
        'enableorderby="0" forceraster="0">'
        f"<categories>{cats}</categories><symbols>{symbols}</symbols></renderer-v2>"
        '<labeling type="simple"><settings calloutType="simple">'
        '<text-style fieldName="name" fontSize="8" textColor="17,17,17,255">'
        '<text-buffer bufferDraw="1" bufferSize="0.8" bufferColor="255,255,255,255"/>'
        '</text-style><placement placement="1"/></settings></labeling></qgis>'
    )


def add_layer_style(gpkg: Path, layer: str = "provinces") -> None:
    """Write the `layer_styles` table QGIS reads, with the layer's default style (no
    update time: the same seeds give the same table)."""
    con = sqlite3.connect(gpkg)
    try:
        con.execute(
            "CREATE TABLE IF NOT EXISTS layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, "
            "f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), "
            "f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT, "
            "useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), "
            "update_time DATETIME)"
        )
        con.execute(
            "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
            "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, "
            "description, owner, ui) VALUES "
            "('', '', ?, 'geom', ?, ?, '', 1, ?, '', NULL)",
            (layer, STYLE_NAME, province_qml(), "Status colours of map.html"),
        )
        con.execute(
            "INSERT OR REPLACE INTO gpkg_contents (table_name, data_type, identifier, "
            "description) VALUES ('layer_styles', 'attributes', 'layer_styles', '')"
        )
        con.commit()
    finally:
        con.close()
