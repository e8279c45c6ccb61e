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

import folium
from branca.element import Element

from .geojoin import evidence_seed, provinces_frame, towns_frame
from .pipeline import BuildResult
from .rules import STATUSES

# Ordinal, colour-blind-safe scale: Taliban-held statuses in oranges (darkest = captured),
# government statuses in blues, no information in greys (ColorBrewer Oranges/Blues/Greys).
STATUS_COLORS = {
    "captured": "#7f2704", "claimed": "#d94801", "contested": "#fd8d3c",
    "recaptured": "#6baed6", "government": "#2171b5", "violence": "#fdd0a2",
    "mentioned": "#d9d9d9", "no_report": "#f7f7f7",
}
STATUS_LABELS = {
    "captured": "Captured by the Taliban", "claimed": "Claimed (unverified or denied)",
    "contested": "Contested / under attack", "recaptured": "Recaptured by government",
    "government": "Government-held", "violence": "Violence only (no control report)",
    "mentioned": "Mentioned, no status", "no_report": "No report in the seeds",
}
# Town marker symbols: the shape says the status without relying on colour alone.
STATUS_SYMBOLS = {"captured": "\u25a0", "claimed": "?", "contested": "\u25d0",
                  "recaptured": "\u25b2", "government": "\u25cf", "violence": "\u2738",
                  "mentioned": "\u25cb"}
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


def _shown_seeds(evidence: str) -> list[str]:
    """Seed names behind the evidence lines a popup shows ("sentence [seed]")."""
    lines = [ln for ln in evidence.split("\n") if ln][:POPUP_EVIDENCE_LIMIT]
    return list(dict.fromkeys(evidence_seed(ln) for ln in lines))


def _seed_index(result: BuildResult) -> dict[str, dict]:
    """Seed name -> its metadata, for the source lines of popups (computed once a build)."""
    if "seed_index" not in result.frames:
        result.frames["seed_index"] = {
            r.seed.name: {"title": r.seed.title, "source": r.seed.source, "date": r.seed.date,
                          "url": r.seed.url} for r in result.seeds}
    return result.frames["seed_index"]


def _province_html(row, seeds: dict[str, dict], full: bool) -> str:
    status = row["status"]
    head = f"<b>{esc(row['name'])}</b> ({esc(row.name)})<br>Status: <b>{esc(status)}</b>"
    if row["via"] and status in ("captured", "claimed", "recaptured"):
        head += f" via {esc(row['via'])}"
    if row["violence"]:
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
    names = _shown_seeds(row["evidence"])
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
    frame = provinces_frame(result)
    seeds = _seed_index(result)
    feats = []
    for pid, row in frame.iterrows():
        feats.append({"type": "Feature", "id": pid, "geometry": row.geometry.__geo_interface__,
                      "properties": {"id": pid, "status": row["status"],
                                     "violence": bool(row["violence"]),
                                     "tooltip": _province_html(row, seeds, full=False),
                                     "popup": _province_html(row, seeds, full=True)}})
    return {"type": "FeatureCollection", "features": feats}


def _style(feature: dict) -> dict:
    props = feature["properties"]
    violent = props["violence"]
    return {"className": f"tm-province tm-{props['id']} tm-status-{props['status']}",
            "fillColor": STATUS_COLORS[props["status"]], "fillOpacity": 0.8,
            "color": VIOLENCE_OUTLINE if violent else "#555555",
            "weight": 3 if violent else 0.8, "dashArray": "6 4" if violent else None}


def _legend() -> Element:
    """Every status, always: a reader must see what the colours could mean, not only
    those this build happens to use."""
    rows = "".join(
        f"<div class='tm-row'><span class='tm-sw' style='background:{STATUS_COLORS[s]}'></span>"
        f"<span class='tm-sym'>{STATUS_SYMBOLS.get(s, '')}</span>{esc(STATUS_LABELS[s])}</div>"
        for s in STATUSES)
    rows += (f"<div class='tm-row'><span class='tm-sw' style='background:#fff;border:3px dashed "
             f"{VIOLENCE_OUTLINE}'></span><span class='tm-sym'></span>Violence reported (outline)</div>"
             "<div class='tm-row'><span class='tm-sw' style='border:0'></span><span class='tm-sym'>"
             "\u26a0</span>Conflicting reports the same day</div>")
    return Element(f"<div id='tm-legend' class='tm-box' role='region' aria-label='Legend'>"
                   f"<b>Status</b>{rows}</div>")


