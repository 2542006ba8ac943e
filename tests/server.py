"""A throwaway PostgreSQL server for the tests: started once per test process, in a temp
folder, listening on a unix socket there only (no network port), stopped at the end.

initdb and pg_ctl refuse to run as root, so as root they run as the ``postgres`` user
(``runuser``). Where PostgreSQL or psycopg is missing the server tests are skipped —
except under CI (``CI=1``, set by .ci/run, which installs PostgreSQL), where that is a
failure, never a skip.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

OWNER = "app"  # the superuser initdb makes (the agency's IT, in the tests)
_names = itertools.count(1)


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}")
    pytest.skip(reason)


class Server:
    """One running server in ``folder``: :meth:`url` names a database on it."""

    def __init__(self) -> None:
        try:
            import psycopg  # noqa: F401 - the agency extra
        except ImportError:
            unavailable("psycopg (the agency extra) is not installed")
        bin_dir = _binaries()
        if bin_dir is None:
            unavailable("PostgreSQL is not installed (CI installs it)")
        self.bin = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="supervise-pg-"))
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.folder, "postgres")
        self.folder.chmod(0o700)
        data = self.folder / "data"
        try:
            self._run("initdb", "-D", str(data), "-A", "trust", "-U", OWNER, "--no-sync")
            options = f"-k {self.folder} -c listen_addresses='' -c fsync=off -c max_connections=120"
            options += " -c synchronous_commit=off -c full_page_writes=off"
            self._run(
                "pg_ctl", "-D", str(data), "-o", options, "-l", str(self.folder / "log"), "-w",
                "start",
            )  # fmt: skip
        except (subprocess.CalledProcessError, OSError) as error:
            self.folder_removed()
            unavailable(f"the test server did not start ({error})")

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def url(self, dbname: str = "postgres", user: str = OWNER) -> str:
        return f"postgresql://{user}@/{dbname}?host={self.folder}"

    def new_database(self, template: str | None = None, name: str | None = None) -> str:
        """A fresh, empty database (a copy of ``template`` when named); its address."""
        import psycopg
        from psycopg import sql

        name = name or f"t{os.getpid()}_{next(_names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            if template:
                statement += sql.SQL(" TEMPLATE {} STRATEGY file_copy").format(
                    sql.Identifier(template)
                )
            conn.execute(statement)
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            self.folder_removed()

    def folder_removed(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
