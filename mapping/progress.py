"""One progress bar through every stage of a build: reading the seeds, the timeline, the
map, the files (and the PNG).

Why every stage: with the cache, reading thousands of unchanged seeds takes a second, and
the rest of a long build is drawing the map and writing files; a bar over the seeds alone
was gone before anyone saw it, and then nothing moved. The bar appears only when a build
has run for DELAY_SECONDS, on stderr, and only on a terminal unless asked for (--progress),
so scripts and logs never get it. tqdm draws it (already a dependency).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

DELAY_SECONDS = 2.0
T = TypeVar("T")


class Progress:
    """A bar of `len(seeds) + later` steps: one per seed, one per later stage.

    show: True always, None only when stderr is a terminal, False never.
    """

    def __init__(self, show: bool | None = None, later: int = 0, delay: float = DELAY_SECONDS):
        self.show = show
        self.later = later
        self.delay = delay
        self.bar = None
        self.started = time.monotonic()  # the build's start: the delay counts from here
        self._timer: threading.Timer | None = None

    def seeds(self, items: list[T]) -> Iterator[T]:
        """The seeds, one step each, then the bar waits at the timeline stage."""
        self._open(len(items) + 1 + self.later)
        self.stage("reading seeds")
        for item in items:
            yield item
            if self.bar is not None:
                self.bar.update(1)
        self.stage("timeline")

    def stage(self, name: str) -> None:
        """Name the stage now running; the one before it counts as done."""
        if self.bar is None:
            return
        if name != "reading seeds" and self.bar.desc not in ("", "reading seeds"):
            self.bar.update(1)
        # Drawn now (a stage may be long), but only once the bar is due at all.
        self.bar.set_description_str(name, refresh=self._due())

    def clear(self) -> None:
        """Erase the bar before lines are printed to the terminal; it is drawn again at the
        next stage."""
        if self.bar is not None and self._due():
            self.bar.clear()

    def _due(self) -> bool:
        return time.monotonic() - self.started >= self.delay

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def _open(self, total: int) -> None:
        if self.show is False:
            return
        from tqdm import tqdm

        bar = tqdm(
            total=total,
            unit="step",
            delay=self.delay,
            leave=False,
            disable=None if self.show is None else False,  # None: only on a terminal
            dynamic_ncols=True,
        )
        self.bar = None if bar.disable else bar  # disabled: not a terminal
        if self.bar is not None:
            # Draw the bar when it is due even if the stage running then is one long step
            # (drawing the map, the PNG), where nothing else would draw it.
            wait = max(0.0, self.delay - (time.monotonic() - self.started))
            self._timer = threading.Timer(wait, self._draw)
            self._timer.daemon = True
            self._timer.start()

    def _draw(self) -> None:
        bar = self.bar
        if bar is not None:
            bar.refresh()


def wrap(items: list[T], progress: Progress | bool | None) -> Iterable[T]:
    """The items, with a bar when progress asks for one (True: on a terminal)."""
    if progress is None or progress is False:
        return items
    bar = progress if isinstance(progress, Progress) else Progress(None)
    return bar.seeds(items)
