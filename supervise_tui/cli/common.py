"""What every command handler gets: the folder, the clock, and plain-sentence errors."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
    credentials: Credentials = None  # type: ignore[assignment] - set by main()
    db: str | None = None  # an agency's server (--db, $SUPERVISE_DB) instead of the folder

    def today(self) -> date:
        return local(self.clock()).date()

    def local_now(self) -> datetime:
        return local(self.clock())


def say(message: str) -> None:
    """A line for the person at the terminal (stderr, so stdout stays for output)."""
    print(message, file=sys.stderr, flush=True)


@contextmanager
def progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on the terminal for long work (rich.progress, on stderr) while
    the block runs: yields ``report(done, total)``, or None when stderr is not a terminal
    (a script or a pipe gets no bar)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def confirm(question: str, *, refusal: str) -> bool:
    """Ask a yes/no question at the terminal (no is the default). Without a terminal
    to ask at, raise UsageError(``refusal``): a script must say yes on its command line."""
    if not sys.stdin.isatty():
        raise UsageError(refusal)
    print(f"{question} [y/N] ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    if not answer:  # end of input: taken as no
        print(file=sys.stderr)
    return answer.strip().lower() in ("y", "yes")


PASSPHRASE_ENV = "SUPERVISE_PASSPHRASE"
DB_ENV = "SUPERVISE_DB"  # the server's address, when --db is not given
IN_BROWSER_ENV = "SUPERVISE_IN_BROWSER"  # set for the app processes `supervise serve` starts
BUNDLE_PASSPHRASE_ENV = "SUPERVISE_BUNDLE_PASSPHRASE"  # a sealed bundle's, for sites


def bundle_passphrase(twice: bool) -> tuple[str, str]:
    """A sealed bundle's passphrase (and the same again, when one is being chosen)."""
    import os

    given = os.environ.get(BUNDLE_PASSPHRASE_ENV)
    if given:
        return given, given
    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass("The bundle's passphrase: ")
        return first, getpass.getpass("Again: ") if twice else first
    raise UsageError(f"give the bundle's passphrase with ${BUNDLE_PASSPHRASE_ENV}")


@dataclass(frozen=True)
class Credentials:
    """Who is asking, for encrypted records: from --as and the passphrase's source."""

    name: str | None = None
    passphrase_file: str | None = None

    def given(self) -> bool:
        """Whether a passphrase comes without asking (a file or the environment)."""
        import os

        return bool(self.passphrase_file or os.environ.get(PASSPHRASE_ENV))

    def passphrase(self, prompt: str = "Passphrase: ") -> str:
        import os

        if self.passphrase_file:
            from ..store.files import read_limited

            try:
                raw = read_limited(Path(self.passphrase_file).expanduser(), 4096, "passphrase file")
            except ValueError as error:
                raise UsageError(str(error).rstrip(".")) from None
            lines = raw.decode("utf-8", errors="replace").splitlines()
            return lines[0] if lines else ""
        if os.environ.get(PASSPHRASE_ENV):
            return os.environ[PASSPHRASE_ENV]
        if sys.stdin.isatty():
            import getpass

            return getpass.getpass(prompt)
        raise UsageError(
            "these records are encrypted: give your passphrase with "
            f"${PASSPHRASE_ENV} or --passphrase-file FILE"
        )


def open_records(ctx: Ctx, *, read_only: bool = False, backup: bool = True, check: bool = True):
    """The records in ctx's folder, signed in when they are encrypted, or on ctx's server
    (one place, for every command)."""
    if ctx.db:
        from ..store.postgres import open_server

        return open_server(ctx.db, clock=ctx.clock, read_only=read_only)
    from ..store.folder import open_folder
    from ..usecases.security import sign_in

    store = open_folder(
        ctx.data_dir,
        clock=ctx.clock,
        read_only=read_only,
        backup=backup,
        check=check,
        on_upgrade=say,
    )
    if store.locked:
        try:
            if not ctx.credentials.name:
                raise UsageError(
                    "these records are encrypted: say who you are with --as NAME "
                    f"(and your passphrase with ${PASSPHRASE_ENV} or --passphrase-file FILE)"
                )
            sign_in(store, ctx.credentials.name, ctx.credentials.passphrase())
        except BaseException:
            store.close()
            raise
    for notice in store.notices:
        say(notice)
    return store
