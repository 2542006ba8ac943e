"""`supervise serve` on the command line: bad input is one sentence and nothing listens;
a good start prints the link (and a warning for a network address) and stops cleanly."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from supervise_tui.cli.common import Ctx
from supervise_tui.cli.serve import app_command, is_loopback
from supervise_tui.cli.serve.running import shown_host

from ..conftest import fixed_clock
from .test_cli import run


def one_sentence(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    return lines[0]


@pytest.mark.parametrize(
    "args, said",
    [
        (["--port", "70000"], "needs a port number from 0 to 65535"),
        (["--port", "eight"], "needs a port number"),
        (["--as", "Dana Whitfield"], "leave out --as and --passphrase-file"),
        (["--passphrase-file", "/nonexistent"], "leave out --as and --passphrase-file"),
    ],
)
def test_bad_options_are_one_sentence_and_exit_2(tmp_path, args, said):
    out = run("serve", "--data-dir", str(tmp_path / "records"), *args)
    assert out.returncode == 2
    assert said in one_sentence(out.stderr) and out.stdout == ""
    assert not (tmp_path / "records").exists()  # nothing was created


def test_a_port_in_use_is_one_sentence_and_exit_1(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = run("serve", "--data-dir", str(tmp_path / "records"), "--port", str(port))
    assert out.returncode == 1
    assert f"port {port} is already in use" in one_sentence(out.stderr)
    assert "token" not in out.stdout


def test_a_folder_that_cannot_be_opened_is_said_before_anything_listens(tmp_path):
    not_a_folder = tmp_path / "records"
    not_a_folder.write_text("a file, not a folder\n")
    out = run("serve", "--data-dir", str(not_a_folder), "--port", "0")
    assert out.returncode == 1
    assert str(not_a_folder) in one_sentence(out.stderr)
    assert "token" not in out.stdout
    newer = tmp_path / "newer"
    run("demo", "--no-tui", "--data-dir", str(newer), "--peers", "1", "--weeks", "1")
    meta = newer / "meta.json"
    meta.write_text(re.sub(r'"schema_version": *\d+', '"schema_version": 999', meta.read_text()))
    out = run("serve", "--data-dir", str(newer), "--port", "0")
    assert out.returncode == 1 and "newer" in one_sentence(out.stderr)


def test_a_network_address_is_warned_about_and_the_server_stops_on_sigterm(tmp_path):
    server = subprocess.Popen(
        [sys.executable, "-m", "supervise_tui", "serve", "--data-dir", str(tmp_path / "r")]
        + ["--host", "0.0.0.0", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    try:
        warning = server.stderr.readline()
        assert "other computers on the network can reach this page" in warning
        assert "not encrypted" in warning
        lines = [server.stdout.readline() for _ in range(3)]
        # every address: the link names this computer's own
        assert re.search(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{40,}", lines[1]), lines
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=20)
    assert server.returncode == 0


def test_each_tab_runs_the_same_folder_and_options(tmp_path):
    ctx = Ctx(tmp_path / "my records", fixed_clock)
    command = app_command(ctx, read_only=True, peer="Jordan Ellery")
    assert command.startswith(f"{sys.executable} -m supervise_tui --data-dir ")
    assert f"'{Path(tmp_path / 'my records').resolve()}'" in command  # quoted: a space
    assert command.endswith("--read-only --peer 'Jordan Ellery'")
    assert app_command(ctx, read_only=False, peer=None).endswith("records'")


def test_loopback_addresses():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20")
    assert not is_loopback("agency-pc.local")


@pytest.mark.parametrize(
    "argv",
    [
        ["--read-only", "--peer", "Jordan Ellery", "serve"],
        ["serve", "--read-only", "--peer", "Jordan Ellery"],
    ],
)
def test_the_app_s_options_are_taken_before_or_after_serve(argv):
    from supervise_tui.cli.parser import build_parser

    args = build_parser().parse_args(argv)
    assert args.command == "serve" and args.read_only and args.peer == "Jordan Ellery"
    plain = build_parser().parse_args(["serve"])
    assert not getattr(plain, "read_only", False) and getattr(plain, "peer", None) is None


def test_a_peer_not_in_the_records_is_said_before_anything_listens(tmp_path):
    folder = tmp_path / "records"
    run("demo", "--no-tui", "--data-dir", str(folder), "--peers", "1", "--weeks", "1")
    out = run("serve", "--data-dir", str(folder), "--port", "0", "--peer", "Nobody Atall")
    assert out.returncode == 1
    assert "no peer specialist called 'Nobody Atall'" in one_sentence(out.stderr)
    assert "token" not in out.stdout


def test_the_link_names_a_host_a_browser_can_open():
    assert shown_host("127.0.0.1") == "127.0.0.1" and shown_host("::1") == "[::1]"
    assert shown_host("0.0.0.0") == "127.0.0.1" and shown_host("::") == "[::1]"
    assert shown_host("192.168.1.20") == "192.168.1.20"
