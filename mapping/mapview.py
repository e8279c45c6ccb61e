"""Stage 5: the Folium map a person reads.

Seed text is untrusted: every string that comes from a seed is HTML-escaped here, before
it reaches a tooltip, a popup or the GeoJSON embedded in the page (folium inserts
tooltip fields with innerHTML, and a "</script>" in embedded JSON would end the script).
The output is deterministic: folium's random element ids are renumbered before saving,
so the same seeds give the same bytes.
"""

from __future__ import annotations

import html
import json
from importlib import resources

import folium
import jinja2
from branca.element import Element

from .geojoin import provinces_frame, towns_frame
from .model import VIOLENCE_FLAG, BuildResult, Status
from .rows import evidence_seed
from .seeds import one_line

# Ordinal, colour-blind-safe scale: Taliban-held statuses in oranges (darkest = captured),
# government statuses in blues, no information in greys (ColorBrewer Oranges/Blues/Greys).
STATUS_COLORS = {
    Status.CAPTURED: "#7f2704", Status.CLAIMED: "#d94801", Status.CONTESTED: "#fd8d3c",
    Status.RECAPTURED: "#6baed6", Status.GOVERNMENT: "#2171b5", Status.VIOLENCE: "#fdd0a2",
    Status.MENTIONED: "#d9d9d9", Status.NO_REPORT: "#f7f7f7",
}
STATUS_LABELS = {
    Status.CAPTURED: "Captured by the Taliban", Status.CLAIMED: "Claimed (unverified or denied)",
    Status.CONTESTED: "Contested / under attack", Status.RECAPTURED: "Recaptured by government",
    Status.GOVERNMENT: "Government-held", Status.VIOLENCE: "Violence only (no control report)",
    Status.MENTIONED: "Mentioned, no status", Status.NO_REPORT: "No report in the seeds",
}
# Town marker symbols: the shape says the status without relying on colour alone.
STATUS_SYMBOLS = {Status.CAPTURED: "\u25a0", Status.CLAIMED: "?", Status.CONTESTED: "\u25d0",
                  Status.RECAPTURED: "\u25b2", Status.GOVERNMENT: "\u25cf",
                  Status.VIOLENCE: "\u2738", Status.MENTIONED: "\u25cb"}
VIOLENCE_OUTLINE = "#54278f"
POPUP_EVIDENCE_LIMIT = 60     # beyond this, mentions.csv has the rest (keeps map.html small)
USED_ASSETS = {"leaflet", "jquery", "leaflet_css"}
CREDITS = ("Boundaries: Made with Natural Earth (public domain), generalised by QGIS. "
           "Places: GeoNames (CC BY 4.0).")


_JS_TEMPLATE_CHARS = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def esc(value) -> str:
    """HTML-escape seed text, and also the characters that are live inside the JavaScript
    template literals folium wraps popups and tooltips in (` $ and backslash)."""
    return html.escape(str(value), quote=True).translate(_JS_TEMPLATE_CHARS)


def _evidence_html(evidence: str, limit: int | None = None, total: int | None = None) -> str:
    """The evidence lines as a list, at most `limit`, saying how many of `total` are left
    (the frames already keep only the newest lines, so `total` may exceed what is given)."""
    lines = [ln for ln in evidence.split("\n") if ln]
    shown = lines[:limit] if limit else lines
    total = max(total or 0, len(lines))
    items = "".join(f"<li>{esc(ln)}</li>" for ln in shown)
    where = "click for more" if limit and limit < 10 else "see mentions.csv"
    more = (f"<li>\u2026 {total - len(shown)} more ({where})</li>"
            if len(shown) < total else "")
    return f"<ul class='tm-ev'>{items}{more}</ul>" if lines else ""


def _shown_seeds(evidence: str, seeds: dict[str, dict]) -> list[str]:
    """Seed names behind the evidence lines a popup shows ("sentence [seed]")."""
    lines = [ln for ln in evidence.split("\n") if ln][:POPUP_EVIDENCE_LIMIT]
    return list(dict.fromkeys(evidence_seed(ln, seeds) for ln in lines))


def _seed_index(result: BuildResult) -> dict[str, dict]:
    """Seed name -> its metadata, for the source lines of popups (computed once a build)."""
    if "seed_index" not in result.frames:
        result.frames["seed_index"] = {
            one_line(r.seed.name): {"title": r.seed.title, "source": r.seed.source, "date": r.seed.date,
                          "url": r.seed.url} for r in result.seeds}
    return result.frames["seed_index"]


