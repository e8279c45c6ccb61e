"""The lexicon is validated data, passed in: every mistake in rules.toml or the theatre's
overlay is an error that names the file and the entry, behaviour follows declared roles (not
names), a second theatre is a second overlay, and `eval --rules` scores two lexicons side
by side."""

from __future__ import annotations

import ast
import json
import re
import tomllib
from pathlib import Path

import pytest
from conftest import run_cli
from test_architecture import PACKAGE, _string_literals
from test_extraction_phenomena import extract_text

from mapping.errors import RulesError
from mapping.gazetteer import load_gazetteer
from mapping.rules import RULES_PATH, THEATRE_LEXICON_PATH, load_rules

BASE = RULES_PATH.read_text(encoding="utf-8")


def _variant(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    assert old in BASE, old
    path = tmp_path / "rules.toml"
    path.write_text(BASE.replace(old, new, count), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            'name = "negation"\nwindow = "before"',
            'name = "negation"\nwindow = "befor"',
            "('negation'): window = 'befor' is not one of",
        ),
        (
            'name = "negation"\n',
            'name = "negation"\nwindw = "before"\n',
            "('negation'): unknown key(s) windw",
        ),
        ('status = "captured"', 'status = "captued"', "unknown status 'captued'"),
        ('role = "dateline"', 'role = "datelin"', "role = 'datelin' is not one of"),
        ('name = "negation"', 'name = "failure"', "[modifier] name(s) used twice: failure"),
        ('refers_to = "town"', 'refers_to = "village"', "refers_to = 'village' is not one of"),
        ("capitals_only = true", 'capitals_only = "yes"', "capitals_only must be true or false"),
        ('act = "withdrawal"', 'act = "withdraw"', "act = 'withdraw' is not one of"),
        (
            'acts = ["withdrawal"]',
            'acts = ["retreat"]',
            "acts must be a list of withdrawal, entry, loss",
        ),
        (
            'undoes = "hearsay"',
            'undoes = "heresay"',
            "[modifier] 'official source' undoes 'heresay', which is no modifier written before it",
        ),
        (
            'undoes = "hearsay"',
            'undoes = "hearsay"\nchange = { claimed = "captured" }',
            "('official source'): give either change or undoes",
        ),
        (
            'name = "nearly"\n',
            'name = "nearly"\nundoes = "official source"\n',
            "('nearly'): give either change or undoes",
        ),
    ],
)
def test_every_mistake_names_the_entry(tmp_path, old, new, message):
    with pytest.raises(RulesError) as err:
        load_rules(_variant(tmp_path, old, new))
    assert message in str(err.value) and "rules.toml" in str(err.value)


def test_a_bad_pattern_is_named(tmp_path):
    old = "pattern = '''^\\s*$'''"
    with pytest.raises(RulesError) as err:
        load_rules(_variant(tmp_path, old, "pattern = '''('''"))
    assert "('dateline'): pattern is not a valid pattern" in str(err.value)


def test_behaviour_follows_roles_not_names(tmp_path):
    """Renaming the dateline locator changes nothing; its role is what counts."""
    text = "KANDAHAR, Aug 13 (Reuters) - The Taliban captured Herat on Friday."
    renamed = load_rules(_variant(tmp_path, 'name = "dateline"', 'name = "where filed"'))
    gaz = load_gazetteer()
    for rules in (None, renamed):
        readings, _ = extract_text(text, gaz, rules=rules)
        first = readings[0]
        assert first.mention.surface == "KANDAHAR" and first.status == "mentioned"
        assert re.search(r"locator: (dateline|where filed)", first.rule)


def test_a_modifier_limited_to_an_act_leaves_other_triggers_alone(tmp_path):
    """'foreign forces leave' speaks of withdrawals only: foreign troops fighting in a place
    is still fighting there. Renaming the trigger changes nothing; its declared act counts."""
    gaz = load_gazetteer()
    renamed = load_rules(_variant(tmp_path, 'name = "withdrawal"', 'name = "pull-out"'))
    for rules in (None, renamed):
        left, _ = extract_text("NATO troops withdrew from Bagram on Friday.", gaz, rules=rules)
        fought, _ = extract_text("NATO troops fought in Helmand for years.", gaz, rules=rules)
        assert [(r.mention.surface, str(r.status)) for r in left] == [("Bagram", "mentioned")]
        assert [(r.mention.surface, str(r.status)) for r in fought] == [("Helmand", "contested")]


