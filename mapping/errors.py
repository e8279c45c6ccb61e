"""The package's exceptions, under one base class, and the command line's exit codes.

Why one module: a caller (the CLI, a notebook, another program) can catch
`TerritoryMapError` for anything this package reports on purpose, and each error's text
names the file and the problem. Each class keeps the built-in base it always had, so code
that caught ValueError or RuntimeError still does.
"""

from __future__ import annotations

from enum import IntEnum


class TerritoryMapError(Exception):
    """Base of every error territory-map raises on purpose; str() says what and where."""


class SeedError(TerritoryMapError, ValueError):
    """A seed (or the seeds folder) that cannot be used; str() names the file."""


class GeodataError(TerritoryMapError, RuntimeError):
    """A geodata file is missing or damaged; str() names it and how to restore it."""


class RulesError(TerritoryMapError, ValueError):
    """The extraction lexicon is invalid; str() names the file and the offending entry."""


class AssetsMissing(TerritoryMapError, RuntimeError):
    """The npm packages with the map's JavaScript and CSS are not installed."""


class OutputError(TerritoryMapError):
    """The output folder cannot take the build's files; str() names the folder and why."""


class ExtractionTimeout(TerritoryMapError):
    """Raised inside extraction when its seed has used up its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"extraction took longer than {seconds:g} s; skipped")
        self.seconds = seconds


class ExitCode(IntEnum):
    """Exit codes of `territory-map build` and `extract` (the README lists them)."""

    OK = 0
    USAGE = 2  # bad command line, or assets missing for what was asked
    PARTIAL = 3  # some seeds were skipped; the rest were built
    NOTHING = 4  # no seed could be built; nothing written
    GEODATA = 5  # geodata missing or damaged
    OUTPUT = 6  # the output folder cannot be written; old outputs kept


# What each exit code means, worded for `territory-map --help` (and the README's table).
EXIT_MEANINGS = {
    ExitCode.OK: "every seed built (add: every page saved)",
    ExitCode.USAGE: "bad command-line usage, or web assets missing for what was asked",
    ExitCode.PARTIAL: "some seeds skipped, the rest built (add: some pages not saved)",
    ExitCode.NOTHING: "nothing built: no seeds folder, no seeds, or every seed skipped "
    "(add: no page saved)",
    ExitCode.GEODATA: "geodata missing or damaged",
    ExitCode.OUTPUT: "the output folder cannot be written; old outputs kept",
}
