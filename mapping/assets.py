"""Self-contained maps: inline every script and stylesheet the page references.

Analysts in the field often have no connectivity, so `build --self-contained` writes one
HTML file that needs no network: each <script src> and <link rel=stylesheet> that folium
emits is replaced by the file's content from its npm package (installed by
tools/fetch-assets.sh into assets/node_modules, never committed), and every url() inside
the CSS becomes a data: URI. Which npm file stands for which CDN address is listed below;
an address missing from the list is an error, never a silent network request.
"""

from __future__ import annotations

import base64
import mimetypes
import os
import re
from pathlib import Path

from .errors import AssetsMissing

ASSETS_DIR = Path(
    os.environ.get(
        "TERRITORY_MAP_ASSETS", Path(__file__).resolve().parent.parent / "assets" / "node_modules"
    )
)
INSTALL_HINT = (
    "install them with `bash tools/fetch-assets.sh` (npm packages pinned in assets/package.json)"
)

# The tail of each CDN address folium uses -> the file in assets/node_modules.
CDN_TO_PACKAGE = {
    "npm/leaflet@1.9.3/dist/leaflet.js": "leaflet/dist/leaflet.js",
    "npm/leaflet@1.9.3/dist/leaflet.css": "leaflet/dist/leaflet.css",
    "jquery-3.7.1.min.js": "jquery/dist/jquery.min.js",
    "jquery/3.7.1/jquery.min.js": "jquery/dist/jquery.min.js",
    "npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": "bootstrap/dist/js/bootstrap.bundle.min.js",
    "npm/bootstrap@5.2.2/dist/css/bootstrap.min.css": "bootstrap/dist/css/bootstrap.min.css",
    "Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js": "leaflet.awesome-markers/dist/leaflet.awesome-markers.js",
    "Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css": "leaflet.awesome-markers/dist/leaflet.awesome-markers.css",
    "npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css": "@fortawesome/fontawesome-free/css/all.min.css",
    "jqueryui/1.10.2/jquery-ui.min.js": "jquery-ui-dist/jquery-ui.min.js",
    "npm/iso8601-js-period@0.2.1/iso8601.min.js": "iso8601-js-period/iso8601.js",
    "npm/leaflet-timedimension@1.1.1/dist/leaflet.timedimension.min.js": "leaflet-timedimension/dist/leaflet.timedimension.min.js",
    "npm/leaflet-timedimension@1.1.1/dist/leaflet.timedimension.control.css": "leaflet-timedimension/dist/leaflet.timedimension.control.css",
    "moment.js/2.18.1/moment.min.js": "moment/min/moment.min.js",
}

_SCRIPT = re.compile(r'<script\s+src="(?P<url>[^"]+)"\s*>\s*</script>')
_LINK = re.compile(r'<link\s+rel="stylesheet"\s+href="(?P<url>[^"]+)"\s*/?>')
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(?P<ref>[^)'\"]+)\1\s*\)")


def local_file(url: str) -> Path:
    for tail, rel in CDN_TO_PACKAGE.items():
        if url.endswith(tail):
            path = ASSETS_DIR / rel
            if not path.is_file():
                raise AssetsMissing(
                    f"{path} is missing: the self-contained map needs the web "
                    f"assets; {INSTALL_HINT}"
                )
            return path
    raise AssetsMissing(
        f"no local copy is known for {url}; add it to CDN_TO_PACKAGE in {Path(__file__).name}"
    )


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or {
        ".woff2": "font/woff2",
        ".woff": "font/woff",
        ".ttf": "font/ttf",
        ".eot": "application/vnd.ms-fontobject",
    }.get(path.suffix, "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"


def inline_css(path: Path) -> str:
    """The stylesheet with each url() it references turned into a data: URI."""
    css = path.read_text(encoding="utf-8")

    def repl(m: re.Match) -> str:
        ref = m.group("ref").strip()
        if ref.startswith(("data:", "#")):
            return m.group(0)
        target = (path.parent / ref.split("?")[0].split("#")[0]).resolve()
        if not target.is_file():
            return "url()"  # a file the package does not ship; never fetched
        return f'url("{_data_uri(target)}")'

    return _CSS_URL.sub(repl, css).replace("</style", "<\\/style")


def inline_assets(page: str) -> str:
    """Replace every external script and stylesheet of a rendered page by its content."""

    def script(m: re.Match) -> str:
        js = local_file(m.group("url")).read_text(encoding="utf-8")
        return "<script>" + js.replace("</script", "<\\/script") + "</script>"

    def link(m: re.Match) -> str:
        return "<style>" + inline_css(local_file(m.group("url"))) + "</style>"

    page = _SCRIPT.sub(script, page)
    return _LINK.sub(link, page)
