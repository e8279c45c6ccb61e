"""Property-based tests (hypothesis) of extraction and of seed decoding on arbitrary input.

Extraction (mapping.pipeline.extract_text with the real gazetteer) on any Unicode text:
never raises; every mention's offsets index the text (text[start:end] == surface); the
results do not depend on line endings (CRLF vs LF). Random Unicode alone rarely names a
place, so most examples are assembled from real place names, trigger phrases, punctuation,
odd whitespace and random text, and a test checks that they do produce mentions.
Seed decoding (mapping.seeds.decode, read_one) on any bytes: a text or a SeedError, never
a crash, and text written in UTF-8 or with a BOM comes back exactly.
"""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from mapping.gazetteer import load_gazetteer
from mapping.pipeline import extract_text
from mapping.seeds import SeedError, decode, one_line, read_one

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

GAZ = load_gazetteer()
PLACE_NAMES = sorted(
    {p.name for p in GAZ.provinces.values()}
    | {p.name for p in GAZ.capitals.values()}
    | {
        "Kunduz",
        "Herat",
        "Mazar-i-Sharif",
        "Lashkar Gah",
        "Sar-e-Pol",
        "Pakria",
        "Kabul",
        "Doha",
        "Pakistan",
        "HERAT",
        "Sheberghan",
    }
)
PHRASES = [
    "The Taliban captured",
    "Taliban fighters seized",
    "fell to the Taliban",
    "government forces repelled an attack on",
    "recaptured",
    "fighting in",
    "the provincial capital",
    "province",
    "the capital of",
    "claimed to have taken",
    "did not capture",
    "besieged",
    "killed",
    "on Monday",
    "officials said",
    "and",
    "in",
    "Aug 6 -",
    "\u2014",
    "\u201c",
    "\u201d",
    "\u2019s",
]
SEPARATORS = [
    " ",
    " ",
    ", ",
    ". ",
    "\n",
    "\n\n",
    "; ",
    " - ",
    "\t",
    "\u00a0",
    "\u2028",
    "\r\n",
    "\r",
    "\ufeff",
    "'",
]

token = st.one_of(st.sampled_from(PLACE_NAMES), st.sampled_from(PHRASES), st.text(max_size=10))
word_sep = st.tuples(token, st.sampled_from(SEPARATORS))
news_like = st.lists(word_sep, max_size=30).map(lambda xs: "".join(a + b for a, b in xs))
any_text = st.one_of(st.text(max_size=300), news_like)
# For the line-ending property: text without any CR, whose LFs are then turned into CRLF.
no_cr = news_like.map(lambda s: s.replace("\r", ""))


def _check_offsets(text: str, start: int = 0) -> list:
    readings, foreign = extract_text(text, GAZ, start)
    for r in readings:
        m = r.mention
        assert text[m.start : m.end] == m.surface, (m, text)
        assert start <= m.start < m.end <= len(text), m
        assert r.status and m.province in GAZ.provinces
    for f in foreign:
        assert text[f.start : f.end] == f.surface, (f, text)
    return readings


@SETTINGS
@given(any_text)
def test_extraction_never_raises_and_offsets_index_the_text(text):
    _check_offsets(text)


@SETTINGS
@given(news_like, st.data())
def test_extraction_from_an_offset_stays_after_it(text, data):
    start = data.draw(st.integers(0, len(text)))
    _check_offsets(text, start)


def test_generated_text_does_produce_mentions():
    """Guard against a vacuous property: the generator must reach the extractor's paths.
    Derandomized: a count over random draws is not a property, and unseeded it fell below
    the bar in about one run in four (0 to 32 captures in 30 trial runs)."""
    found = {"mentions": 0, "captured": 0}

    @settings(max_examples=200, deadline=None, database=None, derandomize=True)
    @given(news_like)
    def probe(text):
        readings = _check_offsets(text)
        found["mentions"] += bool(readings)
        found["captured"] += any(r.status == "captured" for r in readings)

    probe()
    assert found["mentions"] >= 50 and found["captured"] >= 5, found


def _summary(readings) -> list[tuple[str, str, str]]:
    """Surface (a phrase may span a line break: compared with LF), status, province."""
    return [
        (r.mention.surface.replace("\r\n", "\n"), r.status, r.mention.province) for r in readings
    ]


@SETTINGS
@given(no_cr)
@example("Asadabad\nfell to the Taliban Asadabad Asadabad\nLashkar Gah\nfell to the Taliban ")
@example("Kunduz\nwas taken by men loyal to Dawood\nLaghmani\nwho fled to the Taliban ")
def test_line_endings_do_not_change_the_result(text):
    lf = _check_offsets(text)
    crlf = _check_offsets(text.replace("\n", "\r\n"))
    assert _summary(crlf) == _summary(lf)


