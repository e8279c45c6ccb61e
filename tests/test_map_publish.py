"""A map a journalist can publish: offline, on a phone, in an iframe, readable at a glance,
with evidence that reads like a source, a timeline, print and share, and the same colours
in QGIS and notebooks. Browser checks run in Debian's chromium with the network blocked.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3

import pytest
from conftest import ROOT, run_cli

SAMANGAN_URL = (
    "https://dohanews.co/us-envoy-in-qatar-presses-taliban-to-halt-violent-military-offensive"
)
PHONE, TABLET, DESKTOP = (390, 844), (768, 1024), (1280, 900)
MAX_MAP_BYTES = 450 * 1024


def _build(out, seeds, *extra):
    run_cli("build", "--seeds", str(seeds), "--out", str(out), "--quiet", *extra)
    return out / "map.html"


@pytest.fixture(scope="module")
def default_map(tmp_path_factory):
    """The README's build: default options (OpenStreetMap tiles, self-contained)."""
    return _build(tmp_path_factory.mktemp("default"), ROOT / "seeds")


@pytest.fixture(scope="module")
def same_day(tmp_path_factory):
    """Two reports of the same day, at different times, and a hostile address."""
    folder = tmp_path_factory.mktemp("sameday")
    (folder / "a.txt").write_text(
        "---\ntitle: Morning report\nsource: Wire\ndate: 2021-08-10T09:00\n"
        "url: javascript:alert(document.domain)\n---\n"
        "The Taliban captured Kunduz on Tuesday morning.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "---\ntitle: Evening report\nsource: Wire\ndate: 2021-08-10T21:30\n"
        "url: https://example.org/evening\n---\n"
        "Government forces recaptured Kunduz on Tuesday evening.\n",
        encoding="utf-8",
    )
    (folder / "c.txt").write_text(
        "---\ndate: 2021-08-08\n---\nFighting was reported in Kunduz.\n", encoding="utf-8"
    )
    return _build(tmp_path_factory.mktemp("sameday_out"), folder, "--tiles", "none")


# ---- without a browser


def test_default_map_is_self_contained_and_small(default_map, tmp_path):
    page = default_map.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=|<link[^>]+stylesheet", page)
    assert "cdn.jsdelivr" not in page and "jquery" not in page.lower()
    assert default_map.stat().st_size < MAX_MAP_BYTES, default_map.stat().st_size
    cdn = _build(tmp_path / "cdn", ROOT / "seeds", "--cdn")
    assert re.search(r"<script src=\"https://cdn\.jsdelivr\.net/npm/leaflet@", cdn.read_text())
    assert cdn.stat().st_size < default_map.stat().st_size


def test_cdn_and_self_contained_together_are_a_usage_error(tmp_path):
    proc = run_cli(
        "build",
        "--seeds",
        str(ROOT / "seeds"),
        "--out",
        str(tmp_path),
        "--cdn",
        "--self-contained",
        check=False,
    )
    assert proc.returncode == 2 and "contradict" in proc.stderr


def test_palette_is_distinguishable_for_everyone():
    from mapping.model import Status
    from mapping.palette import STATUS_COLORS, smallest_differences

    assert set(STATUS_COLORS) == set(Status)
    small = smallest_differences()
    for vision, (delta, pair) in small.items():
        assert delta >= 12, (vision, delta, pair)