def test_the_lexicon_is_passed_in(tmp_path):
    """A lexicon without the capture trigger reads the same sentence differently, while
    the package's own lexicon is untouched (no global is changed)."""
    start = BASE.index('[[trigger]]\nname = "capture (active)"')
    end = BASE.index("[[trigger]]", start + 5)
    path = tmp_path / "no-capture.toml"
    path.write_text(BASE[:start] + BASE[end:], encoding="utf-8")
    gaz = load_gazetteer()
    text = "The Taliban captured Farah on Tuesday."
    without, _ = extract_text(text, gaz, rules=load_rules(path))
    default, _ = extract_text(text, gaz)
    assert default[0].status == "captured" and without[0].status != "captured"


def test_eval_compares_two_lexicons_side_by_side(tmp_path):
    data = tmp_path / "p.jsonl"
    data.write_text(
        json.dumps(
            {
                "id": "a",
                "text": "The Taliban captured Farah on Tuesday.",
                "places": [],
                "provinces": {"AF-FRA": {"status": "captured", "violence": False}},
            }
        )
        + "\n"
    )
    renamed = _variant(tmp_path, 'name = "dateline"', 'name = "where filed"')
    out = run_cli(
        "eval", str(data), "--no-baseline", "--rules", str(RULES_PATH), "--rules", str(renamed)
    ).stdout
    assert "territory-map (rules.toml)" in out and out.count("statuses right 1/1") == 2
    bad = _variant(tmp_path, 'status = "captured"', 'status = "captued"')
    proc = run_cli("eval", str(data), "--rules", str(bad), check=False)
    assert proc.returncode == 2 and "unknown status 'captued'" in proc.stderr


# The lexicon's two files: the base English news lexicon and the theatre's overlay.

OVERLAY = THEATRE_LEXICON_PATH.read_text(encoding="utf-8")


