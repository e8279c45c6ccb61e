"""Seed text is untrusted: nothing from a seed reaches the page as markup or script.

Classic XSS filter-evasion payloads (after the OWASP cheat sheet) go through the rendering
code (mapping.mapview: esc, _province_html, _seed_line, render_html) in every place seed
text can appear: article sentences, title, source, url, and the seed's file name. Checks:
no payload appears raw in the page; every HTML fragment built from seed text holds only the
page's own tags and attributes; seed text is shown literally (escaped, not dropped); no
'</script' or '<script' from a seed lands in a <script> block; and seed text reaches the page only
inside the JSON data block, never through folium (which compiles what it renders as Jinja
templates).
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_cli

from mapping.mapview import _province_html, _seed_line, esc, render_html
from mapping.pipeline import build

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
    "<ScRiPt>alert(String.fromCharCode(88,83,83))</sCrIpT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert(&quot;XSS&quot;)>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert('XSS')>",
    "<BODY ONLOAD=alert('XSS')>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert('XSS')",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "</script><script>alert(1)</script>",
    "</ScRiPt ><img src=x onerror=alert(1)>",
    "<!--<script>alert(1)--></script>",
    "`${alert(1)}`",
    "${alert(document.cookie)}",
    "\\`;alert(1);//",
    "\\x3cscript\\x3ealert(1)\\x3c/script\\x3e",
    "\\u003cimg src=x onerror=alert(1)\\u003e",
    "<div style=\"background-image: url(javascript:alert('XSS'))\">",
    "<style>@import'http://xss.rocks/xss.css';</style>",
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "</script\u2028><script>alert(1)</script>",
]
# Seed file names cannot hold '/', so these carry the payloads a name can.
HOSTILE_NAMES = [
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "'><script>alert(1)<",
    "`${alert(1)}`",
    "\\x3cimg onerror=alert(1)\\x3e",
    "&lt;b&gt;bold&lt;",
    "<iframe src=javascript:alert(1)>",
]
SPECIALS = set("<>\"'`$\\&")

# What the rendering code itself emits inside tooltips and panels. Links (<a>) only with
# an http(s) address, rel="noopener noreferrer" and a new tab; checked in _check_links.
ALLOWED_TAGS = {"b", "br", "i", "ul", "li", "div", "span", "code", "table", "tr", "td", "mark", "a"}
ALLOWED_ATTRS = {"class", "id", "style"}  # id/style: folium's own popup wrapper div
LINK_ATTRS = {"href", "rel", "target"}


class _Collect(HTMLParser):
    """Tags, attributes and text of an HTML fragment, as a browser's tokenizer sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.append("<!--")


def parse(fragment: str) -> _Collect:
    p = _Collect()
    p.feed(fragment)
    p.close()
    return p


def assert_safe_fragment(fragment: str) -> str:
    """Only the renderer's own tags and attributes; returns the fragment's visible text."""
    p = parse(fragment)
    assert set(p.tags) <= ALLOWED_TAGS, (set(p.tags) - ALLOWED_TAGS, fragment[:300])
    _check_links(p)
    bad = [
        (t, k, v)
        for t, k, v in p.attrs
        if (k not in ALLOWED_ATTRS and not (t == "a" and k in LINK_ATTRS))
        or "javascript" in (v or "").lower()
    ]
    assert not bad, bad
    return "".join(p.text)


def _check_links(p: _Collect) -> None:
    """Every link goes to an http(s) address, opens apart and leaks no referrer."""
    attrs: dict[int, dict[str, str]] = {}
    n = 0
    for tag, k, v in p.attrs:
        if tag == "a":
            attrs.setdefault(n, {})[k] = v
            if k == "target":
                n += 1
    assert p.tags.count("a") == len(attrs), "a link without the full attribute set"
    for a in attrs.values():
        assert re.match(r"https?://[^\s]", a["href"]), a
        assert a["rel"] == "noopener noreferrer" and a["target"] == "_blank", a


def test_payloads_are_many_and_all_need_escaping():
    assert len(PAYLOADS) >= 30 and len(set(PAYLOADS)) == len(PAYLOADS)
    assert all(SPECIALS & set(p) for p in PAYLOADS + HOSTILE_NAMES)


