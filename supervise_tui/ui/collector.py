"""The cycle collector paused while the app starts, until its first screen shows.

Opening Home makes many small objects at once (a row, a tally and a due date for every
peer, and Textual's widgets and styles). Python's cycle collector runs every few
hundred of them and, each time it reaches its oldest generation, walks everything
alive: at 678 peers it took about 20 ms of the start (measured, docs/performance.md).
Nothing made during the start is garbage to be found, so the collector waits until
the first paint and is then on again, as before, for the rest of the session."""

from __future__ import annotations

import gc


class StartPause:
    """Mixed into the App: the pause begins when it loads and ends after its first
    refresh (or when it stops, whichever comes first)."""

    _paused_collector = False

    def on_load(self) -> None:
        if gc.isenabled():
            gc.disable()
            self._paused_collector = True

    def resume_collector(self) -> None:
        if self._paused_collector:
            self._paused_collector = False
            gc.enable()

    def on_unmount(self) -> None:
        self.resume_collector()
