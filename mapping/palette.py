"""The status colours, and the check that every reader can tell them apart.

Why a module of its own: the map, the legend, `mapping.explore` and the QGIS style in the
GeoPackage all draw these colours, so they must come from one place; and "colour-blind
safe" is a claim worth measuring, not asserting. `differences()` computes CIEDE2000 between
every pair of fills as a person with normal vision sees them and as simulated for
deuteranopia and protanopia (Machado, Oliveira & Fernandes 2009, severity 1.0).
"""

from __future__ import annotations

import math
from itertools import combinations

from .model import Status

# Taliban-held statuses in oranges and browns (darkest = captured), government statuses in
# blues, violence a pale sand, no information in greys far apart in lightness. Chosen so
# that the smallest CIEDE2000 difference, in any of the three visions, stays above 10.
STATUS_COLORS = {
    Status.CAPTURED: "#7f2704",
    Status.CLAIMED: "#e6550d",
    Status.CONTESTED: "#fdae6b",
    Status.RECAPTURED: "#6baed6",
    Status.GOVERNMENT: "#08519c",
    Status.VIOLENCE: "#efe3c0",
    Status.MENTIONED: "#a3a3a3",
    Status.NO_REPORT: "#ffffff",
}
FILL_OPACITY = 0.85  # the map's fills and the legend's swatches alike
STATUS_LABELS = {
    Status.CAPTURED: "Captured by the Taliban",
    Status.CLAIMED: "Claimed (unverified or denied)",
    Status.CONTESTED: "Contested / under attack",
    Status.RECAPTURED: "Recaptured by government",
    Status.GOVERNMENT: "Government-held",
    Status.VIOLENCE: "Violence only (no control report)",
    Status.MENTIONED: "Mentioned, no status",
    Status.NO_REPORT: "No report in the seeds",
}
VIOLENCE_OUTLINE = "#54278f"
BORDER = "#555555"

# Machado et al. (2009), Table 1, severity 1.0: linear-RGB simulation matrices.
MACHADO = {
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
}


RGB = tuple[float, ...]  # sRGB or CIELAB components, three of them


def _rgb(hex_colour: str) -> RGB:
    h = hex_colour.lstrip("#")
    return tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def over_white(hex_colour: str, opacity: float = FILL_OPACITY) -> RGB:
    """What a fill looks like on the map's white ground (sRGB, 0..1)."""
    return tuple(opacity * c + (1 - opacity) for c in _rgb(hex_colour))


def simulate(rgb: RGB, vision: str) -> RGB:
    """sRGB as seen with `vision` ("normal", "deuteranopia", "protanopia")."""
    if vision == "normal":
        return rgb
    lin = [_linear(c) for c in rgb]
    return tuple(_gamma(sum(m * c for m, c in zip(row, lin))) for row in MACHADO[vision])


def lab(rgb: RGB) -> RGB:
    """sRGB (D65) -> CIE L*a*b*."""
    r, g, b = (_linear(c) for c in rgb)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def ciede2000(lab1: RGB, lab2: RGB) -> float:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005 formulation), kL=kC=kH=1."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    d_hue = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    h_bar = h1p + h2p
    if c1p * c2p:
        h_bar = (
            (h1p + h2p) / 2
            if abs(h1p - h2p) <= 180
            else (h1p + h2p + 360) / 2
            if h1p + h2p < 360
            else (h1p + h2p - 360) / 2
        )
    t = (
        1
        - 0.17 * math.cos(math.radians(h_bar - 30))
        + 0.24 * math.cos(math.radians(2 * h_bar))
        + 0.32 * math.cos(math.radians(3 * h_bar + 6))
        - 0.20 * math.cos(math.radians(4 * h_bar - 63))
    )
    sl = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    sc, sh = 1 + 0.045 * cp_bar, 1 + 0.015 * cp_bar * t
    rt = (
        -2
        * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((h_bar - 275) / 25) ** 2))))
    )
    return math.sqrt(
        (dl / sl) ** 2 + (dc / sc) ** 2 + (d_hue / sh) ** 2 + rt * (dc / sc) * (d_hue / sh)
    )


def differences(
    vision: str, colours: dict[Status, str] = STATUS_COLORS
) -> dict[tuple[Status, Status], float]:
    """CIEDE2000 between every pair of status fills, as drawn on white, for one vision."""
    seen = {s: lab(simulate(over_white(c), vision)) for s, c in colours.items()}
    return {(a, b): ciede2000(seen[a], seen[b]) for a, b in combinations(colours, 2)}


def smallest_differences(
    colours: dict[Status, str] = STATUS_COLORS,
) -> dict[str, tuple[float, tuple[Status, Status]]]:
    """Vision -> (smallest difference, the pair), for the README and the tests."""
    out = {}
    for vision in ("normal", "deuteranopia", "protanopia"):
        diffs = differences(vision, colours)
        pair = min(diffs, key=lambda p: diffs[p])
        out[vision] = (round(diffs[pair], 1), pair)
    return out


def rgba(hex_colour: str, opacity: float = FILL_OPACITY) -> str:
    """CSS colour of a fill at the map's opacity (legend swatches)."""
    r, g, b = (round(c * 255) for c in _rgb(hex_colour))
    return f"rgba({r},{g},{b},{opacity})"


def dark_statuses(colours: dict[Status, str] = STATUS_COLORS) -> list[Status]:
    """Statuses whose fill is dark enough that a name on it reads better in white."""
    return [s for s, c in colours.items() if lab(over_white(c))[0] < 50]
