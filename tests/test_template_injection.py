"""Seed text is data, never template: template syntax in any field of a seed is shown as
written and never evaluated.

folium and branca compile what they render as Jinja templates, so a seed whose text reached
them could run code on the machine that builds the map ({{ lipsum.__globals__.os... }}) or
stop the build ({{citation needed}}). Each payload below goes into every field a seed has
(article text, title, source, url, note, file name); the real CLI builds the map; the test
checks that no marker file was created, nothing was computed, and the literal text is in
the map's data, provinces.geojson, mentions.csv and history.csv, and on screen in Chromium.
"""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import build_cli
from test_xss import page_data

MARKER = "tm_injection_marker"
# Every kind of template syntax: expressions, statements, comments, unbalanced openers,
# code execution through Jinja globals, and copy that merely looks like a template.
PAYLOADS = [
    "{{ 7*7 }}",
    "{{7*'7'}}",
    "{{ lipsum.__globals__.os.popen('touch MARKERPATH').read() }}",
    "{{ cycler.__init__.__globals__.os.system('touch MARKERPATH') }}",
    "{% for i in range(3) %}loop{% endfor %}",
    "{% set x = 1 %}",
    "{% raw %}raw{% endraw %}",
    "{# hidden comment #}",
    "{#KabulFalls",
    "{{citation needed}}",
    "{%",
    "{{",
    "}} %} #}",
    "{{ config.items() }}",
    "${{ 7*7 }}",
    '<img src=x onerror="{{ 7*7 }}">',
]


def _payloads(tmp: Path) -> list[str]:
    return [p.replace("MARKERPATH", str(tmp / MARKER)) for p in PAYLOADS]


def _seeds(folder: Path, payloads: list[str]) -> Path:
    """One seed per payload, the payload in its text, title, source, url and note (a
    sidecar, so the YAML quoting is exact) and, where a file name can hold it, its name."""
    folder.mkdir()
    for i, p in enumerate(payloads):
        safe_name = p.replace("/", "_")[:80]
        name = f"{i:02d} {safe_name}.txt"
        (folder / name).write_text(
            f"KUNDUZ, Aug {10 + i % 5} - The Taliban captured Kunduz {p} on Sunday.\n"
            f"Residents in Herat said {p} was written on a wall.\n",
            encoding="utf-8",
        )
        (folder / name).with_suffix(".yaml").write_text(
            yaml.safe_dump(
                {
                    "title": f"T {p}",
                    "source": f"S {p}",
                    "url": f"https://example.org/{p}",
                    "note": f"N {p}",
                    "date": f"2021-08-{10 + i % 5:02d}",
                }
            ),
            encoding="utf-8",
        )
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("inject")
    payloads = _payloads(tmp)
    seeds = _seeds(tmp / "seeds", payloads)
    out = tmp / "out"
    proc = build_cli(seeds, out, "--self-contained", check=False)
    return tmp, payloads, out, proc


def test_build_succeeds_and_runs_nothing(built):
    tmp, _, out, proc = built
    assert proc.returncode == 0, proc.stderr
    assert not (tmp / MARKER).exists()
    assert not list(tmp.rglob(MARKER))
    assert "uid=0(" not in (out / "map.html").read_text(encoding="utf-8")


def _visible_text(fragments) -> str:
    joined = re.sub(r"</?mark>", "", " ".join(fragments))  # highlights are inline
    return html.unescape(re.sub(r"<[^>]+>", " ", joined))


def test_literal_text_survives_to_the_map_data(built):
    _, payloads, out, _ = built
    data = page_data((out / "map.html").read_text(encoding="utf-8"))
    frags = [p[k] for p in data["provinces"].values() for k in ("tip", "popup")]
    frags += [t[k] for t in data["towns"] for k in ("tip", "popup")]
    text = _visible_text(frags)
    # An http(s) address is the link's target, others are shown as text.
    text += " ".join(html.unescape(h) for f in frags for h in re.findall(r"href='([^']*)'", f))
    for p in payloads:
        assert f"Kunduz {p} on Sunday" in text, p  # evidence sentence
        assert f"T {p}" in text and f"S {p}" in text  # title and source
        assert f"https://example.org/{p}" in text  # url
    assert "Kunduz 49" not in text and "loop" not in text.replace("{% for i in range(3) %}loop", "")


def test_literal_text_survives_to_geojson_and_csvs(built):
    _, payloads, out, _ = built
    gj = json.loads((out / "provinces.geojson").read_text(encoding="utf-8"))
    kdz = next(f["properties"] for f in gj["features"] if f["properties"]["id"] == "AF-KDZ")
    assert kdz["status"] == "captured"
    evidence = kdz["evidence"]
    with open(out / "mentions.csv", encoding="utf-8-sig", newline="") as fh:
        mentions = list(csv.DictReader(fh))
    with open(out / "history.csv", encoding="utf-8-sig", newline="") as fh:
        history = " ".join(",".join(r.values()) for r in csv.DictReader(fh))
    titles = {r["title"] for r in mentions}
    for p in payloads:
        assert f"Kunduz {p} on Sunday" in evidence, p
        assert any(f"Kunduz {p} on Sunday" in r["evidence"] for r in mentions), p
        assert f"T {p}" in titles, p
        assert p.replace("/", "_")[:80] in history, p  # the seed's file name


def test_literal_text_on_screen_in_chromium(built):
    playwright = pytest.importorskip("playwright.sync_api")
    from test_browser import Page

    from mapping.snapshot import launch

    _, payloads, out, _ = built
    with playwright.sync_playwright() as pw:
        browser = launch(pw)
        try:
            page = Page(browser, out / "map.html")
            popup = page.click("AF-KDZ")
            assert "{{ 7*7 }}" in popup and "Kunduz 49" not in popup
            assert "{#KabulFalls" in popup and "{{citation needed}}" in popup
            assert page.errors == [] and page.dialogs == []
            assert page.page.locator("img[onerror]").count() == 0
        finally:
            browser.close()