def test_ciede2000_matches_the_published_test_data():
    from mapping.palette import ciede2000

    # Sharma, Wu & Dalal (2005), pairs 1, 7 and 17
    assert ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert ciede2000((50, 0, 0), (50, -1, 2)) == pytest.approx(2.3669, abs=1e-4)
    assert ciede2000((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)


def test_one_plain_english_name_per_place(default_map):
    import mapping

    towns = mapping.towns("seeds")
    assert "Aybak" in set(towns["name"]) and not any(
        re.search(r"[^\x00-\x7f]", n) for n in towns["name"]
    )
    gaz = mapping.places()
    caps = set(gaz[gaz["is_capital"]]["name"])
    assert {"Mazar-i-Sharif", "Aybak", "Sheberghan", "Pul-i-Khumri"} <= caps
    assert not [n for n in caps if re.search(r"[^\x00-\x7f]", n)]


def test_panel_counts_agree_and_use_the_legend_words():
    from mapping.mapview import _province_data
    from mapping.pipeline import build

    data = _province_data(build(ROOT / "seeds"))
    for pid, p in data.items():
        m = re.search(r"(\d+) sentences? from (\d+) articles?", p["popup"])
        if m:
            assert int(m.group(2)) <= int(m.group(1)), pid
        assert not re.search(r"Status: <b>\w+</b>", p["tip"])
    sam = data["AF-SAM"]
    assert "Captured by the Taliban" in sam["tip"] and "violence" not in sam["tip"].lower()
    assert "3 sentences from 1 article" in sam["popup"]
    assert sam["popup"].index("Deciding report") < sam["popup"].index("Several parts")
    assert "<mark>Aybak</mark>" in sam["popup"] and "<mark>Samangan</mark>" in sam["popup"]
    assert f"<a href='{SAMANGAN_URL}' rel='noopener noreferrer' target='_blank'>" in sam["popup"]
    assert "000_536174a612b46550" not in sam["popup"]  # metadata, so no file name


def test_source_links_only_for_http_and_https():
    from mapping.mapview import _seed_line, safe_link

    for bad in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:x",
        "https:",
        "//example.org/x",
        "http://exa mple.org",
        "https://example.org/\nx",
        "file:///etc/passwd",
    ]:
        assert safe_link(bad) is None, bad
        assert "<a " not in _seed_line("s.txt", {"title": "T", "url": bad})
    assert safe_link("HTTPS://example.org/a?b=1") == "HTTPS://example.org/a?b=1"


def test_timeline_steps_through_each_report_time(same_day):
    from test_xss import page_data

    data = page_data(same_day.read_text(encoding="utf-8"))
    t = data["timeline"]
    assert t["dates"] == ["2021-08-08", "2021-08-10T09:00", "2021-08-10T21:30"]
    assert t["status"]["AF-KDZ"] == ["contested", "captured", "recaptured"]
    kunduz = next(town for town in data["towns"] if town["name"] == "Kunduz")
    assert t["towns"][kunduz["id"]] == ["contested", "captured", "recaptured"]


def test_geopackage_has_qgis_style_and_real_dates(default_map):
    gpkg = default_map.parent / "provinces.gpkg"
    con = sqlite3.connect(gpkg)
    try:
        rows = con.execute(
            "SELECT f_table_name, useAsDefault, styleQML FROM layer_styles"
        ).fetchall()
        types = {r[1]: r[2] for r in con.execute("PRAGMA table_info(provinces)")}
    finally:
        con.close()
    assert [(r[0], r[1]) for r in rows] == [("provinces", 1)]
    from mapping.palette import STATUS_LABELS

    assert "categorizedSymbol" in rows[0][2] and STATUS_LABELS["captured"] in rows[0][2]
    assert "127,39,4,255" in rows[0][2]  # captured's colour
    assert types["latest_date"] == "DATETIME"


def test_geojson_features_carry_their_id(default_map):
    doc = json.loads((default_map.parent / "provinces.geojson").read_text(encoding="utf-8"))
    assert all(f["id"] == f["properties"]["id"] for f in doc["features"])
    assert len({f["id"] for f in doc["features"]}) == 34


def test_explore_uses_the_map_palette_and_no_seed_text():
    import mapping
    from mapping.palette import STATUS_COLORS

    page = mapping.explore(mapping.provinces("seeds")).get_root().render()
    assert STATUS_COLORS["captured"] in page and "Captured by the Taliban" in page
    assert "seized Aybak" not in page and "Doha News" not in page


def test_legend_is_a_folium_element_with_fixed_text_only():
    from mapping.legend import StatusLegend
    from mapping.mapview import build_map
    from mapping.pipeline import build

    page = build_map(build(ROOT / "seeds"), tiles=None).get_root().render()
    assert "id='tm-legend'" in page and "Captured by the Taliban" in page and "GeoNames" in page
    with pytest.raises(ValueError, match="template syntax"):
        StatusLegend([{"color": "#fff", "symbol": "", "label": "{{ 7*7 }}"}], "#000", "c")


# ---- in the browser