def _header(result: BuildResult, title: str) -> Element:
    n = len(result.seeds)
    latest = result.latest_date or "no dated seed"
    return Element(f"<div id='tm-title' class='tm-box'><b>{esc(title)}</b><br>"
                   f"built from {n} seed{'s' if n != 1 else ''}, latest dated {esc(latest)}</div>"
                   f"<div id='tm-credits' class='tm-box'>{esc(CREDITS)}</div>")


_CSS = """<style>
.tm-box{position:fixed;z-index:1000;background:rgba(255,255,255,.93);padding:6px 9px;
 border:1px solid #888;border-radius:4px;font:13px/1.35 system-ui,sans-serif}
#tm-title{top:10px;left:55px;max-width:60%}
#tm-legend{bottom:60px;left:10px}
#tm-time{top:70px;left:55px;min-width:260px}#tm-time input{width:100%}
#tm-credits{bottom:22px;right:10px;font-size:11px;padding:1px 6px}
.tm-row{display:flex;align-items:center;gap:6px;margin-top:3px}
.tm-sw{display:inline-block;width:18px;height:12px;border:1px solid #555}
.tm-sym{display:inline-block;width:12px;text-align:center}
.tm-ev{margin:4px 0 0 0;padding-left:16px;max-width:420px;white-space:normal}
.tm-src{margin-top:4px}.tm-url{word-break:break-all}
.tm-town{font:bold 13px/16px system-ui,sans-serif;width:16px;height:16px;text-align:center;
 background:#fff;border:1px solid #222;border-radius:50%}
.leaflet-tooltip{white-space:normal;width:360px}
.tm-conflict{font:bold 16px/18px system-ui,sans-serif;color:#000;text-shadow:0 0 3px #ff0}
.tm-asof{margin-bottom:4px;padding:2px 4px;background:#fff3cd;border:1px solid #c9a227}
</style>"""


def _town_markers(result: BuildResult) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="Towns", show=True)
    seeds = _seed_index(result)
    for _, t in towns_frame(result).iterrows():
        status = t["status"]
        color = STATUS_COLORS[status] if status not in ("mentioned", "violence") else "#444"
        if status == "violence":
            color = VIOLENCE_OUTLINE
        symbol = STATUS_SYMBOLS.get(status, "\u25cb")
        label = (f"<b>{esc(t['name'])}</b> ({esc(t['kind'])}, {esc(t['province'])})<br>"
                 f"Status: <b>{esc(status)}</b><br>As written: {esc(t['surfaces'])}")
        if "fuzzy" in t["match"]:
            label += "<br><i>fuzzy match</i>"
        popup = label + _evidence_html(t["evidence"], limit=POPUP_EVIDENCE_LIMIT)
        names = _shown_seeds(t["evidence"])
        popup += "<ul>" + "".join(_seed_line(n, seeds.get(n, {})) for n in names) + "</ul>"
        folium.Marker(
            [t["lat"], t["lon"]],
            icon=folium.DivIcon(html=f"<div class='tm-town' style='color:{color}' "
                                     f"data-status='{esc(status)}'>{symbol}</div>",
                                icon_size=(16, 16), icon_anchor=(8, 8)),
            tooltip=folium.Tooltip(label), popup=folium.Popup(popup, max_width=460),
        ).add_to(group)
    return group


def _conflict_marks(data: dict, result: BuildResult) -> folium.FeatureGroup:
    """A visible mark on each province whose same-day reports disagree."""
    group = folium.FeatureGroup(name="Conflicting reports", show=True)
    for f in data["features"]:
        ps = result.provinces[f["id"]]
        if not ps.conflict:
            continue
        place = result.gazetteer.provinces[f["id"]]
        folium.Marker([place.lat, place.lon], icon=folium.DivIcon(
            html="<div class='tm-conflict' title='conflicting reports'>\u26a0</div>",
            icon_size=(18, 18), icon_anchor=(9, 9)),
            tooltip=folium.Tooltip(f"Conflicting reports: {esc('; '.join(ps.conflict))}"),
        ).add_to(group)
    return group


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
    """The choropleth of province statuses, with towns, legend, title and credits."""
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
    layer = folium.GeoJson(
        data, name="Provinces", style_function=_style,
        tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False, sticky=True),
        popup=folium.GeoJsonPopup(fields=["popup"], labels=False, max_width=480),
    ).add_to(m)
    _town_markers(result).add_to(m)
    _conflict_marks(data, result).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    root = m.get_root()
    root.header.add_child(Element(_CSS))
    root.html.add_child(_header(result, theatre.get("title", "Territorial control")))
    root.html.add_child(_legend())
    m.fit_bounds(_bounds(data))
    _renumber_ids(root)
    if result.timeline and len(result.timeline.dates) > 1:
        _add_time_control(root, result.timeline, layer.get_name())
    return m


