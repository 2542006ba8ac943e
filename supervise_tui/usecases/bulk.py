"""Work that makes and keeps many small objects at once (every peer's rows, a bundle's
records): Python's cycle collector would walk them all again and again as they pile
up, for nothing (they hold no cycles), so it waits until the work is done."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off for the block (left off if it was off before)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
