"""The UI's handle on the repository: one call at a time, from any worker thread.

Screens call the repository only through this, from workers; the lock keeps
a background load and a save from interleaving inside the store.
"""

from __future__ import annotations

import threading
from typing import Any

from ..store.repository import Repository


class Gateway:
    def __init__(self, repo: Repository) -> None:
        self._repo = repo
        self._lock = threading.RLock()

    @property
    def read_only(self) -> bool:
        return self._repo.read_only

    @property
    def root(self):
        return self._repo.root

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._repo, name)
        if not callable(attr):
            return attr

        def locked(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                return attr(*args, **kwargs)

        return locked
