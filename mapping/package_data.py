"""The package's own data files (the lexicon, geodata/, templates), found through
importlib.resources, so a wheel installed anywhere finds them as well as a checkout does.

Why one function that takes any name: a second data file (a theatre's lexicon overlay, say,
beside geodata/theatre.toml) is then one more name, not one more way of finding files.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from importlib import resources
from pathlib import Path

_EXTRACTED = ExitStack()  # files copied out of a zipped install, removed at exit


def cleanup() -> None:
    """Remove the copies package_path made (at exit; also called by cli.run)."""
    _EXTRACTED.close()


atexit.register(cleanup)


def package_path(name: str) -> Path:
    """The file system path of the package data file or folder `name`, relative to the
    package, with `/` between parts ("rules.toml", "geodata", "geodata/theatre.toml").

    Installed as files (a checkout, a wheel unpacked by pip), this is the file itself; from
    a zipped install it is a temporary copy that lives as long as the process.
    """
    ref = resources.files("mapping").joinpath(*name.split("/"))
    if isinstance(ref, Path):
        return ref
    return _EXTRACTED.enter_context(resources.as_file(ref))
