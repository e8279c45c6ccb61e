"""A PNG picture of the map, taken through a real browser (Debian's chromium + playwright).

Why a browser: the map is drawn by Leaflet in JavaScript; only a browser shows what a
person sees. The page is opened from file:// with every request that would leave the
machine blocked, so the picture never depends on the network.
"""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = os.environ.get("TERRITORY_MAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def launch(playwright):
    """Headless Debian chromium, with the flags this machine's closed network needs."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(
            f"{CHROMIUM} not found: install Debian's chromium "
            "(apt-get install chromium) or set TERRITORY_MAP_CHROMIUM"
        )
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def block_external(page, log: list[str]) -> None:
    """Abort and record every request that is not file:, data:, blob: or loopback."""

    def route(r):
        url = r.request.url
        local = url.startswith(("file:", "data:", "blob:", "about:")) or url.split("/")[2].split(
            ":"
        )[0] in ("127.0.0.1", "localhost", "[::1]")
        if local:
            r.continue_()
        else:
            log.append(url)
            r.abort()

    page.route("**/*", route)


def screenshot(
    html_path: Path,
    png_path: Path,
    width: int = 1280,
    height: int = 900,
    scale: float = 2,
    mobile: bool = False,
    fragment: str = "",
    tap: str = "",
) -> Path:
    """Open the map in print style (no zoom, layer or play controls; legend open) at
    `scale` times the pixel density, and save what the browser drew once the provinces
    and their names are on screen. `mobile` emulates a touch phone as it is (controls
    shown), and `tap` a province id to open its panel first."""
    from playwright.sync_api import sync_playwright

    from .files import write_atomic

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(
                viewport={"width": width, "height": height},
                device_scale_factor=scale,
                is_mobile=mobile,
                has_touch=mobile,
            )
            block_external(page, [])
            page.goto(
                Path(html_path).resolve().as_uri()
                + ("" if mobile else "?print")
                + (f"#{fragment}" if fragment else "")
            )
            page.wait_for_selector("path.leaflet-interactive", timeout=30_000)
            page.wait_for_timeout(400)
            if tap:
                box = page.locator(f"path.tm-{tap}").bounding_box()
                page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
                page.wait_for_selector("#tm-panel", state="visible")
            data = page.screenshot()
        finally:
            browser.close()
    return write_atomic(png_path, data)


def main(argv: list[str] | None = None) -> int:
    """`python -m mapping.snapshot MAP.html DOCS/`: the README's two pictures, desktop
    (print style, as `build --png`) and phone (390x844, Samangan's panel open)."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m mapping.snapshot MAP.html DOCS_FOLDER", file=sys.stderr)
        return 2
    html, docs = Path(args[0]), Path(args[1])
    print(screenshot(html, docs / "map.png"))
    print(screenshot(html, docs / "map-phone.png", 390, 844, mobile=True, tap="AF-SAM"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