def _province_html(row, seeds: dict[str, dict], full: bool) -> str:
    status = row["status"]
    head = f"<b>{esc(row['name'])}</b> ({esc(row.name)})<br>Status: <b>{esc(status)}</b>"
    if row["via"] and status in (Status.CAPTURED, Status.CLAIMED, Status.RECAPTURED):
        head += f" via {esc(row['via'])}"
    if row[VIOLENCE_FLAG]:
        head += "<br>Violence reported"
    if row["conflict"]:
        head += (f"<br><b>\u26a0 conflicting reports the same day:</b> {esc(row['conflict'])}; "
                 f"the map shows the stronger")
    if row["fuzzy"]:
        head += (f"<br><i>fuzzy match: \u201c{esc(row['fuzzy'])}\u201d read as "
                 f"{esc(row['name'])}</i>")
    head += f"<br>{row['evidence_count']} evidence sentence(s) from {row['seed_count']} seed(s)"
    if not full:
        return head + _evidence_html(row["evidence"], 3, row["evidence_count"])
    body = _evidence_html(row["evidence"], POPUP_EVIDENCE_LIMIT, row["evidence_count"])
    names = _shown_seeds(row["evidence"], seeds)
    srcs = "".join(_seed_line(n, seeds.get(n, {})) for n in names)
    return head + body + (f"<div class='tm-src'>Sources:<ul>{srcs}</ul></div>" if srcs else "")


def _seed_line(name: str, meta: dict) -> str:
    bits = [f"<b>{esc(meta.get('title') or name)}</b>"]
    if meta.get("source"):
        bits.append(esc(meta["source"]))
    bits.append(esc(meta.get("date") or "undated"))
    if meta.get("url"):
        bits.append(f"<span class='tm-url'>{esc(meta['url'])}</span>")
    bits.append(f"<code>{esc(name)}</code>")
    return "<li>" + ", ".join(bits) + "</li>"


def _province_geojson(result: BuildResult) -> dict:
    """The province shapes folium draws: geometry, id, status and violence only.

    Why no seed text here: folium/branca compile what they render as Jinja templates, so
    any seed text handed to folium could run as template code on the building machine.
    Tooltips and popups travel separately, as JSON data (see `_overlay`).
    """
    frame = provinces_frame(result)
    feats = []
    for pid, row in frame.iterrows():
        feats.append({"type": "Feature", "id": pid, "geometry": row.geometry.__geo_interface__,
                      "properties": {"id": pid, "status": row["status"],
                                     VIOLENCE_FLAG: bool(row[VIOLENCE_FLAG])}})
    return {"type": "FeatureCollection", "features": feats}


def _province_tips(result: BuildResult) -> dict[str, dict[str, str]]:
    """Province id -> escaped tooltip and popup HTML, for the page's data block."""
    seeds = _seed_index(result)
    return {str(pid): {"tip": _province_html(row, seeds, full=False),
                       "popup": _province_html(row, seeds, full=True)}
            for pid, row in provinces_frame(result).iterrows()}


def _style(feature: dict) -> dict:
    props = feature["properties"]
    violent = props[VIOLENCE_FLAG]
    return {"className": f"tm-province tm-{props['id']} tm-status-{props['status']}",
            "fillColor": STATUS_COLORS[props["status"]], "fillOpacity": 0.8,
            "color": VIOLENCE_OUTLINE if violent else "#555555",
            "weight": 3 if violent else 0.8, "dashArray": "6 4" if violent else None}


def _legend_rows() -> list[dict]:
    """Every status, always: a reader must see what the colours could mean, not only
    those this build happens to use."""
    return [{"color": STATUS_COLORS[s], "symbol": STATUS_SYMBOLS.get(s, ""),
             "label": STATUS_LABELS[s]} for s in Status]


def _town_data(result: BuildResult) -> list[dict]:
    """One entry per town with a status: position, marker look, escaped tooltip and popup."""
    seeds = _seed_index(result)
    towns = []
    for _, t in towns_frame(result).iterrows():
        status = t["status"]
        color = STATUS_COLORS[status] if status not in (Status.MENTIONED, Status.VIOLENCE) else "#444"
        if status == Status.VIOLENCE:
            color = VIOLENCE_OUTLINE
        label = (f"<b>{esc(t['name'])}</b> ({esc(t['kind'])}, {esc(t['province'])})<br>"
                 f"Status: <b>{esc(status)}</b><br>As written: {esc(t['surfaces'])}")
        if "fuzzy" in t["match"]:
            label += "<br><i>fuzzy match</i>"
        popup = label + _evidence_html(t["evidence"], limit=POPUP_EVIDENCE_LIMIT)
        names = _shown_seeds(t["evidence"], seeds)
        popup += "<ul>" + "".join(_seed_line(n, seeds.get(n, {})) for n in names) + "</ul>"
        towns.append({"lat": float(t["lat"]), "lon": float(t["lon"]), "status": status,
                      "color": color, "symbol": STATUS_SYMBOLS.get(status, "\u25cb"),
                      "tip": label, "popup": popup})
    return towns


def _conflict_data(result: BuildResult) -> list[dict]:
    """A visible mark on each province whose same-day reports disagree."""
    marks = []
    for pid, ps in sorted(result.provinces.items()):
        if ps.conflict:
            place = result.gazetteer.provinces[pid]
            marks.append({"lat": place.lat, "lon": place.lon,
                          "tip": f"Conflicting reports: {esc('; '.join(ps.conflict))}"})
    return marks


