"""The prompt packs as the app holds them (mixed into the app; ``self`` is the
:class:`~.app.SuperviseApp`): read once Home shows, in a worker, or when first asked for,
and a pack that cannot be used is said."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual import work

if TYPE_CHECKING:
    from ..store.packs import Library


class Packs:
    _library: Library | None = None
    _library_lock = threading.Lock()  # (a worker may ask first; one app at a time reads)

    @property
    def library(self) -> Library:
        """The prompt packs: the built-in ones, then the person's own."""
        with self._library_lock:
            if self._library is None:
                from ..store.packs import load_library

                self._library = load_library()
            return self._library

    @work(thread=True, group="packs", exit_on_error=False)
    def _read_packs(self) -> None:
        """The packs are read once Home shows (in a worker: keys are not held up); a pack
        that cannot be used is said (unless the app has closed meanwhile)."""
        for problem in self.library.problems:
            try:
                self.call_from_thread(
                    self.notify,
                    f"{problem}. The other packs are loaded.",
                    title="Prompt pack skipped",
                    severity="warning",
                    timeout=20,
                )
            except RuntimeError:
                return
