"""The legend and credits as a folium element, drawn the folium way.

Why only these: folium and branca compile what they render as Jinja templates (a
MacroElement's output is compiled once more as a template Element), so an element may hold
only this package's fixed text. The legend's rows and the credits qualify; the title box
and the time control show dates read from seeds, so they stay in mapping.mapview's own
overlay, and tooltips and panels in the JSON data block.
"""

from __future__ import annotations

import re
from importlib import resources

from branca.element import MacroElement
from jinja2 import Template

_TEMPLATE_SYNTAX = re.compile(r"[{}]")


class StatusLegend(MacroElement):
    """Every status with its swatch, marker symbol and words, then the credits."""

    _template = Template(
        (resources.files("mapping") / "templates" / "legend.html").read_text("utf-8")
    )

    def __init__(self, rows: list[dict], outline: str, credits: str):
        super().__init__()
        self._name = "StatusLegend"
        texts = [credits, outline, *(str(v) for row in rows for v in row.values())]
        if any(_TEMPLATE_SYNTAX.search(t) for t in texts):
            raise ValueError("legend text must not hold template syntax ({ or })")
        self.rows, self.outline, self.credits = rows, outline, credits
