"""Atomic file writes, the one way this package puts a file on disk.

Why: a reader, a killed build or a second build racing this one must never see a half
file. Every file is written to a temp file beside its final path and moved into place with
os.replace (or, when an existing file must win, linked only if the name is free).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

Writer = Callable[[Path], None]  # creates the file at the path it is given


def text_writer(data: str | bytes | Iterable[str | bytes], durable: bool = True) -> Writer:
    """A writer that puts text (or text in parts, or bytes) into a new file, fsynced when
    `durable`. Parts are written as they come: a 100 MB CSV is never joined in memory."""
    parts = [data] if isinstance(data, (str, bytes)) else data

    def writer(tmp: Path) -> None:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "wb") as fh:
            for part in parts:
                fh.write(part.encode("utf-8") if isinstance(part, str) else part)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())

    return writer


def stage(path: Path, writer: Writer) -> Path:
    """Let `writer` create a temp file beside `path` (not yet moved into place)."""
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp" + path.suffix, dir=path.parent
    )
    os.close(fd)
    os.unlink(tmp)  # the writer (GDAL, say) wants to create the file itself
    try:
        writer(Path(tmp))
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_via_temp(path: Path, writer: Writer, replace: bool = True) -> Path:
    """Let `writer` create a temp file beside `path`, then move it into place atomically
    (with `replace` False, a file already there is kept). Also used directly for libraries
    that write files themselves (GeoPackage, GeoParquet)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = stage(path, writer)
    if replace:
        os.replace(tmp, path)
        return path
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path


def write_atomic(
    path: Path,
    data: str | bytes | Iterable[str | bytes],
    durable: bool = True,
    replace: bool = True,
) -> Path:
    """Write one file through a temp file beside it (see write_via_temp)."""
    return write_via_temp(path, text_writer(data, durable), replace)