@pytest.mark.parametrize("payload", PAYLOADS + HOSTILE_NAMES)
def test_esc_leaves_no_live_character_and_loses_nothing(payload):
    out = esc(payload)
    assert not set(out) & (SPECIALS - {"&"}), out
    assert re.fullmatch(r"(?:[^&]|&(?:[a-z]+|#x?[0-9a-f]+);)*", out, re.I), out
    assert html.unescape(out) == payload
    assert assert_safe_fragment(out) == payload


def _row(frame_row, payload: str, seed_name: str):
    """A real provinces_frame row with every free-text field replaced by a payload."""
    row = frame_row.copy()
    row.name = payload
    for col in ("name", "via", "fuzzy", "conflict"):
        if col in row.index:
            row[col] = payload
    row["status"], row["violence"] = "captured", True
    row["evidence"] = "\n".join([f"{payload} [{seed_name}]", f"second {payload} [{seed_name}]"])
    row["seeds"] = seed_name
    return row


@pytest.fixture(scope="module")
def real_row():
    from mapping.geojoin import provinces_frame

    return provinces_frame(build(ROOT / "seeds")).loc["AF-SAM"]


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("full", [False, True])
def test_province_html_escapes_every_field(real_row, payload, full):
    seed_name = "seed.txt"
    meta = {"title": payload, "source": payload, "url": payload, "date": payload}
    out = _province_html(_row(real_row, payload, seed_name), {seed_name: meta}, full=full)
    assert payload not in out
    text = assert_safe_fragment(out)
    assert text.count(payload) >= (7 if full else 4), text  # shown, not dropped


@pytest.mark.parametrize("payload", PAYLOADS + HOSTILE_NAMES)
def test_seed_line_escapes_title_source_url_date_and_name(payload):
    out = _seed_line(
        payload, {"title": payload, "source": payload, "url": payload, "date": payload}
    )
    assert payload not in out
    assert assert_safe_fragment(out).count(payload) == 4  # title, source, date, url
    assert "<a " not in out  # no payload is an http address
    bare = _seed_line(payload, {})  # no metadata: the file name
    assert payload not in bare and assert_safe_fragment(bare).count(payload) == 1


# ---- a whole page built from hostile seeds


