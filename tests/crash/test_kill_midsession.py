"""The real app in a pseudo-terminal, killed with SIGKILL mid-session: the draft survives."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from supervise_tui.domain.enums import Role
from supervise_tui.domain.models import Person
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.people import save_person

from ..conftest import fixed_clock

F2 = b"\x1bOQ"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


def spawn(data_dir: Path) -> tuple[int, int]:
    pid, fd = pty.fork()
    if pid == 0:  # child: the real command
        os.environ["TERM"] = "xterm-256color"
        os.execv(
            sys.executable, [sys.executable, "-m", "supervise_tui", "--data-dir", str(data_dir)]
        )
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def drain(fd: int, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            os.read(fd, 65536)
        except BlockingIOError:
            pass  # nothing to read yet
        except OSError:
            return  # the child has gone
        time.sleep(0.02)


def test_sigkill_mid_session_keeps_the_draft(tmp_path):
    data = tmp_path / "records"
    with open_folder(data, clock=fixed_clock) as repo:
        save_person(repo, Person("Dana Whitfield", Role.SUPERVISOR), clock=repo.clock)
        save_person(repo, Person("Jordan Ellery", Role.PEER), clock=repo.clock)
    pid, fd = spawn(data)
    os.set_blocking(fd, False)
    try:
        drain(fd, 4.0)  # start up
        os.write(fd, b"n")
        drain(fd, 1.5)
        os.write(fd, F2)  # the only supervisor is pre-ticked: start
        drain(fd, 2.0)
        for ch in "Killed mid-sentence":
            os.write(fd, ch.encode())
            drain(fd, 0.03)
        # wait for the autosave, reading the folder as another (read-only) process would
        deadline = time.monotonic() + 15
        found = None
        while time.monotonic() < deadline and found is None:
            drain(fd, 0.3)
            viewer = open_folder(data, read_only=True, clock=fixed_clock)
            drafts = viewer.drafts()
            viewer.close()
            if drafts and drafts[0].checkin.arriving == "Killed mid-sentence":
                found = drafts[0]
        assert found is not None, "the autosave did not land"
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    with open_folder(data, clock=fixed_clock) as repo:  # the lock died with the process
        (draft,) = repo.drafts()
        assert draft.checkin.arriving == "Killed mid-sentence"
        assert draft.step == "check_in"
