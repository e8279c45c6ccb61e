"""`territory-map watch`: notice when the seeds folder's files change.

Why polling: a look at each file's size and modification time once an interval works on
every system and on network and container-mounted folders (where change notifications
often never arrive), costs one folder listing, and needs no dependency.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

Stamps = dict[str, tuple[int, int]]


def snapshot(folder: Path) -> Stamps:
    """Name -> (size, modification time in ns) of each visible file of the folder (seeds,
    sidecars, and any other file a build reads there); empty if the folder is gone."""
    out: Stamps = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return out
    for entry in entries:
        if entry.name.startswith("."):  # editors' swap files, temp files of atomic writes
            continue
        try:
            if not entry.is_file():  # a folder (an output folder put there) is no seed
                continue
            st = entry.stat()
        except OSError:
            continue
        out[entry.name] = (st.st_size, st.st_mtime_ns)
    return out


def changed_names(before: Stamps, after: Stamps) -> list[str]:
    """Names added, removed or changed, sorted."""
    return sorted(n for n in before.keys() | after.keys() if before.get(n) != after.get(n))


def changes(
    folder: Path, interval: float = 1.0, settle: int = 5, since: Stamps | None = None
) -> Iterator[list[str]]:
    """Each time the folder's files change, the names that changed, once the folder has
    stayed the same for one more interval (at most `settle` intervals), so that a file
    still being written or a batch of copies is built once.

    `since` is the folder as it was before the first build: a file dropped in while that
    build ran must count as a change, and a snapshot taken only after the build (when
    this generator first runs) would already hold it and miss it."""
    interval = max(interval, 0.05)
    last = snapshot(folder) if since is None else since
    while True:
        time.sleep(interval)
        now = snapshot(folder)
        if now == last:
            continue
        for _ in range(settle):
            time.sleep(interval)
            later = snapshot(folder)
            if later == now:
                break
            now = later
        names = changed_names(last, now)
        last = now
        if names:
            yield names