def _seed_folder(folder: Path, payloads: list[str], names: list[str]) -> Path:
    """One seed per payload: in the article text, title, source and url (a sidecar, so the
    YAML quoting is exact), dated so the time slider is drawn too; plus hostile file names."""
    folder.mkdir()
    for i, p in enumerate(payloads):
        name = f"{i:02d}.txt"
        (folder / name).write_text(
            f"HERAT, Aug {10 + i % 5} - The Taliban captured Herat on Friday, and witnesses "
            f"wrote {p} on a wall.\nFighting was reported in Kandahar, where posters read {p} "
            "in the bazaar.\n",
            encoding="utf-8",
        )
        (folder / name).with_suffix(".yaml").write_text(
            yaml.safe_dump(
                {"title": p, "source": p, "url": p, "date": f"2021-08-{10 + i % 5:02d}"}
            ),
            encoding="utf-8",
        )
    for i, n in enumerate(names):  # same day as a denial: a "conflicting" mark
        (folder / f"{n}.txt").write_text(
            f"---\ndate: 2021-08-20\n---\nThe Taliban captured Kunduz on Sunday ({i}).\n",
            encoding="utf-8",
        )
    (folder / "zz conflict.txt").write_text(
        "---\ndate: 2021-08-20\n---\nGovernment forces repelled an attack on Kunduz on Sunday.\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """(hostile page, benign page with the same structure) rendered by render_html."""
    base = tmp_path_factory.mktemp("xss")
    hostile = _seed_folder(base / "hostile", PAYLOADS, HOSTILE_NAMES)
    benign = _seed_folder(
        base / "benign",
        [f"benign text {i}" for i in range(len(PAYLOADS))],
        [f"benign name {i}" for i in range(len(HOSTILE_NAMES))],
    )
    results = [build(hostile), build(benign)]
    assert all(not r.problems for r in results), [str(p) for p in results[0].problems]
    return tuple(render_html(r, tiles=None) for r in results)


def _scripts(page: str) -> list[str]:
    """Script element contents, ended where a browser ends them: at the first '</script'."""
    return re.findall(r"<script\b[^>]*>(.*?)</script", page, re.I | re.S)


def _raw_checkable(payloads: list[str]) -> list[str]:
    """Payloads whose raw form cannot be the escaped form of another payload: the
    pre-encoded '&lt;script&gt;...' is exactly what '<script>...' correctly becomes."""
    escaped = "\n".join(esc(p) for p in PAYLOADS + HOSTILE_NAMES)
    return [p for p in payloads if p not in escaped]


def test_no_payload_appears_raw_in_the_page(pages):
    page, _ = pages
    checked = _raw_checkable(PAYLOADS + HOSTILE_NAMES)
    assert len(checked) >= len(PAYLOADS + HOSTILE_NAMES) - 2
    assert [p for p in checked if p in page] == []


def test_no_script_boundary_from_seed_text(pages):
    page, benign = pages
    for needle in ("<script", "</script", "<!--"):
        assert page.lower().count(needle) == benign.lower().count(needle), needle
    assert len(_scripts(page)) == len(_scripts(benign))
    for block in _scripts(page):
        assert "<script" not in block.lower() and "<!--" not in block


def test_page_has_no_tags_or_attributes_the_benign_page_lacks(pages):
    page, benign = pages
    got, base = parse(page), parse(benign)
    assert set(got.tags) <= set(base.tags)
    assert {(t, k) for t, k, _ in got.attrs} <= {(t, k) for t, k, _ in base.attrs}
    assert not [a for a in got.attrs if a[1].lower().startswith("on")]


def page_data(page: str) -> dict:
    """The page's JSON data block (#tm-data): the only place seed text is put."""
    m = re.search(r"<script type='application/json' id='tm-data'>(.*?)</script>", page, re.S)
    assert m, "data block not found"
    return json.loads(m.group(1))


def _data_fragments(page: str) -> list[str]:
    """tooltip and popup HTML of every province, town and conflict mark."""
    data = page_data(page)
    assert len(data["provinces"]) == 34
    frags = [p[k] for p in data["provinces"].values() for k in ("tip", "popup")]
    frags += [t[k] for t in data["towns"] for k in ("tip", "popup")]
    return frags + [c["tip"] for c in data["conflicts"]]


def test_tooltips_and_popups_are_safe_and_show_the_text(pages):
    page, _ = pages
    text = "".join(assert_safe_fragment(frag) for frag in _data_fragments(page))
    shown = [p for p in PAYLOADS if p in text]
    assert len(shown) == len(PAYLOADS), set(PAYLOADS) - set(shown)
    for name in HOSTILE_NAMES:
        assert f"{name}.txt" in text


def _without_data(page: str) -> str:
    return re.sub(
        r"(<script type='application/json' id='tm-data'>).*?(</script>)", r"\1\2", page, flags=re.S
    )


def test_seed_text_reaches_the_page_only_in_the_data_block(pages):
    """Everything but the data block is the same for hostile and benign seeds: no seed text
    went through folium (whose output is compiled as a template) or into markup or script."""
    page, benign = pages
    assert _without_data(page) == _without_data(benign)


def test_the_data_block_cannot_be_ended_by_seed_text(pages):
    page, _ = pages
    m = re.search(r"id='tm-data'>(.*?)</script>", page, re.S)
    assert m and "<" not in m.group(1) and ">" not in m.group(1) and "&" not in m.group(1)


def test_cli_written_map_is_safe(tmp_path, pages):
    """The same through the real command: map.html on disk, and the other outputs parse."""
    seeds = _seed_folder(tmp_path / "seeds", PAYLOADS, HOSTILE_NAMES)
    out = tmp_path / "out"
    run_cli("build", "--seeds", str(seeds), "--out", str(out), "--tiles", "none", "--quiet")
    page = (out / "map.html").read_text(encoding="utf-8")
    assert not [p for p in _raw_checkable(PAYLOADS + HOSTILE_NAMES) if p in page]
    assert page.lower().count("</script") == pages[1].lower().count("</script")
    json.loads((out / "provinces.geojson").read_text(encoding="utf-8"))
