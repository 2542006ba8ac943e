"""`supervise sync` (issue 14): a site's folder and the agency's server brought together
both ways by the merge rules of a bundle import; a conflict set aside on each side;
running it again changes nothing; stopped part way — or killed at random moments — both
sides stay whole and the next sync completes it."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import datetime

import psycopg
import pytest

from supervise_tui.cli import main
from supervise_tui.store.folder import open_folder
from supervise_tui.store.postgres import open_server
from supervise_tui.usecases import sync as syncing
from supervise_tui.usecases.export import export_bytes
from supervise_tui.usecases.people import save_person
from supervise_tui.usecases.sessions import finish_session, sign_session

from ..conftest import FIXED_NOW, fixed_clock, folder_state, make_session, records_whole


def run_sync(capsys, folder, url):
    code = main(["sync", "--data-dir", str(folder), "--db", url], clock=fixed_clock)
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out + out.err


def records(store) -> dict:
    """Everything a store holds, as a bundle (less when it was made)."""
    data = json.loads(export_bytes(store, "json", today=FIXED_NOW.date(), now=FIXED_NOW)[0])
    data.pop("created_at")
    return data


def server_state(url: str) -> list:
    with psycopg.connect(url) as conn:
        return [
            conn.execute(f"SELECT * FROM supervise.{t} ORDER BY 1").fetchall()
            for t in ("people", "sessions", "tracks", "peer_state", "conflicts")
        ]


@contextmanager
def both(folder, url):
    """The site's folder and the server, open side by side."""
    with (
        open_folder(folder, clock=fixed_clock) as here,
        open_server(url, clock=fixed_clock) as there,
    ):
        yield here, there


@pytest.fixture
def site(repo, team, server_url, capsys):
    """A site's folder with a session, synced once to an empty server."""
    first = finish_session(repo, make_session(team), clock=repo.clock)
    repo.close()
    run_sync(capsys, repo.root, server_url)
    return repo.root, server_url, team, first


def later(hours: int):
    return lambda: datetime(2026, 11, 22, 15 + hours, 0).astimezone()


def test_a_first_sync_brings_the_folder_to_the_server(site):
    folder, url, team, first = site
    with both(folder, url) as (here, there):
        assert records(there) == records(here)
        assert there.session(team["peer"].id, first.id) == first
        assert records_whole(there)


def test_changes_on_both_sides_meet_and_a_second_sync_changes_nothing(site, capsys):
    folder, url, team, first = site
    with open_server(url, clock=later(1)) as there:  # at the agency: Jordan signs
        sign_session(there, first, team["peer"].id, "Fair", clock=there.clock)
        other = make_session(team, when=datetime(2026, 11, 18, 10))
        other.peer_id, other.supervisor_ids = team["peer2"].id, [team["sup2"].id]
        finish_session(there, other, clock=there.clock)
    with open_folder(folder, clock=later(2)) as here:  # at the site: another session
        finish_session(here, make_session(team, when=datetime(2026, 11, 20, 10)), clock=later(2))
    run_sync(capsys, folder, url)
    with both(folder, url) as (here, there):
        assert records(here) == records(there)
        assert len(here.sessions(team["peer"].id)) == 2 and here.sessions(team["peer2"].id)
        assert here.session(team["peer"].id, first.id).signoffs[0].comment == "Fair"
        assert records_whole(here) and records_whole(there)
    before = (folder_state(folder, backups=False), server_state(url))
    said = run_sync(capsys, folder, url)
    assert "nothing was changed" in said
    assert (folder_state(folder, backups=False), server_state(url)) == before


def test_a_record_changed_on_both_sides_is_a_conflict_on_each_never_overwritten(site, capsys):
    folder, url, team, _ = site
    with open_server(url, clock=later(1)) as there:
        person = there.person(team["peer"].id)
        save_person(there, dataclasses.replace(person, site="Harbor House"), clock=there.clock)
    with open_folder(folder, clock=later(2)) as here:
        person = here.person(team["peer"].id)
        save_person(here, dataclasses.replace(person, site="Linden Street"), clock=here.clock)
    said = run_sync(capsys, folder, url)
    assert "1 in conflict" in said
    with both(folder, url) as (here, there):
        assert here.person(team["peer"].id).site == "Linden Street"
        assert there.person(team["peer"].id).site == "Harbor House"
        assert [c.incoming["site"] for c in here.conflicts()] == ["Harbor House"]
        assert [c.incoming["site"] for c in there.conflicts()] == ["Linden Street"]
    before = (folder_state(folder, backups=False), server_state(url))
    run_sync(capsys, folder, url)  # the same conflict is not set aside again
    assert (folder_state(folder, backups=False), server_state(url)) == before


def test_a_sync_stopped_between_its_halves_is_completed_by_the_next(site, capsys, monkeypatch):
    folder, url, team, _ = site
    with open_server(url, clock=later(1)) as there:
        finish_session(there, make_session(team, when=datetime(2026, 11, 19, 10)), clock=later(1))
    with open_folder(folder, clock=later(2)) as here:
        finish_session(here, make_session(team, when=datetime(2026, 11, 20, 10)), clock=later(2))
    merge_into, calls = syncing.merge_into, []

    def stopped_after_the_push(store, raw, clock):
        if calls:
            raise KeyboardInterrupt  # as if the person pressed Ctrl-C
        calls.append(store)
        return merge_into(store, raw, clock)

    monkeypatch.setattr(syncing, "merge_into", stopped_after_the_push)
    assert main(["sync", "--data-dir", str(folder), "--db", url], clock=fixed_clock) == 130
    monkeypatch.setattr(syncing, "merge_into", merge_into)
    with both(folder, url) as (here, there):
        assert len(there.sessions(team["peer"].id)) == 3  # pushed
        assert len(here.sessions(team["peer"].id)) == 2  # not pulled yet, and whole
        assert records_whole(here) and records_whole(there)
    run_sync(capsys, folder, url)
    with both(folder, url) as (here, there):
        assert records(here) == records(there)


def test_syncs_killed_at_random_moments_leave_both_whole_and_the_next_completes(site):
    folder, url, team, _ = site
    rng = random.Random(14)
    env = dict(os.environ, SUPERVISE_DB=url)
    for n in range(4):
        when = datetime(2026, 11, 3 + n, 10)
        with open_folder(folder, clock=later(n)) as here:
            finish_session(here, make_session(team, when=when), clock=later(n))
        with open_server(url, clock=later(n)) as there:
            s = make_session(team, when=when.replace(hour=15))
            s.peer_id, s.supervisor_ids = team["peer2"].id, [team["sup2"].id]
            finish_session(there, s, clock=later(n))
        child = subprocess.Popen(
            [sys.executable, "-m", "supervise_tui", "sync", "--data-dir", str(folder)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 1.5))
        child.send_signal(signal.SIGKILL)
        child.wait()
        with open_server(url, clock=fixed_clock) as there:
            assert records_whole(there)
    done = subprocess.run(
        [sys.executable, "-m", "supervise_tui", "sync", "--data-dir", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    with both(folder, url) as (here, there):
        assert records(here) == records(there)
        assert (
            len(here.sessions(team["peer"].id)) == 5 and len(here.sessions(team["peer2"].id)) == 4
        )
        assert records_whole(here) and records_whole(there)