def _overlay(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "theatre-lexicon.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _message(base: Path = RULES_PATH, overlay: Path | None = THEATRE_LEXICON_PATH) -> str:
    with pytest.raises(RulesError) as err:
        load_rules(base, overlay)
    return str(err.value)


def test_an_unknown_key_of_a_keyed_section_is_named(tmp_path):
    base = _variant(tmp_path, "clause_break = ", "clause_brake = ")
    assert "rules.toml: [structure] unknown key(s) clause_brake; allowed:" in _message(base)
    overlay = _overlay(tmp_path, OVERLAY + "\n[structure]\nsentense_end = '''\\.'''\n")
    message = _message(overlay=overlay)
    assert "theatre-lexicon.toml: [structure] unknown key(s) sentense_end" in message


def test_a_missing_key_of_a_keyed_section_is_named(tmp_path):
    base = _variant(tmp_path, "relative = ", "# relative = ")
    assert "rules.toml + theatre-lexicon.toml: [structure] missing key(s) relative" in _message(
        base
    )


def test_a_bad_pattern_of_a_keyed_section_names_the_file_and_the_key(tmp_path):
    old = "phrase_end = '''[,;.]'''"
    message = _message(_variant(tmp_path, old, "phrase_end = '''[,;.'''"))
    assert "rules.toml: [structure] phrase_end is not a valid pattern" in message
    old = "district_after = '''\\s+(?i:districts?)\\b'''"
    message = _message(_variant(tmp_path, old, "district_after = 3"))
    assert "rules.toml: [name_context] district_after must be a pattern" in message
    old = "foreign_frame_before = '''\\b([A-Za-z]+)"
    frame = _variant(tmp_path, old, old.replace("([A-Za-z]+)", "(?:[A-Za-z]+)"))
    message = _message(frame)
    assert "[name_context] foreign_frame_before must have 1 group(s)" in message


def test_a_bad_pattern_in_the_overlay_names_the_overlay_and_the_entry(tmp_path):
    added = '\n[[trigger]]\nname = "local capture"\nstatus = "captured"\nplace = "after"\npattern = "(?:"\n'
    message = _message(overlay=_overlay(tmp_path, OVERLAY + added))
    assert "theatre-lexicon.toml: [trigger] entry 1 ('local capture'): pattern is not a valid" in (
        message
    )


def test_a_placeholder_without_a_list_is_named(tmp_path):
    overlay = _overlay(tmp_path, OVERLAY.replace('actor = ["Taliban", "Taleban"]\n', ""))
    message = _message(overlay=overlay)
    assert "rules.toml: [trigger] entry 1 ('capture (active)'): pattern: {actor} has no" in message
    assert "theatre-lexicon.toml" in message
    # The base alone cannot fill its placeholders.
    assert "{actor} has no list in [placeholders]" in _message(overlay=None)


def test_the_overlay_adds_to_the_base():
    """The theatre's names live in the overlay only, and reach the rules through it: no
    pattern or word of the base spells a word of the overlay's lists (write `{actor}`,
    `{country_adjective}` ... instead)."""
    base = tomllib.loads(BASE)
    values = [
        str(value)
        for table in base.values()
        for entry in (table if isinstance(table, list) else [table])
        for key, value in entry.items()
        if key not in ("name", "undoes")  # names of rules are labels ("Taliban claim")
    ]
    lists = tomllib.loads(OVERLAY)["placeholders"].values()
    spelled = [  # "Northern Alliance" as written, or as a pattern writes it (Northern\s+Alliance)
        r"(?:\s+|\\s\+)".join(map(re.escape, word.split())) for words in lists for word in words
    ]
    theatre = re.compile(rf"\b(?:{'|'.join(spelled)}|taliban|taleban|afghan\w*|mujahid\w*)\b", re.I)
    assert values and [v for v in values if theatre.search(v)] == []
    rules = load_rules()
    assert "taliban" in rules.not_places and "i" in rules.lowercase_in_names
    assert "ye" in rules.name_context.connectors


MADE_UP = """
[placeholders]
actor = ["Red Lions"]
actor_spelling = []
opponent_group = ["Blue Guard"]
actor_epithet = []
spokesman = ["Jon Arlo"]
country_adjective = ["Ruritanian"]
neighbour_adjective = []
neighbour_country = []
country = ["Ruritania"]
news_agency = []
"""


def test_a_second_theatre_is_a_second_overlay(tmp_path):
    """Who counts as the armed group is the overlay's data: with a made-up theatre's
    overlay, the group it names makes a claim, and the Taliban no longer do; no Python
    changes, and the package's own lexicon is untouched."""
    made_up = load_rules(RULES_PATH, _overlay(tmp_path, MADE_UP))
    gaz = load_gazetteer()
    lions = "The Red Lions said they had captured Farah on Tuesday."
    taliban = "The Taliban said they had captured Farah on Tuesday."
    statuses = {
        (which, rules is None): extract_text(text, gaz, rules=rules)[0][0].status
        for which, text in (("lions", lions), ("taliban", taliban))
        for rules in (None, made_up)
    }
    assert statuses == {
        ("lions", True): "captured",
        ("lions", False): "claimed",
        ("taliban", True): "claimed",
        ("taliban", False): "captured",
    }
    held = "Farah, which the Red Lions have held since July, was quiet."
    assert extract_text(held, gaz, rules=made_up)[0][0].status == "captured"
    assert extract_text(held, gaz)[0][0].status == "mentioned"


EXTRACTOR = [PACKAGE / "mentions.py", PACKAGE / "statuses.py", PACKAGE / "rules.py"]
_RE_CALLS = {"compile", "search", "match", "fullmatch", "finditer", "sub", "split"}


def _regex_literals(path: Path) -> list[tuple[int, str]]:
    """The patterns a module gives the re module as literals."""
    return [
        (node.lineno, node.args[0].value)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "re"
        and node.func.attr in _RE_CALLS
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]


def test_the_extractor_code_holds_marks_not_words():
    """The words of the language are in the lexicon: a pattern left in the extractor's code
    has no run of three letters once escapes and ranges are set aside (punctuation, letter
    classes and joiners only), and no string of it names the theatre."""
    wordy = [
        f"{path.name}:{line}: {pattern!r}"
        for path in EXTRACTOR
        for line, pattern in _regex_literals(path)
        if re.search(r"[A-Za-z]{3}", re.sub(r"\\(?:u[0-9a-fA-F]{4}|.)|.-.", " ", pattern))
    ]
    assert wordy == []
    theatre = tomllib.loads(OVERLAY)["placeholders"]
    words = {w.lower() for lists in theatre.values() for w in lists}
    named = [
        f"{path.name}:{line}: {value!r}"
        for path in EXTRACTOR
        for line, value in _string_literals(path)
        if any(w in value.lower() for w in words)
    ]
    assert named == []
