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
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from .gazetteer import GEODATA_DIR, Gazetteer
from .mentions import ForeignMention, Mention
from .rules import RULES_PATH
from .statuses import Reading

FORMAT = 1


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """Package version + lexicon + geodata: what an extraction depends on besides the text."""
    from . import __version__

    h = hashlib.sha256(f"{__version__}:{FORMAT}".encode())
    for path in [RULES_PATH, *sorted(GEODATA_DIR.iterdir())]:
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

    def _path(self, text: str) -> Path:
        key = hashlib.sha256(f"{self.version}\0{text}".encode("utf-8")).hexdigest()
        return self.folder / key[:2] / f"{key}.json"

    def get(self, text: str) -> tuple[list[Reading], list[ForeignMention]] | None:
        path = self._path(text)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != self.version:
                raise ValueError("other version")
            result = ([self._reading(r) for r in data["readings"]],
                      [ForeignMention(**f) for f in data["foreign"]])
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, text: str, readings: list[Reading], foreign: list[ForeignMention]) -> None:
        path = self._path(text)
        data = {"version": self.version,
                "readings": [self._plain(r) for r in readings],
                "foreign": [asdict(f) for f in foreign]}
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
        os.replace(tmp, path)

    @staticmethod
    def _plain(r: Reading) -> dict:
        m = r.mention
        return {"surface": m.surface, "start": m.start, "end": m.end, "place": m.place.key,
                "match": m.match, "kind": m.kind, "antecedent": m.antecedent,
                "status": r.status, "rule": r.rule, "evidence": r.evidence,
                "evidence_start": r.evidence_start, "evidence_end": r.evidence_end,
                "violence": r.violence}

    def _reading(self, d: dict) -> Reading:
        place = self.gaz.places.get(d["place"]) or self.gaz.provinces[d["place"]]
        m = Mention(d["surface"], d["start"], d["end"], place, d["match"], d["kind"],
                    d["antecedent"])
        return Reading(m, d["status"], d["rule"], d["evidence"], d["evidence_start"],
                       d["evidence_end"], violence=d["violence"])
