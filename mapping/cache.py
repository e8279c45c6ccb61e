"""Incremental builds: each seed's extraction cached by content hash and tool version.

Adding one article to a folder of thousands re-reads only that article. The key covers
the seed's text, the package version and the bytes of the lexicon (rules.toml) and of the
geodata, so changing any of them invalidates every entry. An entry that cannot be read,
does not parse, or names another version is rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from .gazetteer import GEODATA_DIR, Gazetteer
from .mentions import ForeignMention, Mention
from .rules import RULES_PATH
from .history import Report
from .statuses import Reading

FORMAT = 4      # compact readings, evidence sentences stored once, mentions.csv rows as text,
                # one report per place


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """Package version, code, lexicon and geodata: all an extraction depends on besides the
    text. The code is included so that a changed rule in Python invalidates the cache too."""
    from . import __version__

    h = hashlib.sha256(f"{__version__}:{FORMAT}".encode())
    code = sorted(Path(__file__).parent.glob("*.py"))
    for path in [RULES_PATH, *code, *sorted(GEODATA_DIR.iterdir())]:
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


class ExtractCache:
    """A folder of JSON files, one per (seed text, tool fingerprint)."""

    def __init__(self, folder: Path, gaz: Gazetteer):
        self.folder = Path(folder)
        self.gaz = gaz
        self.version = tool_fingerprint()
        self.hits = self.misses = 0
        self.broken = ""          # set when the cache folder cannot be written

    def _path(self, text: str) -> Path:
        key = hashlib.sha256(f"{self.version}\0{text}".encode("utf-8")).hexdigest()
        return self.folder / key[:2] / f"{key}.json"

    def get(self, text: str, seed: str = "", date: str = ""
            ) -> tuple[list[Reading], list[ForeignMention], str | None, list[Report]] | None:
        """The cached readings of a text, named after `seed` and dated `date`, its foreign
        names, its mentions.csv rows (or None) and its reports (one per place)."""
        path = self._path(text)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != self.version:
                raise ValueError("other version")
            sentences = data["sentences"]
            result = ([self._reading(r, sentences, seed, date) for r in data["readings"]],
                      [ForeignMention(*f) for f in data["foreign"]], data.get("rows"),
                      [self._report(r, seed, date) for r in data["reports"]])
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, text: str, readings: list[Reading], foreign: list[ForeignMention],
            rows: str | None = None, reports: list[Report] = ()) -> None:
        path = self._path(text)
        sentences = list(dict.fromkeys(r.evidence for r in readings))
        index = {t: i for i, t in enumerate(sentences)}
        data = {"version": self.version, "sentences": sentences,
                "readings": [self._plain(r, index) for r in readings],
                "foreign": [[f.surface, f.start, f.end, f.country] for f in foreign],
                "rows": rows,
                "reports": [[r.place.key, r.kind, r.status, r.violence] for r in reports]}
        if self.broken:
            return
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError as exc:
            # A full disk or read-only cache folder costs speed, never the build.
            self.broken = f"cache not written ({exc.strerror or exc}): {self.folder}"
            if tmp:
                Path(tmp).unlink(missing_ok=True)

    def _place(self, key: str):
        return self.gaz.places.get(key) or self.gaz.provinces[key]

    @staticmethod
    def _plain(r: Reading, index: dict[str, int]) -> list:
        m = r.mention
        return [m.surface, m.start, m.end, m.place.key, m.match, m.kind, m.antecedent,
                r.status, r.rule, index[r.evidence], r.evidence_start, r.evidence_end,
                r.violence]

    def _reading(self, row: list, sentences: list[str], seed: str, date: str) -> Reading:
        (surface, start, end, key, match, kind, antecedent, status, rule, sentence,
         ev_start, ev_end, violence) = row
        m = Mention(surface, start, end, self._place(key), match, kind, antecedent)
        return Reading(m, status, rule, sentences[sentence], ev_start, ev_end, seed, date, violence)

    def _report(self, row: list, seed: str, date: str) -> Report:
        key, kind, status, violence = row
        return Report(self._place(key), kind, status, date, seed, violence)
