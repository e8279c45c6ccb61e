"""What a person sees: the built map in Debian's chromium, driven by playwright.

Every request that leaves the machine is blocked and logged; the self-contained map must
make none. The map is opened from file://. Needs `apt-get install chromium` and the npm
assets (`bash tools/fetch-assets.sh`); tools/test.sh installs both.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, run_cli

playwright = pytest.importorskip("playwright.sync_api")

from mapping.snapshot import block_external, launch  # noqa: E402

STATUS_LABELS = [
    "Captured",
    "Claimed",
    "Contested",
    "Recaptured",
    "Government-held",
    "Violence only",
    "Mentioned",
    "No report",
]


@pytest.fixture(scope="module")
def seeds_with_hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds")
    for f in (ROOT / "seeds").iterdir():
        shutil.copy(f, folder / f.name)
    shutil.copy(ROOT / "tests" / "data" / "xss" / "hostile.txt", folder / "hostile.txt")
    return folder


def _build(out, seeds, *extra):
    """The default build (self-contained), with no basemap unless `extra` says otherwise."""
    run_cli("build", "--seeds", str(seeds), "--out", str(out), "--tiles", "none", "--quiet", *extra)
    return out / "map.html"


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("seedmap"), ROOT / "seeds")


@pytest.fixture(scope="module")
def hostile_map(tmp_path_factory, seeds_with_hostile):
    return _build(tmp_path_factory.mktemp("hostilemap"), seeds_with_hostile)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


class Page:
    """One opened map, with the logs a test checks."""

    def __init__(
        self,
        browser,
        html,
        width: int = 1280,
        height: int = 900,
        mobile: bool = False,
        suffix: str = "",
    ):
        self.external, self.errors, self.dialogs = [], [], []
        self.page = browser.new_page(
            viewport={"width": width, "height": height}, is_mobile=mobile, has_touch=mobile
        )
        block_external(self.page, self.external)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(html.resolve().as_uri() + suffix)
        self.page.wait_for_selector("path.tm-province")

    def point_inside(self, pid: str) -> tuple[float, float]:
        """A screen point where the province's own shape is the top element (not a marker)."""
        return self.page.evaluate(
            """(pid) => {
            const el = document.querySelector('path.tm-' + pid);
            const r = el.getBoundingClientRect();
            for (let fy = 0.5; fy < 0.95; fy += 0.05) for (let fx = 0.5; fx < 0.95; fx += 0.05)
              for (const [x, y] of [[r.left + r.width*fx, r.top + r.height*fy],
                                    [r.left + r.width*(1-fx), r.top + r.height*(1-fy)]])
                if (document.elementFromPoint(x, y) === el) return [x, y];
            return null; }""",
            pid,
        )

    def hover(self, pid: str) -> str:
        x, y = self.point_inside(pid)
        self.page.mouse.move(x, y)
        tip = self.page.wait_for_selector(".leaflet-tooltip")
        return tip.inner_text()

    def click(self, pid: str) -> str:
        """Click the province; the text of the panel it opens."""
        x, y = self.point_inside(pid)
        self.page.mouse.click(x, y)
        return self.page.wait_for_selector("#tm-panel-body", state="visible").inner_text()

    def close_panel(self) -> None:
        self.page.click("#tm-panel-close")
        self.page.wait_for_selector("#tm-panel", state="hidden")


@pytest.fixture
def seed_page(browser, seed_map):
    page = Page(browser, seed_map)
    yield page
    page.page.close()


def test_self_contained_map_needs_no_network_and_has_no_errors(seed_page):
    seed_page.page.wait_for_timeout(500)
    assert seed_page.external == []
    assert seed_page.errors == []


def test_34_provinces_drawn_with_status_colours(seed_page):
    assert seed_page.page.locator("path.tm-province").count() == 34
    from mapping.mapview import STATUS_COLORS

    for pid, status in [("AF-HER", "captured"), ("AF-KHO", "violence"), ("AF-KAB", "no_report")]:
        fill = seed_page.page.get_attribute(f"path.tm-{pid}", "fill")
        assert fill.lower() == STATUS_COLORS[status], pid


def test_legend_visible_and_lists_every_status(seed_page):
    legend = seed_page.page.locator("#tm-legend")
    assert legend.is_visible()
    text = legend.inner_text()
    for label in STATUS_LABELS:
        assert label in text


def test_title_and_credits(seed_page):
    assert "As of 2021-08-10 · from 1 article" in seed_page.page.inner_text("#tm-title")
    assert "GeoNames" in seed_page.page.inner_text("#tm-credits")


