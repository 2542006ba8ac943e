"""Start an app headless in this fresh process, wait for its first paint, report.

`python benchmarks/probe.py app FOLDER` opens supervise-tui on FOLDER and waits for
Home to show its rows; `python benchmarks/probe.py bare` runs a bare Textual app
with the same Header and Footer. Prints: seconds-since-process-start peak-RSS-MB
unlock-seconds. An encrypted folder is signed in to as $BENCH_AS with
$SUPERVISE_PASSPHRASE; the time the passphrase takes (Argon2id, on purpose slow) is
reported apart and not counted in the start.
"""

from __future__ import annotations

import asyncio
import resource
import sys
import time

START = time.perf_counter()


async def main() -> None:
    mode = sys.argv[1]
    unlock = 0.0
    if mode == "bare":
        from textual.app import App
        from textual.widgets import Footer, Header

        class Bare(App):
            def compose(self):
                yield Header()
                yield Footer()

        app = Bare()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            elapsed = time.perf_counter() - START
    else:
        import os
        from pathlib import Path

        from supervise_tui.domain.stamps import now_utc
        from supervise_tui.store.folder import open_folder
        from supervise_tui.ui.app import make_app

        # Opened exactly as `supervise` opens it (cli.run_tui): the file check and the
        # hourly backup run once Home shows, so they are not part of the first paint.

        repo = open_folder(Path(sys.argv[2]), check=False, backup=False, clock=now_utc)
        if repo.locked:
            from supervise_tui.usecases.security import sign_in

            began = time.perf_counter()
            sign_in(repo, os.environ["BENCH_AS"], os.environ["SUPERVISE_PASSPHRASE"])
            unlock = time.perf_counter() - began
        app = make_app(repo, clock=now_utc)
        async with app.run_test(size=(80, 24)) as pilot:
            table = None
            while table is None or table.row_count == 0:
                await pilot.pause(0.01)
                try:
                    table = app.screen.query_one("#peers")
                except Exception:  # noqa: BLE001 - not mounted yet
                    table = None
            elapsed = time.perf_counter() - START - unlock
        repo.close()
    print(f"{elapsed:.4f} {peak_rss_mb():.1f} {unlock:.4f}")


def peak_rss_mb() -> float:
    """This process's own peak RSS. (ru_maxrss would include the parent's peak: on
    Linux it survives exec; VmHWM belongs to the new process image.)"""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    asyncio.run(main())
