"""Records on paper: one self-contained page, escaped, with lines to sign; printed by a
real headless Chromium to a PDF of the expected length, with no request leaving it."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest

from supervise_tui.domain.models import Strength
from supervise_tui.services.printing import printable_page, session_page
from supervise_tui.usecases.export import export_bytes
from supervise_tui.usecases.sessions import finish_session, sign_session
from tests.conftest import FIXED_NOW, fixed_clock, full_session, on_both_backends

# a tag that would fetch or lead somewhere (text that merely says "src=" is fine)
OUTSIDE = re.compile(r"<[^>]*\s(src|href|action)\s*=|url\(|@import|<(script|link|img|iframe)", re.I)


def held_session(repo, team, odd: str = ""):
    session = full_session(team)
    session.strengths.append(Strength(odd or "Naming feelings", "With a resident"))
    done = finish_session(repo, session, clock=fixed_clock)
    return sign_session(repo, done, team["sup"].id, "A fair record", clock=fixed_clock)


@on_both_backends
def test_a_session_page_holds_the_record_and_a_line_for_each_to_sign(repo, team):
    done = held_session(repo, team)
    people = {p.id: p for p in repo.people()}
    page = session_page(done, people, repo.tracks(done.peer_id), FIXED_NOW)
    assert page.startswith("<!doctype html>")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    for words in ("Listening", "Too many forms", "Lead a call", "Ask for admin help"):
        assert words in page
    assert "A fair record" in page  # the sign-off comment
    assert page.count('class="signature"') == 2  # Jordan and Dana
    assert "Jordan Ellery</span>" in page and "Dana Whitfield</span>" in page
    assert "Printed Sun 22 Nov 2026, 15:00" in page
    assert not OUTSIDE.search(page)


def test_what_people_typed_can_never_become_markup_or_a_request(repo, team):
    odd = '<script>alert(1)</script> <img src="http://example.org/x.png"> [a](http://x.org)'
    done = held_session(repo, team, odd=odd)
    people = {p.id: p for p in repo.people()}
    page = session_page(done, people, None, FIXED_NOW)
    assert "&lt;script&gt;" in page and not OUTSIDE.search(page)


@on_both_backends
def test_a_record_of_several_peers_starts_each_on_a_new_sheet(repo, team):
    held_session(repo, team)
    raw, count = export_bytes(repo, "html", today=FIXED_NOW.date(), now=FIXED_NOW)
    page = raw.decode()
    assert count == 1 and page.count("<hr />") == 1  # Jordan's record, then Robin's
    assert "signature" not in page.split("<body>")[1].split("</style>")[0]
    assert printable_page("t", "x").count('class="signature"') == 0


def test_the_command_line_writes_a_private_page(repo, team, tmp_path, data_dir):
    from supervise_tui.cli import main

    held_session(repo, team)
    repo.close()
    out = tmp_path / "jordan.html"
    code = main(
        [
            "export",
            "--data-dir",
            str(data_dir),
            "--format",
            "html",
            "--peer",
            "Jordan Ellery",
            "-o",
            str(out),
        ]
    )
    assert code == 0 and out.stat().st_mode & 0o777 == 0o600
    page = out.read_text()
    assert "Supervision record — Jordan Ellery" in page and page.count('class="signature"') == 2


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it")
        pytest.skip("chromium is not installed here (.ci/run installs it)")
    return found


# Chromium calls home on its own (time, updates, sign-in) whatever the page holds; any
# other request came from the page.
CHROMIUM_OWN = (
    b"clients2.google.com",
    b"update.googleapis.com",
    b"accounts.google.com",
    b"safebrowsing.googleapis.com",
    b"content-autofill.googleapis.com",
    b"optimizationguide-pa.googleapis.com",
    b"redirector.gvt1.com",
    b"edgedl.me.gvt1.com",
)


class Listener:
    """A proxy that answers nothing and keeps what each caller asked for."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.asked: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            conn.settimeout(2)
            try:
                self.asked.append(conn.recv(200).split(b"\r\n")[0])
            except OSError:
                self.asked.append(b"?")
            conn.close()


def print_to_pdf(html: str, tmp_path: Path) -> tuple[int, list[bytes]]:
    """(pages, outside requests) of ``html`` printed by headless Chromium."""
    page = tmp_path / "page.html"
    page.write_text(html)
    pdf = tmp_path / "page.pdf"
    proxy = Listener()
    subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            # Chromium's own calls home, which are not the page's
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-domain-reliability",
            "--disable-sync",
            "--disable-extensions",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--proxy-server=http://127.0.0.1:{proxy.port}",
            "--proxy-bypass-list=<-loopback>",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=90,
    )
    proxy.sock.close()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    page_asked = [a for a in proxy.asked if not any(h in a for h in CHROMIUM_OWN)]
    return pages, page_asked


def test_a_printed_session_is_one_sheet_and_asks_nothing_of_the_network(repo, team, tmp_path):
    done = held_session(repo, team)
    people = {p.id: p for p in repo.people()}
    pages, outside = print_to_pdf(session_page(done, people, None, FIXED_NOW), tmp_path)
    assert (pages, outside) == (2, [])


def test_two_peers_print_on_sheets_of_their_own(repo, team, tmp_path):
    raw, _ = export_bytes(repo, "html", today=FIXED_NOW.date(), now=FIXED_NOW)
    pages, outside = print_to_pdf(raw.decode(), tmp_path)
    assert (pages, outside) == (2, [])


def test_the_request_check_catches_a_page_that_asks_for_something(tmp_path):
    leaky = '<!doctype html><p>x</p><img src="http://example.org/x.png">'
    _pages, outside = print_to_pdf(leaky, tmp_path)
    assert any(b"example.org" in a for a in outside)


def test_supervise_print_writes_a_session_the_hours_or_a_record(
    repo, team, data_dir, tmp_path, capsys
):
    from supervise_tui.cli import main

    done = held_session(repo, team)
    repo.close()
    base = ["print", "--data-dir", str(data_dir)]
    out = tmp_path / "one.html"
    assert main([*base, "--session", done.id[:6], "-o", str(out)], clock=fixed_clock) == 0
    assert out.stat().st_mode & 0o777 == 0o600
    assert "Too many forms" in out.read_text() and not OUTSIDE.search(out.read_text())
    assert main([*base, "--hours", "--period", "this month"], clock=fixed_clock) == 0
    page = capsys.readouterr().out
    assert "Supervision hours — this month" in page and "<td>Jordan Ellery</td>" in page
    assert main([*base, "--history", "--peer", "Jordan Ellery"], clock=fixed_clock) == 0
    assert "Supervision record — Jordan Ellery" in capsys.readouterr().out
    assert main([*base, "--history"], clock=fixed_clock) == 2
    assert main([*base], clock=fixed_clock) == 2
    assert main([*base, "--session", "zzzz"], clock=fixed_clock) == 1
    assert main([*base, "--session", done.id, "-o", str(out)], clock=fixed_clock) == 1  # exists
