"""The lexicon is validated data, passed in: every mistake in rules.toml is an error that
names the entry, behaviour follows declared roles (not names), and `eval --rules` scores
two lexicons side by side."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import run_cli

from mapping.errors import RulesError
from mapping.gazetteer import load_gazetteer
from mapping.pipeline import extract_text
from mapping.rules import RULES_PATH, load_rules

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
