"""Articles as they come: saved web pages, pages fetched by `add` from a real local HTTP
server, forgiving metadata, datelines, the same article saved twice; and the command
line's conventions (--version, help, --title, watch, the progress bar).

Every page and passage here was written for these tests.
"""

from __future__ import annotations

import csv
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, build_cli, run_cli

from mapping.fetch import FetchError, fetch
from mapping.pubdates import dateline_date, parse_date
from mapping.seeds import read_one

# A news page as sites serve them: navigation, a "most read" box, an advertisement and a
# footer, each naming places the article does not.
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Aybak falls | Frontier Times</title>
<meta property="og:title" content="Fighters take Aybak as defences crumble">
<meta property="og:site_name" content="Frontier Times">
<meta property="article:published_time" content="2021-08-09T14:30:00+04:30">
<link rel="canonical" href="https://frontier.example/2021/08/aybak">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/herat">Herat news</a></li>
<li><a href="/kandahar">Kandahar desk</a></li><li><a href="/khost">Khost</a></li></ul></nav></header>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/x">Taliban seize Kunduz
in overnight push</a></li><li><a href="/y">Fighting reported near Lashkar Gah</a></li></ul></aside>
<main><article><h1>Fighters take Aybak as defences crumble</h1>
<p>Taliban fighters captured Aybak, the capital of Samangan province, on Monday after
local elders negotiated the withdrawal of the remaining soldiers, two officials said by
telephone.</p>
<p>Residents described a quiet handover in the town centre, with few shots fired and shops
shuttered through the afternoon while the new rulers walked the main bazaar.</p>
<p>Several families had already left for the north before the last checkpoints were
abandoned, according to a teacher who stayed behind with his parents.</p>
</article></main>
<div class="advert">Advertisement: fly to Faizabad this winter with our partners</div>
<footer><p>Frontier Times, offices in Jalalabad and Ghazni. All rights reserved.</p>
<ul><li><a href="/about">About</a></li><li><a href="/bamyan">Bamyan bureau</a></li></ul></footer>
</body></html>
"""
NOT_IN_THE_ARTICLE = {
    "Herat",
    "Kandahar",
    "Khost",
    "Kunduz",
    "Lashkar Gah",
    "Faizabad",
    "Jalalabad",
    "Ghazni",
    "Bamyan",
}


def _extract(path: Path) -> dict:
    doc = json.loads(run_cli("extract", str(path), "--json").stdout)
    assert len(doc["seeds"]) == 1, doc
    return doc["seeds"][0]


def _rows(out: Path, name: str = "mentions.csv") -> list[dict]:
    with open(out / name, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


# --- saved web pages -------------------------------------------------------------------


def test_saved_page_gives_only_the_articles_places_with_its_title_and_date(tmp_path):
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    seeds.mkdir()
    (seeds / "aybak.html").write_text(PAGE, encoding="utf-8")
    proc = build_cli(seeds, out)
    assert proc.returncode == 0, proc.stderr
    rows = _rows(out)
    places = {r["place"] for r in rows}
    assert "Aybak" in places and not places & NOT_IN_THE_ARTICLE, places
    assert {r["title"] for r in rows} == {"Fighters take Aybak as defences crumble"}
    assert {r["date"] for r in rows} == {"2021-08-09"}
    assert {r["source"] for r in rows} == {"Frontier Times"}
    assert {r["url"] for r in rows} == {"https://frontier.example/2021/08/aybak"}
    geo = json.loads((out / "provinces.geojson").read_text(encoding="utf-8"))
    status = {f["id"]: f["properties"]["status"] for f in geo["features"]}
    assert status["AF-SAM"] == "captured"
    assert status["AF-HER"] == status["AF-KAN"] == "no_report"


def test_extract_json_returns_the_text_the_offsets_index(tmp_path):
    page = tmp_path / "aybak.htm"
    page.write_text(PAGE, encoding="utf-8")
    seed = _extract(page)
    text = seed["text"]
    assert "Taliban fighters captured Aybak" in text and "<p>" not in text
    assert "Most read" not in text and "Advertisement" not in text and "rights" not in text
    assert seed["mentions"]
    for m in seed["mentions"]:
        assert text[m["start"] : m["end"]] == m["surface"]


def test_page_sidecar_wins_over_the_pages_metadata(tmp_path):
    (tmp_path / "p.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "p.yaml").write_text("title: My own title\noutlet: Desk copy\n", encoding="utf-8")
    seed, problems = read_one(tmp_path / "p.html")
    assert seed is not None and problems == []
    assert (seed.title, seed.source, seed.date) == ("My own title", "Desk copy", "2021-08-09")


def test_page_in_a_declared_legacy_encoding(tmp_path):
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "a teacher who", "a caf\u00e9 owner who"
    )
    (tmp_path / "p.html").write_bytes(page.encode("cp1252"))
    seed, _ = read_one(tmp_path / "p.html")
    assert seed is not None and "caf\u00e9 owner" in seed.text


@pytest.mark.parametrize(
    "content, reason",
    [
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
        ("", "no article text"),
    ],
)
def test_page_without_an_article_is_skipped_with_its_reason(tmp_path, content, reason):
    (tmp_path / "empty.html").write_text(content, encoding="utf-8")
    seed, problems = read_one(tmp_path / "empty.html")
    assert seed is None and len(problems) == 1 and reason in problems[0].message


def test_page_of_too_many_elements_is_refused_before_extraction(tmp_path):
    """A hostile page of 4 MB of tiny paragraphs would keep the extractor busy for minutes."""
    (tmp_path / "big.html").write_text(
        "<html><body>" + "<div><p>Fighting went on near the river.</p></div>" * 15000,
        encoding="utf-8",
    )
    seed, problems = read_one(tmp_path / "big.html")
    assert seed is None and "30,002 HTML elements, over the 20,000 limit" in problems[0].message


def test_binary_named_html_is_skipped(tmp_path):
    (tmp_path / "scan.html").write_bytes(b"%PDF-1.7\x00\x01\x02" * 100)
    seed, problems = read_one(tmp_path / "scan.html")
    assert seed is None and "not text" in problems[0].message


# --- forgiving metadata --------------------------------------------------------------

ARTICLE = "The Taliban captured Aybak, the capital of Samangan province, on Monday.\n"


@pytest.mark.parametrize(
    "written, iso",
    [
        ("11 August 2021", "2021-08-11"),
        ("Aug 11, 2021", "2021-08-11"),
        ("Wednesday, August 11th, 2021", "2021-08-11"),
        ("Wed, 11 Aug 2021 09:30:00 +0430", "2021-08-11T09:30+04:30"),
        ("2021-08-11", "2021-08-11"),
        ("2021-08-11T09:30+04:30", "2021-08-11T09:30+04:30"),
        ("13/08/2021", "2021-08-13"),
        ("2021/08/11", "2021-08-11"),
    ],
)
def test_common_date_forms_are_read(written, iso):
    assert parse_date(written) == iso


@pytest.mark.parametrize(
    "written, reason",
    [
        ("03/04/2021", "ambiguous"),
        ("August 2021", "has no day"),
        ("2021", "has no month or day"),
        ("1/2/21", "year in full"),
        ("next Tuesday", "not a date we can read"),
        ("31 February 2021", "not a date we can read"),
    ],
)
def test_dates_that_cannot_be_read_for_sure_are_refused_with_the_reason(written, reason):
    with pytest.raises(ValueError, match=reason):
        parse_date(written)


def test_written_date_builds_with_exit_0(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        f"---\ntitle: Aybak\ndate: 11 August 2021\n---\n{ARTICLE}", encoding="utf-8"
    )
    proc = build_cli(seeds, tmp_path / "out")
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert {r["date"] for r in _rows(tmp_path / "out")} == {"2021-08-11"}


def test_ambiguous_date_is_refused_naming_the_file(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (seeds / "odd.txt").write_text(f"---\ndate: 03/04/2021\n---\n{ARTICLE}", encoding="utf-8")
    proc = build_cli(seeds, tmp_path / "out", check=False)
    assert proc.returncode == 3
    line = [ln for ln in proc.stderr.splitlines() if "odd.txt" in ln]
    assert len(line) == 1 and line[0].startswith("skipped: ") and "ambiguous" in line[0]
    assert "2021-04-03" in line[0]  # says how to write it


def test_unknown_field_is_a_warning_and_outlet_is_the_source(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        f"---\noutlet: Valley Post\nauthor: A. Writer\ndate: 2021-08-09\n---\n{ARTICLE}",
        encoding="utf-8",
    )
    proc = build_cli(seeds, tmp_path / "out")
    assert proc.returncode == 0
    assert proc.stderr.startswith("warning: ") and "'author'" in proc.stderr
    assert len(proc.stderr.splitlines()) == 1
    assert {r["source"] for r in _rows(tmp_path / "out")} == {"Valley Post"}


# --- datelines -------------------------------------------------------------------------


def test_undated_article_takes_its_datelines_date_with_the_year_from_the_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "KANDAHAR, Aug 13 (Reuters) - The Taliban captured Kandahar overnight, the third city "
        "to fall this week in the offensive that began in May 2021.\n",
        encoding="utf-8",
    )
    seed, problems = read_one(path)
    assert seed is not None and seed.date == "2021-08-13"
    assert [p.label for p in problems] == ["note"] and "year from the text" in problems[0].message


def test_dateline_without_a_year_is_flagged_as_a_guess(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(f"---\ndate: 2021-08-06\n---\n{ARTICLE}", encoding="utf-8")
    (seeds / "b.txt").write_text(
        "KANDAHAR, Aug 13 (Reuters) - The Taliban captured Kandahar overnight.\n", encoding="utf-8"
    )
    os.utime(seeds / "b.txt", (1.9e9, 1.9e9))  # saved in 2030: not the article's year
    proc = build_cli(seeds, tmp_path / "out")
    warning = [ln for ln in proc.stderr.splitlines() if "b.txt" in ln]
    assert len(warning) == 1 and warning[0].startswith("warning: ") and "a guess" in warning[0]
    dates = {r["seed"]: r["date"] for r in _rows(tmp_path / "out")}
    assert dates["b.txt"] == "2021-08-13"  # the year of the other articles


def test_undated_article_without_dateline_is_named_in_a_warning(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(f"---\ndate: 2021-08-06\n---\n{ARTICLE}", encoding="utf-8")
    (seeds / "plain.txt").write_text("Fighting went on near Kunduz.\n", encoding="utf-8")
    proc = build_cli(seeds, tmp_path / "out")
    assert proc.returncode == 0
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("warning: ") and "plain.txt" in lines[0]


@pytest.mark.parametrize(
    "text",
    [
        "Taliban took Kabul, Aug 13 - a line that is no dateline.",
        "The report said: fighting, Aug 13 - and more.",
    ],
)
def test_sentences_are_not_datelines(text):
    assert dateline_date(text, 2021) is None


# --- the same article saved twice ----------------------------------------------------

WIRE = (
    "Taliban fighters captured Aybak, the capital of Samangan province, on Monday after "
    "local elders negotiated the withdrawal of the remaining soldiers, two officials said by "
    "telephone.\n\nResidents described a quiet handover in the town centre, with few shots "
    "fired and shops shuttered through the afternoon while the new rulers walked the main "
    "bazaar.\n\nSeveral families had already left for the north before the last checkpoints "
    "were abandoned, according to a teacher who stayed behind with his parents.\n"
)


def test_the_same_article_in_two_outlets_counts_once_listing_both(tmp_path):
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    seeds.mkdir()
    (seeds / "frontier.html").write_text(PAGE, encoding="utf-8")
    (seeds / "valley.txt").write_text(
        "---\ntitle: Aybak handed over\noutlet: Valley Post\ndate: 10 August 2021\n"
        "url: https://valley.example/aybak\n---\nWire copy: Aybak handed over\n"
        f"AYBAK, Aug 9 (Wire) - {WIRE}",
        encoding="utf-8",
    )
    proc = build_cli(seeds, out)
    assert "valley.txt: the same article as frontier.html" in proc.stderr
    rows = _rows(out)
    assert {r["seed"] for r in rows} == {"frontier.html"}  # counted once
    assert {r["also_in"] for r in rows} == {
        "valley.txt (Valley Post, 2021-08-10, https://valley.example/aybak)"
    }
    assert {r["seed"] for r in _rows(out, "history.csv")} == {"frontier.html"}
    geo = json.loads((out / "provinces.geojson").read_text(encoding="utf-8"))
    sam = next(f for f in geo["features"] if f["id"] == "AF-SAM")["properties"]
    assert sam["seed_count"] == 1
    page = (out / "map.html").read_text(encoding="utf-8")
    assert "Valley Post" in page and "Frontier Times" in page  # both sources listed
    doc = json.loads(run_cli("extract", str(seeds), "--json").stdout)
    assert [s["path"].endswith("frontier.html") for s in doc["seeds"]] == [True]
    assert [c["source"] for c in doc["seeds"][0]["copies"]] == ["Valley Post"]
    again = build_cli(seeds, out)  # from the cache: the same
    assert "2 seed(s) reused" in again.stdout and _rows(out) == rows


def test_different_articles_are_not_merged(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(WIRE, encoding="utf-8")
    (seeds / "b.txt").write_text(WIRE + "A later paragraph adds news.\n", encoding="utf-8")
    build_cli(seeds, tmp_path / "out")
    assert {r["seed"] for r in _rows(tmp_path / "out")} == {"a.txt", "b.txt"}


# --- add: pages from a real local HTTP server ------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves the test's pages and its failures."""

    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):
        if self.path.startswith("/news/"):
            self._send(200, "text/html; charset=utf-8", PAGE.encode("utf-8"))
        elif self.path == "/data.json":
            self._send(200, "application/json", b'{"not": "a page"}')
        elif self.path == "/huge":
            self._send(200, "text/html", b"<p>" + b"x" * (6 * 1024 * 1024))
        elif self.path == "/endless":  # no Content-Length: the size limit must hold anyway
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"<p>more</p>" * 100)
            except OSError:
                pass
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, "text/html", PAGE.encode("utf-8"))
        elif self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/file.html")
            self.end_headers()
        elif self.path == "/nav-only":
            self._send(
                200, "text/html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>"
            )
        else:
            self._send(404, "text/html", b"<h1>Not found</h1>")

    def _send(self, code: int, ctype: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_add_saves_a_served_page_as_a_seed_that_builds(tmp_path, server):
    seeds = tmp_path / "seeds"
    url = f"{server}/news/aybak"
    proc = run_cli("add", url, "--seeds", str(seeds))
    assert proc.returncode == 0 and proc.stdout.startswith(f"saved: {url} -> "), proc.stdout
    pages = list(seeds.glob("*.html"))
    assert len(pages) == 1 and pages[0].name.startswith("127-0-0-1-news-aybak-")
    assert f'url: "{url}"' in pages[0].with_suffix(".yaml").read_text(encoding="utf-8")
    out = tmp_path / "out"
    assert build_cli(seeds, out).returncode == 0
    rows = _rows(out)
    assert {r["url"] for r in rows} == {url}  # the address it came from (sidecar wins)
    assert {r["title"] for r in rows} == {"Fighters take Aybak as defences crumble"}
    assert {r["date"] for r in rows} == {"2021-08-09"}
    assert not {r["place"] for r in rows} & NOT_IN_THE_ARTICLE
    again = run_cli("add", url, "--seeds", str(seeds), check=False)
    assert again.returncode == 4 and "already saved" in again.stderr


def test_add_reports_each_failure_on_one_line(tmp_path, server):
    urls = {
        f"{server}/missing": "HTTP 404",
        f"{server}/data.json": "not a web page (Content-Type application/json)",
        f"{server}/huge": "over the 5,242,880-byte limit",
        f"{server}/slow": "within 1 s",
        f"{server}/to-ftp": "only http:// and https://",
        f"{server}/nav-only": "no article text",
        "ftp://127.0.0.1/x.html": "only http:// and https://",
        "file:///etc/passwd": "only http:// and https://",
        "http://127.0.0.1:9/closed": "cannot connect",
    }
    good = f"{server}/news/kept"
    proc = run_cli(
        "add", *urls, good, "--seeds", str(tmp_path / "s"), "--timeout", "1", check=False
    )
    assert proc.returncode == 3, proc.stderr  # some saved, some not
    lines = proc.stderr.splitlines()
    assert len(lines) == len(urls), proc.stderr
    for url, reason in urls.items():
        mine = [ln for ln in lines if ln.startswith(f"failed: {url}: ")]
        assert len(mine) == 1 and reason in mine[0], (url, mine)
    assert proc.stdout.startswith(f"saved: {good}")
    assert len(list((tmp_path / "s").glob("*.html"))) == 1


def test_fetch_stops_at_the_size_limit_without_a_content_length(server):
    with pytest.raises(FetchError, match="over the 10,000-byte limit"):
        fetch(f"{server}/endless", timeout=10, limit=10_000)


# --- the command line ------------------------------------------------------------------


def test_version():
    from mapping import __version__

    proc = run_cli("--version")
    assert proc.stdout.strip() == f"territory-map {__version__}"


def test_help_has_a_description_examples_exit_codes_and_tile_choices():
    top = run_cli("--help").stdout
    assert "examples:" in top and "territory-map add" in top and "exit codes:" in top
    build = run_cli("build", "--help").stdout
    assert "exit codes:" in build and "  3  some seeds skipped" in build
    assert "{OpenStreetMap,OpenTopoMap,none}" in build and "--title" in build
    bad = run_cli("build", "--tiles", "Nowhere", check=False)
    assert bad.returncode == 2 and "choose from OpenStreetMap, OpenTopoMap, none" in bad.stderr


def test_title_replaces_the_theatres(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE, encoding="utf-8")
    build_cli(seeds, tmp_path / "out", "--cdn", "--title", "North <b>9-15 Aug</b> {{ 7*7 }}")
    page = (tmp_path / "out" / "map.html").read_text(encoding="utf-8")
    assert "<title>North &lt;b&gt;9-15 Aug&lt;/b&gt; {{ 7*7 }}</title>" in page
    assert "<b>9-15" not in page and "Afghanistan, August 2021" not in page


def test_watch_rebuilds_when_a_seed_changes(tmp_path):
    """Each change is built again, and what the watch writes is what a fresh build of the
    same folder writes."""
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE, encoding="utf-8")
    cmd = [sys.executable, "-m", "mapping", "watch", "--seeds", str(seeds), "--out", str(out)]
    proc = subprocess.Popen(
        [*cmd, "--tiles", "none", "--cdn", "--quiet", "--interval", "0.2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
    reader.start()
    try:
        _wait_for(lambda: sum(ln.startswith("built in") for ln in lines) == 1, lines)
        (seeds / "b.txt").write_text("The Taliban captured Farah on Friday.\n", encoding="utf-8")
        _wait_for(lambda: sum(ln.startswith("built in") for ln in lines) == 2, lines)
        assert any(ln.startswith("changed: b.txt") for ln in lines), lines
        assert "Farah" in {r["place"] for r in _rows(out)}
        # The third build takes a.txt's entry from memory (cache.EntryMemo), b.txt's from
        # the cache folder and reads c.txt: the same files as a fresh build's.
        (seeds / "c.txt").write_text("Fighting raged in Zaranj on Monday.\n", encoding="utf-8")
        _wait_for(lambda: sum(ln.startswith("built in") for ln in lines) == 3, lines)
        assert any(ln.startswith("cache: 2 seed(s) reused, 1 read") for ln in lines), lines
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
    assert proc.returncode == 0
    build_cli(seeds, tmp_path / "fresh", "--cdn", "--no-cache")
    for name in ("map.html", "provinces.geojson", "mentions.csv", "history.csv", "events.csv"):
        assert (out / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name


def test_watch_counts_a_file_dropped_in_during_the_first_build(tmp_path):
    """The race CI once lost: the first build finished, the file arrived, and only then
    did the watcher look at the folder, so it took the new file for the old state."""
    from mapping.watch import changes, snapshot

    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    before = snapshot(tmp_path)
    (tmp_path / "b.txt").write_text("two", encoding="utf-8")  # while "building"
    assert next(changes(tmp_path, interval=0.05, since=before)) == ["b.txt"]


def _wait_for(condition, lines, seconds: float = 240) -> None:
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, lines
        time.sleep(0.1)


def test_progress_bar_runs_through_every_stage(capsys):
    from mapping.progress import Progress

    bar = Progress(True, later=2, delay=0)
    assert list(bar.seeds([1, 2, 3])) == [1, 2, 3]
    bar.stage("drawing the map")
    bar.stage("writing files")
    assert bar.bar is not None and bar.bar.n == 5 and bar.bar.total == 6
    bar.close()
    err = capsys.readouterr().err
    for stage in ("reading seeds", "timeline", "drawing the map", "writing files"):
        assert stage in err, err


def test_no_progress_bar_off_a_terminal(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = build_cli(seeds, tmp_path / "out")
    assert "step" not in proc.stderr and "\r" not in proc.stderr


def test_progress_bar_is_drawn_inside_one_long_stage(capsys):
    """Drawing the map or the PNG is one long step: the bar must still appear when due."""
    from mapping.progress import Progress

    bar = Progress(True, later=1, delay=0.3)
    list(bar.seeds(["a"]))
    bar.stage("drawing the map")
    assert "drawing the map" not in capsys.readouterr().err  # not yet due
    time.sleep(1.0)  # the long stage: no call reaches the bar
    assert "drawing the map" in capsys.readouterr().err
    bar.close()