def test_hover_samangan_shows_aybak(seed_page):
    tip = seed_page.hover("AF-SAM")
    assert "Samangan" in tip and "Captured by the Taliban" in tip and "Aybak" in tip


def test_click_paktia_shows_fuzzy_match_note(seed_page):
    popup = seed_page.click("AF-PIA")
    assert "fuzzy match" in popup and "Pakria" in popup
    assert "Doha News" in popup and "2021-08-10" in popup


def test_town_markers_and_layer_control(seed_page):
    assert seed_page.page.locator(".tm-town").count() == 6
    control = seed_page.page.inner_text(".leaflet-control-layers")
    assert "Provinces" in control and "Towns" in control


def test_hostile_seed_renders_as_text_and_runs_nothing(browser, hostile_map):
    page = Page(browser, hostile_map)
    try:
        tip = page.hover("AF-HER")
        assert "<script>window.__xss='body'</script>" in tip
        assert "<svg onload=window.__xss='svg'>" in tip
        popup = page.click("AF-KAN")
        assert "<img src=x onerror=window.__xss='img'>" in popup
        page.page.mouse.click(1250, 450)  # a click on the empty map closes the panel
        page.page.wait_for_selector("#tm-panel", state="hidden")
        popup = page.click("AF-HER")
        assert "<script>window.__xss='title'</script>" in popup
        assert "${window.__xss='template'}" in popup and "\\x3cimg" in popup
        page.page.wait_for_timeout(300)
        assert page.page.evaluate("typeof window.__xss") == "undefined"
        assert page.dialogs == [] and page.errors == [] and page.external == []
        assert page.page.locator("svg[onload], img[onerror]").count() == 0
    finally:
        page.page.close()


def test_time_slider_recolours_provinces(browser, tmp_path):
    """The slider recolours provinces, and tooltips and popups say the status as of the
    chosen date (only when it is not the latest)."""
    from mapping.mapview import STATUS_COLORS

    html = _build(tmp_path, ROOT / "tests" / "data" / "timeline")
    page = Page(browser, html)
    try:
        fill = lambda: page.page.get_attribute("path.tm-AF-JOW", "fill").lower()
        assert fill() == STATUS_COLORS["recaptured"]  # latest by default
        page.page.locator("#tm-time-range").fill("0")
        assert fill() == STATUS_COLORS["no_report"]
        assert "as of 2021-08-06" in page.page.inner_text("#tm-time")
        assert "As of 2021-08-06: No report in the seeds" in page.hover("AF-JOW")
        page.page.locator("#tm-time-range").fill("1")
        assert fill() == STATUS_COLORS["captured"]
        page.page.mouse.move(5, 5)
        page.page.wait_for_selector(".leaflet-tooltip", state="detached")
        assert "As of 2021-08-07: Captured by the Taliban" in page.click("AF-JOW")
        page.close_panel()
        last = page.page.get_attribute("#tm-time-range", "max")
        page.page.locator("#tm-time-range").fill(last)  # back to the latest
        page.page.mouse.move(5, 5)
        page.page.wait_for_selector(".leaflet-tooltip", state="detached")
        assert "As of" not in page.hover("AF-JOW")
        assert page.errors == [] and page.external == []
        assert page.page.locator(".tm-conflict").count() == 1
    finally:
        page.page.close()


def test_correction_recolours_the_province_and_shows_its_reason(browser, tmp_path):
    """A row of corrections.csv turns Samangan government-held; its tooltip and panel say
    it was corrected by hand and why (the reason escaped, never run)."""
    seeds = tmp_path / "s"
    shutil.copytree(ROOT / "seeds", seeds)
    (seeds / "corrections.csv").write_text(
        "date,place,status,reason,source\n"
        "2021-08-10,AF-SAM,government,Governor <b>confirmed</b> the city is held,Analyst desk\n",
        encoding="utf-8",
    )
    html = _build(tmp_path / "o", seeds)
    page = Page(browser, html)
    try:
        from mapping.mapview import STATUS_COLORS

        fill = page.page.get_attribute("path.tm-AF-SAM", "fill")
        assert fill.lower() == STATUS_COLORS["government"]
        tip = page.hover("AF-SAM")
        assert "Corrected by hand: Governor <b>confirmed</b> the city is held" in tip
        panel = page.click("AF-SAM")
        assert "Corrected by hand" in panel and "Government-held" in panel
        assert page.errors == [] and page.dialogs == []
    finally:
        page.page.close()