@pytest.mark.parametrize(
    "text",
    [
        "Mazar-i-Sharif \nAsadabad fell to the Taliban.",
        "Reporting by Ahmad Karimi \nKunduz fell to the Taliban on Sunday.",
    ],
)
def test_trailing_space_before_lf(text):
    """Found by the property above: a '$' that also matched before a final newline dropped
    the name at the start of the next line with LF but not with CRLF."""
    lf = _summary(_check_offsets(text))
    assert lf == _summary(_check_offsets(text.replace("\n", "\r\n")))
    assert lf == _summary(_check_offsets(text.replace(" \n", "\n")))


def test_line_endings_on_the_real_seed():
    from conftest import SEED

    text = SEED.read_text(encoding="utf-8").replace("\r\n", "\n")
    lf = _check_offsets(text)
    assert len(lf) > 5
    assert _summary(_check_offsets(text.replace("\n", "\r\n"))) == _summary(lf)


# ---- seed decoding


@SETTINGS
@given(st.binary(max_size=600))
def test_decode_any_bytes_gives_text_or_seed_error(data):
    try:
        text, note = decode(data)
    except SeedError as exc:
        assert "not text" in str(exc)
        return
    assert isinstance(text, str) and isinstance(note, str)


plain_text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=300).filter(
    lambda s: not s.startswith("\ufeff")
)


@SETTINGS
@given(plain_text)
def test_utf8_text_comes_back_exactly(text):
    assert decode(text.encode("utf-8")) == (text, "")


@SETTINGS
@given(
    plain_text,
    st.sampled_from(
        [
            (codecs.BOM_UTF8, "utf-8"),
            (codecs.BOM_UTF16_LE, "utf-16-le"),
            (codecs.BOM_UTF16_BE, "utf-16-be"),
            (codecs.BOM_UTF32_BE, "utf-32-be"),
        ]
    ),
)
def test_text_with_a_bom_comes_back_exactly(text, bom_enc):
    bom, enc = bom_enc
    assume(not (enc == "utf-16-le" and text.startswith("\x00")))  # would read as UTF-32-LE
    got, note = decode(bom + text.encode(enc))
    assert got == text and "with BOM" in note


@SETTINGS
@given(st.text(st.characters(codec="cp1252"), min_size=1, max_size=300))
def test_windows_1252_text_comes_back_exactly(text):
    """Text Windows-1252 can encode decodes back to itself when its bytes hold no valid
    UTF-8 sequence; if they do, only bytes that are not UTF-8 may be read as Windows-1252.
    (Control-character soup is refused as 'not text', which is fine.)"""
    data = text.encode("cp1252")
    # A byte-order mark says what the bytes are (seeds.decode): "þÿ" is FE FF, UTF-16's
    # mark, and such a file is read as the mark says (found by a random run).
    boms = (codecs.BOM_UTF8, codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE)
    assume(not data.startswith(boms))
    try:
        got, note = decode(data)
    except SeedError as exc:
        assert "not text" in str(exc)
        return
    if data.decode("utf-8", "ignore").isascii() and not data.isascii():
        assert got == text and "Windows-1252" in note
    else:
        assert got in (text, data.decode("utf-8", "territory-map-cp1252"))


def test_mostly_windows_1252_file_is_not_read_as_utf8_in_places():
    """German cp1252 'Fuß“' is also the UTF-8 bytes of one NKo letter; with more
    Windows-1252 than UTF-8 in the file, the whole file is read as Windows-1252."""
    text = "Stra\u00dfe, \u201eFu\u00df\u201c, \u00e9t\u00e9 \u00e0 Kabul"
    assert decode(text.encode("cp1252")) == (text, decode(b"\xe9")[1])


@SETTINGS
@given(st.text(max_size=200))
def test_problem_lines_are_always_one_line(text):
    line = one_line(text)
    assert len(line.splitlines()) <= 1 and "\n" not in line and "\r" not in line
    line.encode("utf-8")  # no lone surrogates left either


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("prop_seeds")


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_read_one_never_raises_on_any_file(seed_dir, data):
    path = seed_dir / "any.txt"
    path.write_bytes(data)
    seed, problems = read_one(path)
    assert (seed is None) == any(p.fatal for p in problems)
    if seed is not None:
        assert seed.body.strip() and 0 <= seed.body_start <= len(seed.text)