def _timeline_data(result: BuildResult) -> dict | None:
    """Statuses per province at each seed date, for the time slider (None: one date)."""
    timeline = result.timeline
    if not timeline or len(timeline.dates) < 2:
        return None
    first = timeline.states[0]
    return {"dates": timeline.dates,
            "status": {pid: [st[pid][0] for st in timeline.states] for pid in first},
            VIOLENCE_FLAG: {pid: [st[pid][1] for st in timeline.states] for pid in first}}


def _renumber_ids(root) -> None:
    """Replace folium's random element ids with a counter, so output is byte-stable."""
    counter = iter(range(1, 1 << 30))

    def walk(el):
        el._id = f"{next(counter):08x}"
        children = list(el._children.values())
        el._children.clear()
        for child in children:
            walk(child)
            el._children[child.get_name()] = child
        for attr in ("header", "html", "script"):     # sub-trees folium keeps outside _children
            sub = getattr(el, attr, None)
            if isinstance(sub, Element) and sub is not el:
                walk(sub)
    walk(root)


def build_map(result: BuildResult, tiles: str | None = "OpenStreetMap") -> folium.Map:
    """The map's frame, drawn by folium: basemap, province shapes (no seed text), the
    empty town and conflict layers that the page's own script fills, layer control."""
    theatre = result.gazetteer.theatre
    m = folium.Map(location=theatre["map_center"], zoom_start=theatre["map_zoom"], tiles=None,
                   control_scale=True)
    # Only what this map uses: Leaflet, and jQuery for folium's popups. Bootstrap, Font
    # Awesome and the awesome-markers plugin are folium defaults this map does not need.
    m.default_js = [(n, u) for n, u in m.default_js if n in USED_ASSETS]
    m.default_css = [(n, u) for n, u in m.default_css if n in USED_ASSETS]
    if tiles:
        folium.TileLayer(tiles, name="Basemap (online)").add_to(m)
    data = _province_geojson(result)
    folium.GeoJson(data, name="Provinces", style_function=_style).add_to(m)
    folium.FeatureGroup(name="Towns", show=True).add_to(m)
    folium.FeatureGroup(name="Conflicting reports", show=True).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    m.fit_bounds(_bounds(data))
    _renumber_ids(m.get_root())
    return m


def _layer_names(m: folium.Map) -> dict[str, str]:
    """The JavaScript variable of each layer the page's own script fills or recolours."""
    names = {}
    for child in m._children.values():
        if isinstance(child, folium.GeoJson):
            names["provinces"] = child.get_name()
        elif isinstance(child, folium.FeatureGroup):
            names["towns" if child.layer_name == "Towns" else "conflicts"] = child.get_name()
    return names


_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("mapping", "templates"),
    autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def _overlay(result: BuildResult, m: folium.Map) -> tuple[str, str]:
    """(HTML for the page body, script for after folium's), from our own autoescaping
    templates. Seed text enters only as JSON in a non-executable data block."""
    title = result.gazetteer.theatre.get("title", "Territorial control")
    n = len(result.seeds)
    data = {"layers": _layer_names(m), "provinces": _province_tips(result),
            "towns": _town_data(result), "conflicts": _conflict_data(result),
            "timeline": _timeline_data(result), "colors": STATUS_COLORS,
            "labels": STATUS_LABELS, "outline": VIOLENCE_OUTLINE}
    body = _TEMPLATES.get_template("overlay.html").render(
        title=title, seed_count=n, latest=result.latest_date or "no dated seed",
        credits=CREDITS, legend=_legend_rows(), outline=VIOLENCE_OUTLINE,
        timeline=data["timeline"])
    payload = json.dumps(data, sort_keys=True, ensure_ascii=False)
    script = (resources.files("mapping") / "templates" / "overlay.js").read_text("utf-8")
    return body, (f"<script type='application/json' id='tm-data'>{_json_in_html(payload)}"
                  f"</script>\n<script>{script}</script>\n")


def _json_in_html(payload: str) -> str:
    """JSON that no HTML parser can end early: <, > and & as \\u escapes (still valid JSON)."""
    return (payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _bounds(data: dict) -> list[list[float]]:
    xs, ys = [], []
    def walk(c):
        if isinstance(c[0], (int, float)):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for x in c:
                walk(x)
    for f in data["features"]:
        walk(f["geometry"]["coordinates"])
    return [[min(ys), min(xs)], [max(ys), max(xs)]]


def render_html(result: BuildResult, tiles: str | None = "OpenStreetMap",
                self_contained: bool = False) -> str:
    """The map page; self-contained inlines every script and stylesheet (mapping.assets).

    folium renders a frame that holds no seed text; our overlay (title, legend, time
    control, tooltips, popups, towns) is added to the rendered page afterwards, so nothing
    untrusted is ever compiled as a template.
    """
    m = build_map(result, tiles)
    page = m.get_root().render()
    if self_contained:
        from .assets import inline_assets
        page = inline_assets(page)
    body, script = _overlay(result, m)
    head, sep, tail = page.rpartition("</body>")
    if not sep:
        raise RuntimeError("folium's page has no </body>; cannot add the overlay")
    page = head + body + sep + tail
    head, sep, tail = page.rpartition("</html>")
    return head + script + sep + tail