def _add_time_control(root, timeline, layer_name: str) -> None:
    """A slider that steps through the seed dates and recolours the provinces as of each.

    Our own small layer rather than a folium time plugin: no extra JavaScript assets, so it
    works in the self-contained map, and it recolours the existing shapes in place.
    At an earlier date, tooltips and popups open with the status as of that date, above
    the latest state and all the evidence, so the words never contradict the colour.
    """
    data = {"dates": timeline.dates, "colors": STATUS_COLORS, "outline": VIOLENCE_OUTLINE,
            "labels": STATUS_LABELS,
            "status": {pid: [st[pid][0] for st in timeline.states] for pid in timeline.states[0]},
            "violence": {pid: [st[pid][1] for st in timeline.states] for pid in timeline.states[0]}}
    last = len(timeline.dates) - 1
    root.html.add_child(Element(
        f"<div id='tm-time' class='tm-box'><label for='tm-time-range'><b>Time</b> "
        f"<span id='tm-time-label'>as of {esc(timeline.dates[-1])} (latest)</span></label><br>"
        f"<input id='tm-time-range' type='range' min='0' max='{last}' value='{last}' step='1' "
        f"aria-label='Reported situation as of date'></div>"))
    payload = json.dumps(data, sort_keys=True).replace("<", "\\u003c")
    root.script.add_child(Element(f"""
(function () {{
  const data = {payload};
  const layerName = {json.dumps(layer_name)};     // defined by folium's script, which runs later
  const label = document.getElementById('tm-time-label');
  function text(s) {{
    const d = document.createElement('div');
    d.textContent = s;
    return d.innerHTML;
  }}
  function asOf(i, pid) {{      // what the slider shows, said first in tooltip and popup
    return "<div class='tm-asof'>As of <b>" + text(data.dates[i]) + '</b>: <b>' +
      text(data.labels[data.status[pid][i]]) + '</b>' +
      (data.violence[pid][i] ? ', violence reported' : '') +
      '<br><i>Below: the latest state and all evidence.</i></div>';
  }}
  function show(i) {{
    const latest = i === data.dates.length - 1;
    label.textContent = 'as of ' + data.dates[i] + (latest ? ' (latest)' : '');
    window[layerName].eachLayer(function (shape) {{
      const pid = shape.feature.id;
      const violent = data.violence[pid][i];
      shape.setStyle({{fillColor: data.colors[data.status[pid][i]],
                      color: violent ? data.outline : '#555555', weight: violent ? 3 : 0.8,
                      dashArray: violent ? '6 4' : null}});
      if (shape._path) shape._path.setAttribute('data-status', data.status[pid][i]);
      const props = shape.feature.properties;     // folium reads these when a tip opens
      if (props.tmLatest === undefined) props.tmLatest = [props.tooltip, props.popup];
      const note = latest ? '' : asOf(i, pid);
      props.tooltip = note + props.tmLatest[0];
      props.popup = note + props.tmLatest[1];
    }});
  }}
  document.getElementById('tm-time-range').addEventListener('input', function (e) {{
    show(parseInt(e.target.value, 10));
  }});
}})();"""))


def _bounds(data: dict) -> list[list[float]]:
    xs, ys = [], []
    def walk(c):
        if isinstance(c[0], (int, float)):
            xs.append(c[0]); ys.append(c[1])
        else:
            for x in c:
                walk(x)
    for f in data["features"]:
        walk(f["geometry"]["coordinates"])
    return [[min(ys), min(xs)], [max(ys), max(xs)]]


def render_html(result: BuildResult, tiles: str | None = "OpenStreetMap",
                self_contained: bool = False) -> str:
    """The map page; self-contained inlines every script and stylesheet (mapping.assets)."""
    page = build_map(result, tiles).get_root().render()
    if self_contained:
        from .assets import inline_assets
        page = inline_assets(page)
    return page
