"""A time budget for one seed's extraction, checked cooperatively by the extraction loops.

Why cooperative: a signal or an alarm only interrupts the main thread of the main
process; a deadline that the loops themselves check works in any thread or worker
process alike. The loops call check() once per unit of work (a token, a sentence, a
trigger), which costs one clock read; outside a budget, check() never raises.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import ExtractionTimeout

# Seconds one seed's extraction may take before the seed is skipped. The environment
# variable overrides it (the tests set it tiny to see a seed skipped).
MAX_SECONDS_PER_SEED: float = float(os.environ.get("TERRITORY_MAP_MAX_SECONDS_PER_SEED", "20"))


_local = threading.local()


@contextmanager
def budget(seconds: float | None = None) -> Iterator[None]:
    """Within the block, check() raises ExtractionTimeout once `seconds` have passed
    (MAX_SECONDS_PER_SEED when not given)."""
    seconds = MAX_SECONDS_PER_SEED if seconds is None else seconds
    outer = getattr(_local, "deadline", None)
    _local.deadline = (time.monotonic() + seconds, seconds)
    try:
        yield
    finally:
        _local.deadline = outer


def check() -> None:
    """Raise ExtractionTimeout when the current budget is spent; a no-op outside one."""
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and time.monotonic() > deadline[0]:
        raise ExtractionTimeout(deadline[1])
