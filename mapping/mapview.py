"""Stage 5: the Folium map a person reads, and publishes.

Seed text is untrusted: every string that comes from a seed is HTML-escaped here, and
reaches the page only inside the JSON data block (#tm-data) that the page's own script
reads; folium draws only the frame (shapes with their id and status, empty layers), since
folium and branca compile what they render as Jinja templates. The page is self-contained
by default (mapping.assets inlines Leaflet), and deterministic: folium's random element
ids are renumbered before saving, so the same seeds give the same bytes.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from importlib import resources
from itertools import chain
from urllib.parse import urlsplit

import folium
import jinja2
from branca.element import Element

from .geojoin import (
    carried,
    deciding_reading,
    of_seeds,
    pairs_and_seeds,
    province_evidence,
    province_inputs,
    provinces_frame,
    town_deciding_reading,
    town_evidence,
    town_inputs,
    town_readings,
    towns_frame,
)
from .learned import rules_status
from .legend import StatusLegend
from .model import VIOLENCE_FLAG, BuildResult, Status
from .palette import (
    BORDER,
    FILL_OPACITY,
    STATUS_COLORS,
    STATUS_LABELS,
    VIOLENCE_OUTLINE,
    dark_statuses,
    rgba,
)
from .rows import evidence_seed
from .seeds import one_line

# Town marker symbols: the shape says the status without relying on colour alone.
STATUS_SYMBOLS = {
    Status.CAPTURED: "\u25a0",
    Status.CLAIMED: "?",
    Status.CONTESTED: "\u25d0",
    Status.RECAPTURED: "\u25b2",
    Status.GOVERNMENT: "\u25cf",
    Status.VIOLENCE: "\u2738",
    Status.MENTIONED: "\u25cb",
}
POPUP_EVIDENCE_LIMIT = 60  # beyond this, mentions.csv has the rest (keeps map.html small)
USED_ASSETS = {"leaflet", "leaflet_css"}
CREDITS = (
    "Boundaries: Made with Natural Earth (public domain), generalised by QGIS. "
    "Places: GeoNames (CC BY 4.0)."
)
SHORT_LABEL = 5  # a small province's label: its first letters and a dot


def esc(value) -> str:
    """HTML-escape seed text, and also the characters that are live inside JavaScript
    template literals (` $ and backslash), should a fragment ever end up in one.

    (Those three are replaced only where present: a str.translate pass took four times
    as long as the escape itself, on every sentence of a big map's panels.)"""
    text = html.escape(str(value), quote=True)
    if "`" in text or "$" in text or "\\" in text:
        text = text.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")
    return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def safe_link(url: str) -> str | None:
    """The address, if a browser may follow it: http or https with a host, and nothing a
    browser would strip or reinterpret (whitespace, control characters). Else None.

    Why: a seed's url is untrusted; `javascript:` or `data:` addresses must never become
    links, so they are shown as text.
    """
    if not url or any(ord(c) <= 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _has_metadata(meta: dict) -> bool:
    """Whether the seed says what article it is (a date alone does not)."""
    return any(meta.get(k) for k in ("title", "source", "url"))


def _seed_line(name: str, meta: dict) -> str:
    """A source as a reader cites it: outlet, date, and the title linking to its address
    (http/https only); the file name only when the seed has no metadata at all."""
    fields = ("title", "source", "url", "date")
    return _source_line(name, *(str(meta.get(k) or "") for k in fields))


@lru_cache(maxsize=1 << 16)
def _source_line(name: str, title: str, source: str, url: str, date: str) -> str:
    """_seed_line's work, kept for the next panel that cites the same article.

    Why: a big build's town and province panels cite the same articles tens of thousands
    of times, and each line escapes four fields; bounded, for a long `watch`.
    """
    meta = {"title": title, "source": source, "url": url, "date": date}
    if not _has_metadata(meta):
        return (
            f"<li><code>{esc(name)}</code>, {esc(meta.get('date') or 'undated')} "
            f"(no title, outlet or address given)</li>"
        )
    title = esc(meta.get("title") or "Untitled article")
    link = safe_link(meta.get("url", ""))
    bits = [
        f"<a href='{esc(link)}' rel='noopener noreferrer' target='_blank'>{title}</a>"
        if link
        else f"<b>{title}</b>"
    ]
    bits.append(esc(meta.get("source") or "outlet not given"))
    bits.append(esc(meta.get("date") or "undated"))
    if meta.get("url") and not link:
        bits.append(f"<span class='tm-url'>{esc(meta['url'])}</span>")
    return "<li>" + ", ".join(bits) + "</li>"


def _cite(name: str, meta: dict) -> str:
    """The short reference after a sentence: outlet and date, or the file name."""
    if not _has_metadata(meta):
        return ", ".join(esc(v) for v in (name, meta.get("date")) if v)
    return ", ".join(
        esc(v)
        for v in (meta.get("source") or meta.get("title") or "", meta.get("date") or "undated")
        if v
    )


def _marked(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence escaped, with the place names at `spans` in <mark>."""
    out, pos = [], 0
    for start, end in sorted(set(spans)):
        if start < pos or end > len(sentence):
            continue
        out += [esc(sentence[pos:start]), f"<mark>{esc(sentence[start:end])}</mark>"]
        pos = end
    return "".join(out) + esc(sentence[pos:])


@cache
def _display_name(seed: str) -> str:
    """A seed's name as one line (asked once per reading, so remembered)."""
    return one_line(seed)


@dataclass
class Items:
    """The sentences a panel shows (newest first, deciding one first: at most
    POPUP_EVIDENCE_LIMIT), and how many sentences and articles there are in all."""

    shown: list[dict]
    total: int
    seeds: int


def _evidence_items(
    readings, decides, also=(), counted: tuple[int, set[str]] | None = None
) -> Items:
    """Sentences behind a place, newest first, deciding one first: one item per (sentence,
    seed), with the spans of the place names in it (those of `also` too, e.g. the bare
    mentions of a province in a sentence already shown). `decides` is one of `readings`;
    `counted`, when known, is geojoin.pairs_and_seeds(readings).

    Why only the newest are made items: a province of a big build has tens of thousands of
    readings, and a panel shows POPUP_EVIDENCE_LIMIT; the others are only counted.
    """
    items: dict[tuple[str, str], dict] = {}
    order = reversed(readings) if decides is None else chain([decides], reversed(readings))
    for r in order:
        key = (r.evidence, r.seed)
        if key not in items:
            items[key] = {
                "sentence": r.evidence,
                "seed": _display_name(r.seed),
                "spans": [],
                "decides": r is decides,
                "rules_read": rules_status(r.rule) if r is decides else None,
            }
            if len(items) >= POPUP_EVIDENCE_LIMIT:
                break
    seeds = {it_seed for _, it_seed in items}
    for r in chain(of_seeds(readings, seeds), of_seeds(also, seeds)):
        item = items.get((r.evidence, r.seed))
        if item is None:
            continue
        off = r.mention.start - r.evidence_start
        surface = r.mention.surface
        if r.evidence[off : off + len(surface)] != surface:
            off = r.evidence.find(surface)
        if off >= 0:
            item["spans"].append((off, off + len(surface)))
    total, all_seeds = pairs_and_seeds(readings) if counted is None else counted
    return Items(list(items.values()), total, len(set(map(_display_name, all_seeds))))


def _lines_as_items(evidence: str, seeds: dict[str, dict]) -> Items:
    """Items from a frame's "sentence [seed]" lines (no spans known; the first decides)."""
    items = []
    for i, line in enumerate(ln for ln in evidence.split("\n") if ln):
        seed = evidence_seed(line, seeds)
        items.append(
            {
                "sentence": line[: len(line) - len(seed) - 3]
                if line.endswith(f" [{seed}]")
                else line,
                "seed": seed,
                "spans": [],
                "decides": i == 0,
            }
        )
    return Items(items, len(items), len({it["seed"] for it in items}))


def _evidence_html(items: Items, seeds: dict[str, dict], limit: int) -> str:
    """The deciding sentence first, marked as such; the others after it; each with its
    short reference; the rest counted, not shown."""
    shown = items.shown[:limit]
    rows = []
    for it in shown:
        cls, label = (" class='tm-dec'", "<b>Deciding report:</b> ") if it["decides"] else ("", "")
        if it.get("rules_read"):
            label += _learned_note(it["rules_read"])
        rows.append(
            f"<li{cls}>{label}{_marked(it['sentence'], it['spans'])} "
            f"<span class='tm-cite'>({_cite(it['seed'], seeds.get(it['seed'], {}))})</span></li>"
        )
    more = (
        f"<li>\u2026 {items.total - len(shown)} more in mentions.csv</li>"
        if items.total > len(shown)
        else ""
    )
    return f"<ul class='tm-ev'>{''.join(rows)}{more}</ul>" if rows else ""


def _learned_note(rules_read: Status) -> str:
    """Says that the learned reading, not a rule, gave the deciding sentence its status,
    and what the rules had read there: a status the words of the sentence may not state
    outright ("lost within hours of Khost"), for the reader to weigh."""
    return (
        f"<i class='tm-learned'>(status from the learned reading; the rules read "
        f"\u201c{esc(STATUS_LABELS[rules_read])}\u201d)</i> "
    )


def _sources_html(items: Items, seeds: dict[str, dict], limit: int) -> str:
    names = list(dict.fromkeys(it["seed"] for it in items.shown[:limit]))
    # An article saved twice (pipeline.merge_copies) counts once and lists each copy.
    lines = "".join(
        _seed_line(name, meta)
        for n in names
        for name, meta in [(n, seeds.get(n, {})), *seeds.get(n, {}).get("copies", [])]
    )
    return f"<div class='tm-src'><b>Sources</b><ul>{lines}</ul></div>" if lines else ""


def _count_line(items: Items) -> str:
    """How many sentences from how many articles: both counted over the same sentences."""
    return f"{_plural(items.total, 'sentence')} from {_plural(items.seeds, 'article')}"


def _seed_index(result: BuildResult) -> dict[str, dict]:
    """Seed name -> its metadata, for the source lines of panels (computed once a build)."""
    if "seed_index" not in result.frames:
        result.frames["seed_index"] = {
            one_line(r.seed.name): {
                **_seed_meta(r.seed),
                "copies": [(one_line(c.name), _seed_meta(c)) for c in r.seed.copies],
            }
            for r in result.seeds
        }
    return result.frames["seed_index"]


def _seed_meta(seed) -> dict:
    return {"title": seed.title, "source": seed.source, "date": seed.date, "url": seed.url}


def _status_line(row) -> str:
    """The legend's words for the status, and how it was reached."""
    status = row["status"]
    line = (
        f"<span class='tm-sw' style='background:{rgba(STATUS_COLORS[status])}'></span>"
        f"<b>{esc(STATUS_LABELS[status])}</b>"
    )
    if row["via"] and status in (Status.CAPTURED, Status.CLAIMED, Status.RECAPTURED):
        line += f" via {esc(row['via'])}"
    return line


def _correction_line(reason: str) -> str:
    """Says that a status comes from corrections.csv, and why (the analyst's reason)."""
    if not reason:
        return ""
    return f"<div class='tm-correction'><b>Corrected by hand:</b> {esc(reason)}</div>"


def _province_html(row, seeds: dict[str, dict], full: bool, items: Items | None = None) -> str:
    """Tooltip (full=False: status and the deciding sentence) or panel (full=True: every
    sentence, deciding one first, and the sources) of one province."""
    items = _lines_as_items(row["evidence"], seeds) if items is None else items
    head = f"<div class='tm-h'>{esc(row['name'])}</div>{_status_line(row)}"
    head += _correction_line(row["correction"])
    if row[VIOLENCE_FLAG]:
        head += "<br>Violence reported (dashed outline)"
    if row["conflict"]:
        head += (
            f"<br><b>\u26a0 Conflicting reports the same day:</b> "
            f"{_conflict_words(row['conflict'])}; "
            f"the map shows the stronger"
        )
    if row["fuzzy"]:
        head += (
            f"<br><i>Spelling read as {esc(row['name'])}: "
            f"\u201c{esc(row['fuzzy'])}\u201d (fuzzy match)</i>"
        )
    if items.total:
        head += f"<div class='tm-count'>{_count_line(items)}</div>"
    if not full:
        return (
            head
            + _evidence_html(items, seeds, 1)
            + (
                "<div class='tm-hint'>Click for every sentence and its source</div>"
                if items.total
                else ""
            )
        )
    return (
        head
        + _evidence_html(items, seeds, POPUP_EVIDENCE_LIMIT)
        + _sources_html(items, seeds, POPUP_EVIDENCE_LIMIT)
    )


def _province_items(result: BuildResult, pid: str) -> Items:
    """The province's sentences; bare mentions only when nothing more is known."""
    ps = result.provinces[pid]
    readings, total, seeds = province_evidence(result, pid)
    decides = deciding_reading(ps)  # one of ps.readings: among `readings` if it passes their test
    kept = decides is not None and (
        ps.status == Status.MENTIONED or decides.status != Status.MENTIONED
    )
    return _evidence_items(readings, decides if kept else None, ps.readings, (total, seeds))


def _province_geojson(result: BuildResult) -> dict:
    """The province shapes folium draws: geometry, id, status and violence only.

    Why no seed text here: folium/branca compile what they render as Jinja templates, so
    any seed text handed to folium could run as template code on the building machine.
    Tooltips and panels travel separately, as JSON data (see `_overlay`).
    """
    frame = provinces_frame(result)
    feats = []
    for pid, row in frame.iterrows():
        feats.append(
            {
                "type": "Feature",
                "id": pid,
                "geometry": row.geometry.__geo_interface__,
                "properties": {
                    "id": pid,
                    "status": row["status"],
                    VIOLENCE_FLAG: bool(row[VIOLENCE_FLAG]),
                },
            }
        )
    return {"type": "FeatureCollection", "features": feats}


def _label_point(geom) -> tuple[float, float]:
    """Where a province's name goes: the pole of inaccessibility of its largest part."""
    from shapely.ops import polylabel

    part = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
    pt = polylabel(part, tolerance=0.01)
    return round(pt.y, 4), round(pt.x, 4)


# A place's tooltip and panel, and the metadata of the sources they cite (name -> its
# _seed_index entry), which a watch's next build checks before it takes them (Panel).
Panel = tuple[str, str, dict[str, dict | None]]


def _panel(result: BuildResult, part: str, key: str, make: Callable[[], Panel]) -> Panel:
    """make(), or the panel a watch's previous build made for a province or town (part)
    whose readings and inputs are the same (geojoin.carried) and whose cited sources'
    metadata (a sidecar's title, a new copy ...) is too."""
    seeds = _seed_index(result)
    if part == "province":
        ps = result.provinces[key]
        readings, inputs = ps.readings, province_inputs(ps)
    else:
        readings, inputs = town_readings(result).get(key, []), town_inputs(result, key)
    return carried(
        result,
        part + " panel",
        key,
        readings,
        inputs,
        make,
        lambda kept: all(seeds.get(name) == meta for name, meta in kept[2].items()),
    )


def _cited(items: Items, seeds: dict[str, dict]) -> dict[str, dict | None]:
    """The metadata of the sources a panel of these items cites (see Panel)."""
    return {name: seeds.get(name) for name in {it["seed"] for it in items.shown}}


def _province_panel(result: BuildResult, row) -> Panel:
    """A province's tooltip and panel (Panel), from its row of provinces_frame."""
    seeds = _seed_index(result)
    items = _province_items(result, str(row.name))
    return (
        _province_html(row, seeds, False, items),
        _province_html(row, seeds, True, items),
        _cited(items, seeds),
    )


def _province_data(result: BuildResult) -> dict[str, dict]:
    """Province id -> name, label, escaped tooltip and panel HTML, for the data block."""
    out = {}
    for pid, row in provinces_frame(result).iterrows():
        tip, popup, _ = _panel(result, "province", str(pid), partial(_province_panel, result, row))
        lat, lon = _label_point(row.geometry)
        name = str(row["name"])
        out[str(pid)] = {
            "name": name,
            "short": name if len(name) <= SHORT_LABEL + 1 else name[:SHORT_LABEL] + ".",
            "lat": lat,
            "lon": lon,
            "area": round(row.geometry.area, 4),
            "tip": tip,
            "popup": popup,
        }
    return out


def _style(feature: dict) -> dict:
    props = feature["properties"]
    violent = props[VIOLENCE_FLAG]
    return {
        "className": f"tm-province tm-{props['id']} tm-status-{props['status']}",
        "fillColor": STATUS_COLORS[props["status"]],
        "fillOpacity": FILL_OPACITY,
        "color": VIOLENCE_OUTLINE if violent else BORDER,
        "weight": 3 if violent else 0.8,
        "dashArray": "6 4" if violent else None,
    }


def _legend_rows() -> list[dict]:
    """Every status, always: a reader must see what the colours could mean, not only
    those this build happens to use. Swatches are drawn as the fills: same colour and
    opacity, on the map's white ground."""
    return [
        {
            "color": rgba(STATUS_COLORS[s]),
            "symbol": STATUS_SYMBOLS.get(s, ""),
            "label": STATUS_LABELS[s],
        }
        for s in Status
    ]


def _town_panel(result: BuildResult, t) -> Panel:
    """A town's tooltip and panel (Panel), from its row of towns_frame."""
    seeds = _seed_index(result)
    status, key = t["status"], str(t["place_id"])
    found = town_readings(result).get(key, [])  # in time order
    decides = town_deciding_reading(found, status)
    items = _evidence_items(found, decides, counted=town_evidence(result, key))
    label = (
        f"<div class='tm-h'>{esc(t['name'])}</div>"
        f"<b>{esc(STATUS_LABELS[status])}</b> ({esc(t['kind'])}, "
        f"{esc(result.gazetteer.province_name(t['province']))})"
    )
    label += _correction_line(t["correction"])
    if "fuzzy" in t["match"]:
        label += "<br><i>fuzzy match</i>"
    label += f"<div class='tm-count'>{_count_line(items)}</div>" if items.total else ""
    return (
        label + _evidence_html(items, seeds, 1),
        label
        + _evidence_html(items, seeds, POPUP_EVIDENCE_LIMIT)
        + _sources_html(items, seeds, POPUP_EVIDENCE_LIMIT),
        _cited(items, seeds),
    )


def _town_data(result: BuildResult) -> list[dict]:
    """One entry per town with a status: position, marker look, escaped tooltip and panel."""
    towns = []
    for _, t in towns_frame(result).iterrows():
        status, key = t["status"], str(t["place_id"])
        tip, popup, _ = _panel(result, "town", key, partial(_town_panel, result, t))
        towns.append(
            {
                "id": key,
                "name": str(t["name"]),
                "lat": float(t["lat"]),
                "lon": float(t["lon"]),
                "status": status,
                "tip": tip,
                "popup": popup,
            }
        )
    return towns


def _conflict_words(conflict: str) -> str:
    """The conflicting reports ("captured (a.txt, 2021-08-20); government (...)") in the
    legend's words, escaped."""
    parts = []
    for part in (p for p in conflict.split("; ") if p):
        status, _, rest = part.partition(" (")
        label = STATUS_LABELS.get(Status(status)) if status in tuple(Status) else None
        parts.append(f"{esc(label)} ({esc(rest)}" if label and rest else esc(part))
    return "; ".join(parts)


def _conflict_data(result: BuildResult) -> list[dict]:
    """A visible mark on each province whose same-day reports disagree."""
    marks = []
    for pid, ps in sorted(result.provinces.items()):
        if ps.conflict:
            place = result.gazetteer.provinces[pid]
            marks.append(
                {
                    "lat": place.lat,
                    "lon": place.lon,
                    "tip": "Conflicting reports the same day: "
                    + _conflict_words("; ".join(ps.conflict)),
                }
            )
    return marks


def _timeline_data(result: BuildResult) -> dict | None:
    """Statuses of provinces and towns at each report time, for the slider (None: one)."""
    timeline = result.timeline
    if not timeline or len(timeline.dates) < 2:
        return None
    first = timeline.states[0]
    towns = {key for step in timeline.towns for key in step}
    return {
        "dates": timeline.dates,
        "status": {pid: [st[pid][0] for st in timeline.states] for pid in first},
        VIOLENCE_FLAG: {pid: [st[pid][1] for st in timeline.states] for pid in first},
        "towns": {key: [step.get(key, "") for step in timeline.towns] for key in sorted(towns)},
    }


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
        for attr in ("header", "html", "script"):  # sub-trees folium keeps outside _children
            sub = getattr(el, attr, None)
            if isinstance(sub, Element) and sub is not el:
                walk(sub)

    walk(root)


def build_map(
    result: BuildResult, tiles: str | None = "OpenStreetMap", title: str | None = None
) -> folium.Map:
    """The map's frame, drawn by folium: basemap, province shapes (no seed text), and the
    empty town, conflict and name layers that the page's own script fills."""
    theatre = result.gazetteer.theatre
    m = folium.Map(
        location=theatre["map_center"],
        zoom_start=theatre["map_zoom"],
        tiles=None,
        control_scale=True,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    # Only what this map uses: Leaflet. jQuery, Bootstrap, Font Awesome and the
    # awesome-markers plugin are folium defaults this map does not need.
    m.default_js = [(n, u) for n, u in m.default_js if n in USED_ASSETS]
    m.default_css = [(n, u) for n, u in m.default_css if n in USED_ASSETS]
    # The page's <title>, the folium way: branca's Figure inserts it as a value (never
    # compiled as a template); it is the theatre's configuration, escaped here.
    m.get_root().title = html.escape(map_title(result, title))  # type: ignore[attr-defined]
    if tiles:
        folium.TileLayer(tiles, name="Basemap (online)").add_to(m)
    data = _province_geojson(result)
    folium.GeoJson(data, name="Provinces", style_function=_style).add_to(m)
    folium.FeatureGroup(name="Towns", show=True).add_to(m)
    folium.FeatureGroup(name="Conflicting reports", show=True).add_to(m)
    folium.FeatureGroup(name="Names", show=True).add_to(m)
    StatusLegend(_legend_rows(), VIOLENCE_OUTLINE, CREDITS).add_to(m)
    # The page's script fits the country in view beside the legend (overlay.js: fit).
    _renumber_ids(m.get_root())
    return m


def _layer_names(m: folium.Map) -> dict[str, str]:
    """The JavaScript variable of the map and of each layer the page's script uses."""
    names = {"map": m.get_name()}
    groups = {"Towns": "towns", "Conflicting reports": "conflicts", "Names": "names"}
    for child in m._children.values():
        if isinstance(child, folium.GeoJson):
            names["provinces"] = child.get_name()
        elif isinstance(child, folium.TileLayer):
            names["tiles"] = child.get_name()
        elif isinstance(child, folium.FeatureGroup):
            names[groups[child.layer_name]] = child.get_name()
    return names


_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("mapping", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


def map_title(result: BuildResult, title: str | None = None) -> str:
    """The title given (`build --title`), else the theatre's; one line, at most 200
    characters (it heads the page and names the browser tab)."""
    chosen = title if title and title.strip() else result.gazetteer.theatre.get("title", "")
    return one_line(" ".join(chosen.split()))[:200] or "Territorial control"


def _overlay(result: BuildResult, m: folium.Map, title: str | None = None) -> tuple[str, str]:
    """(HTML for the page body, script for after folium's), from our own autoescaping
    templates. Seed text enters only as JSON in a non-executable data block."""
    title = map_title(result, title)
    n = len(result.seeds)
    timeline = _timeline_data(result)
    latest = timeline["dates"][-1] if timeline else (result.latest_date or "")
    data = {
        "layers": _layer_names(m),
        "provinces": _province_data(result),
        "towns": _town_data(result),
        "conflicts": _conflict_data(result),
        "timeline": timeline,
        "colors": STATUS_COLORS,
        "labels": STATUS_LABELS,
        "symbols": STATUS_SYMBOLS,
        "outline": VIOLENCE_OUTLINE,
        "border": BORDER,
        "dark": dark_statuses(),
        "latest": latest,
    }
    body = _TEMPLATES.get_template("overlay.html").render(
        title=title,
        seed_count=n,
        article_word="article" if n == 1 else "articles",
        latest=latest.replace("T", " ") or "undated",
        timeline=timeline,
    )
    payload = json.dumps(data, sort_keys=True, ensure_ascii=False)
    script = (resources.files("mapping") / "templates" / "overlay.js").read_text("utf-8")
    return body, (
        f"<script type='application/json' id='tm-data'>{_json_in_html(payload)}"
        f"</script>\n<script>{script}</script>\n"
    )


def _json_in_html(payload: str) -> str:
    """JSON that no HTML parser can end early: <, > and & as \\u escapes (still valid JSON)."""
    return (
        payload.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _page_lang(page: str) -> str:
    """The document's language (branca's page template has no place for it)."""
    return page.replace("<html>", "<html lang='en'>", 1)


def render_html(
    result: BuildResult,
    tiles: str | None = "OpenStreetMap",
    self_contained: bool = True,
    title: str | None = None,
) -> str:
    """The map page. Self-contained (the default) inlines every script and stylesheet
    (mapping.assets), so it opens with no network; False links them from a CDN.

    folium renders a frame that holds no seed text; our overlay (title, legend, time
    control, names, tooltips, panels, towns) is added to the rendered page afterwards, so
    nothing untrusted is ever compiled as a template.
    """
    m = build_map(result, tiles, title)
    page = _page_lang(m.get_root().render())
    if self_contained:
        from .assets import inline_assets

        page = inline_assets(page)
    body, script = _overlay(result, m, title)
    head, sep, tail = page.rpartition("</body>")
    if not sep:
        raise RuntimeError("folium's page has no </body>; cannot add the overlay")
    page = head + body + sep + tail
    head, sep, tail = page.rpartition("</html>")
    return head + script + sep + tail