playwright = pytest.importorskip("playwright.sync_api")

from test_browser import Page  # noqa: E402

from mapping.snapshot import launch  # noqa: E402


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


def _open(browser, html, size, mobile=False, suffix=""):
    page = Page(browser, html, width=size[0], height=size[1], mobile=mobile, suffix=suffix)
    page.page.wait_for_timeout(300)
    return page


OVERLAYS_JS = """() => Array.from(document.querySelectorAll('.leaflet-control'))
    .filter(e => e.offsetParent !== null)
    .map(e => { const r = e.getBoundingClientRect();
                return {name: e.id || e.className, l: r.left, t: r.top, r: r.right, b: r.bottom}; })"""


def _overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["name"], b["name"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]
    ]


@pytest.mark.parametrize("size,mobile", [(DESKTOP, False), (TABLET, True), (PHONE, True)])
def test_no_network_and_no_errors(browser, default_map, size, mobile):
    """Tiles are the only outside requests a default map makes, and they fail quietly."""
    page = _open(browser, default_map, size, mobile)
    try:
        page.page.wait_for_timeout(500)
        tiles = [u for u in page.external if re.match(r"https://tile\.openstreetmap\.org/", u)]
        assert [u for u in page.external if u not in tiles] == []
        # the browser's own line for each blocked tile; no script error
        failed = "Failed to load resource: net::ERR_FAILED"
        assert [e for e in page.errors if e != failed] == []
        assert page.errors.count(failed) <= len(tiles)
    finally:
        page.page.close()


@pytest.mark.parametrize("size", [PHONE, TABLET])
@pytest.mark.parametrize("which", ["default", "timeline"])
def test_no_overlay_covers_another_on_small_screens(browser, default_map, same_day, size, which):
    page = _open(browser, default_map if which == "default" else same_day, size, mobile=True)
    try:
        boxes = page.page.evaluate(OVERLAYS_JS)
        assert len(boxes) >= 6
        assert _overlapping(boxes) == []
        for b in boxes:
            assert b["l"] >= 0 and b["t"] >= 0 and b["r"] <= size[0] and b["b"] <= size[1], b
        if size == PHONE:
            assert page.page.evaluate("document.getElementById('tm-legend').open") is False
    finally:
        page.page.close()


def test_legend_open_on_desktop_and_swatches_drawn_as_fills(browser, default_map):
    from mapping.palette import FILL_OPACITY, STATUS_COLORS

    page = _open(browser, default_map, DESKTOP)
    try:
        assert page.page.evaluate("document.getElementById('tm-legend').open") is True
        swatch = page.page.evaluate(
            "getComputedStyle(document.querySelector('#tm-legend .tm-sw')).backgroundColor"
        )
        r, g, b = (int(STATUS_COLORS["captured"][i : i + 2], 16) for i in (1, 3, 5))
        assert swatch == f"rgba({r}, {g}, {b}, {FILL_OPACITY})"
        assert page.page.get_attribute("path.tm-AF-SAM", "fill-opacity") == str(FILL_OPACITY)
    finally:
        page.page.close()


def test_tap_opens_one_panel_inside_the_phone_screen(browser, default_map):
    page = _open(browser, default_map, PHONE, mobile=True)
    try:
        x, y = page.point_inside("AF-SAM")
        page.page.touchscreen.tap(x, y)
        panel = page.page.wait_for_selector("#tm-panel", state="visible")
        box = panel.bounding_box()
        assert box["x"] >= 0 and box["y"] >= 0
        assert (
            box["x"] + box["width"] <= PHONE[0] + 0.5 and box["y"] + box["height"] <= PHONE[1] + 0.5
        )
        close = page.page.locator("#tm-panel-close").bounding_box()
        assert close["y"] >= box["y"] and close["width"] >= 36 and close["height"] >= 36
        assert "Samangan" in page.page.inner_text("#tm-panel-body")
        assert page.page.inner_text("#tm-panel-title") == "Details: Samangan"
        page.page.wait_for_timeout(300)
        assert page.page.locator(".leaflet-tooltip").count() == 0  # no tooltip on tap
        assert page.page.locator(".leaflet-popup").count() == 0
        page.page.touchscreen.tap(close["x"] + close["width"] / 2, close["y"] + close["height"] / 2)
        page.page.wait_for_selector("#tm-panel", state="hidden")
        assert _script_errors(page) == []
    finally:
        page.page.close()


