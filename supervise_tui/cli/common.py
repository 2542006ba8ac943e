"""What every command handler gets: the folder, the clock, and plain-sentence errors."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..domain.dates import local

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in the command line: exit code 2."""


@dataclass(frozen=True)
class Ctx:
    """One run of the command: where the records are and what time it is."""

    data_dir: Path
    clock: Callable[[], datetime]  # UTC now; the only place the real one comes from is main()

    def today(self) -> date:
        return local(self.clock()).date()

    def local_now(self) -> datetime:
        return local(self.clock())


def say(message: str) -> None:
    """A line for the person at the terminal (stderr, so stdout stays for output)."""
    print(message, file=sys.stderr, flush=True)


def progress(label: str):
    """A progress reporter for long work, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print(f"\r{label}: {done}/{total}", end=end, file=sys.stderr, flush=True)

    return report