def _script_errors(page) -> list[str]:
    """Errors other than the browser's line for each blocked map tile."""
    return [e for e in page.errors if e != "Failed to load resource: net::ERR_FAILED"]


def _visible_names(page) -> list[str]:
    return page.page.evaluate("""() => {
        const spans = Array.from(document.querySelectorAll('.tm-label span'))
          .filter(s => !s.classList.contains('tm-hidden'));
        const rects = spans.map(s => s.getBoundingClientRect());
        for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) {
          const a = rects[i], b = rects[j];
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
            return ['OVERLAP ' + spans[i].textContent + ' / ' + spans[j].textContent];
        }
        return spans.filter((s, i) => rects[i].left >= 0 && rects[i].right <= innerWidth &&
          rects[i].top >= 0 && rects[i].bottom <= innerHeight).map(s => s.textContent); }""")


def test_a_status_the_learned_reading_set_says_so_in_its_panel(browser, tmp_path):
    """The deciding sentence of a status the learned reading set is marked as such, with
    what the rules had read (a sentence that does not say "captured" outright); a map of the
    rules alone has no such mark."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Gardez was lost on Saturday within hours of Khost, officials said.\n", encoding="utf-8"
    )
    (seeds / "a.yaml").write_text("date: 2021-08-10\n", encoding="utf-8")
    learned = _build(tmp_path / "learned", seeds, "--tiles", "none")
    rules = _build(tmp_path / "rules", seeds, "--tiles", "none", "--rules-only")
    page = _open(browser, learned, DESKTOP)
    try:
        text = page.click("AF-KHO")
        assert "Captured by the Taliban" in text
        note = "status from the learned reading; the rules read \u201cMentioned, no status\u201d"
        assert text.index("Deciding report") < text.index(note) < text.index("Khost, officials")
    finally:
        page.page.close()
    page = _open(browser, rules, DESKTOP)
    try:
        text = page.click("AF-KHO")
        assert "learned reading" not in text and "Mentioned" in text
    finally:
        page.page.close()


def test_province_names_visible_without_hovering(browser, default_map):
    page = _open(browser, default_map, DESKTOP)
    try:
        names = _visible_names(page)
        assert not [n for n in names if n.startswith("OVERLAP")], names
        assert len(names) >= 25, names
        assert {"Kandahar", "Helmand", "Badakhshan", "Kabul"} <= set(names)
    finally:
        page.page.close()


def test_samangan_panel_links_to_the_seed_address(browser, default_map):
    page = _open(browser, default_map, DESKTOP)
    try:
        text = page.click("AF-SAM")
        assert text.index("Deciding report") < text.index("Sources")
        link = page.page.locator("#tm-panel-body a")
        assert link.count() == 1
        assert link.get_attribute("href") == SAMANGAN_URL
        assert link.get_attribute("rel") == "noopener noreferrer"
        assert "US envoy in Qatar presses Taliban" in link.inner_text()
        assert "Doha News, 2021-08-10" in text
        assert page.page.locator("#tm-panel-body mark", has_text="Aybak").count() >= 1
    finally:
        page.page.close()


def test_javascript_address_is_never_a_link(browser, same_day):
    page = _open(browser, same_day, DESKTOP)
    try:
        text = page.click("AF-KDZ")
        assert "javascript:alert(document.domain)" in text  # shown, as text
        hrefs = page.page.eval_on_selector_all(
            "#tm-panel-body a[href]", "els => els.map(e => e.href)"
        )
        assert not [h for h in hrefs if not h.startswith(("http:", "https:"))], hrefs
        assert "https://example.org/evening" in hrefs
    finally:
        page.page.close()


def test_slider_steps_through_two_reports_of_one_day(browser, same_day):
    from mapping.palette import STATUS_COLORS

    page = _open(browser, same_day, DESKTOP)
    try:
        fill = lambda: page.page.get_attribute("path.tm-AF-KDZ", "fill").lower()
        rng = page.page.locator("#tm-time-range")
        assert rng.get_attribute("max") == "2" and fill() == STATUS_COLORS["recaptured"]
        rng.fill("1")
        assert fill() == STATUS_COLORS["captured"]
        assert "as of 2021-08-10 09:00" in page.page.inner_text("#tm-time")
        assert page.page.inner_text("#tm-asof") == "2021-08-10 09:00"
        assert page.page.evaluate("location.hash") == "#2021-08-10T09:00"
        town = page.page.locator(".tm-town").first
        assert town.get_attribute("data-status") == "captured"  # markers move with time
        rng.fill("0")
        assert page.page.locator(".tm-town").first.get_attribute("data-status") == "contested"
        page.page.click("#tm-play")
        page.page.wait_for_function(
            "document.getElementById('tm-time-range').value === '2'", timeout=8000
        )
        assert page.page.get_attribute("#tm-play", "aria-label") == "Play"  # stopped at the end
        assert page.errors == []
    finally:
        page.page.close()


def test_position_in_the_address_opens_that_date(browser, same_day):
    from mapping.palette import STATUS_COLORS

    page = _open(browser, same_day, DESKTOP, suffix="#2021-08-08")
    try:
        assert (
            page.page.get_attribute("#tm-time-range", "value") == "0"
            or page.page.evaluate("document.getElementById('tm-time-range').value") == "0"
        )
        assert (
            page.page.get_attribute("path.tm-AF-KDZ", "fill").lower() == STATUS_COLORS["contested"]
        )
    finally:
        page.page.close()


def test_keyboard_tab_to_a_province_and_enter_opens_it(browser, default_map):
    page = _open(browser, default_map, DESKTOP)
    try:
        assert page.page.evaluate("document.documentElement.lang") == "en"
        assert "Afghanistan" in page.page.title()
        label = page.page.get_attribute("path.tm-AF-SAM", "aria-label")
        assert label == "Samangan: Captured by the Taliban"
        for _ in range(80):
            page.page.keyboard.press("Tab")
            if (
                page.page.evaluate("document.activeElement.getAttribute('role')") == "button"
                and page.page.evaluate("document.activeElement.tagName") == "path"
            ):
                break
        else:
            pytest.fail("no province reachable with Tab")
        name = page.page.evaluate("document.activeElement.getAttribute('aria-label')").split(":")[0]
        page.page.keyboard.press("Enter")
        page.page.wait_for_selector("#tm-panel", state="visible")
        assert name in page.page.inner_text("#tm-panel-body")
        page.page.keyboard.press("Escape")
        page.page.wait_for_selector("#tm-panel", state="hidden")
        markers = page.page.locator(".leaflet-marker-icon[aria-label]")
        assert markers.count() == 6
    finally:
        page.page.close()


def test_works_inside_an_iframe(browser, default_map):
    shutil.copy(default_map, default_map.parent / "embedded.html")
    host = default_map.parent / "host.html"
    host.write_text(
        "<!doctype html><title>host</title><iframe src='embedded.html' "
        "width='390' height='600' style='border:0' title='Map'></iframe>",
        encoding="utf-8",
    )
    page = _open_host(browser, host)
    try:
        frame = page.frames[1]
        frame.wait_for_selector("path.tm-province")
        assert frame.locator("path.tm-province").count() == 34
        box = frame.locator("path.tm-AF-HER").bounding_box()
        frame.locator("path.tm-AF-HER").click(
            position={"x": box["width"] / 2, "y": box["height"] / 2}, force=True
        )
        frame.wait_for_selector("#tm-panel", state="visible")
        assert "Herat" in frame.inner_text("#tm-panel-body")
    finally:
        page.close()


def _open_host(browser, host):
    from mapping.snapshot import block_external

    page = browser.new_page(viewport={"width": 800, "height": 700})
    block_external(page, [])
    page.goto(host.resolve().as_uri())
    return page


def test_png_is_print_style_at_twice_the_density(tmp_path):
    out = tmp_path / "out"
    run_cli(
        "build",
        "--seeds",
        str(ROOT / "seeds"),
        "--out",
        str(out),
        "--tiles",
        "none",
        "--quiet",
        "--png",
    )
    png = (out / "map.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (2560, 1800)
