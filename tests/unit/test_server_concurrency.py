"""Many writers on one server at once (issue 14): processes finishing sessions, signing
them and updating items for the same few peers. Nothing is lost, nothing violates a
constraint, and every save that could not go through was refused as changed elsewhere
(the person is told), never half made. See tests/harness/writers.py."""

from __future__ import annotations

import pytest

from supervise_tui.domain.enums import Role
from supervise_tui.domain.models import Person
from supervise_tui.store.postgres import open_server
from supervise_tui.usecases.people import save_person

from ..conftest import fixed_clock, records_whole
from ..harness.writers import run_writers

WRITERS = 20
SECONDS = 3.0  # each, once started (starting 20 processes takes longer on 2 cores)


@pytest.fixture
def contended(server_url):
    """Two supervisors and three peers: every writer works on the same few records."""
    with open_server(server_url, clock=fixed_clock) as store:
        sups = [
            save_person(store, Person(name, Role.SUPERVISOR), clock=fixed_clock)
            for name in ("Dana Whitfield", "Marcus Oyelaran")
        ]
        ids = [s.id for s in sups]
        for name in ("Jordan Ellery", "Robin Takahashi", "Sam Quill"):
            save_person(store, Person(name, Role.PEER, supervisor_ids=ids), clock=fixed_clock)
    return server_url


def test_many_writers_lose_nothing_and_every_conflict_is_reported(contended):
    said = run_writers(contended, WRITERS, SECONDS)
    assert [e for w in said for e in w["errors"]] == []  # no constraint broken, no crash
    finished = [i for w in said for i in w["finished"]]
    signed = [tuple(s) for w in said for s in w["signed"]]
    updated = [tuple(u) for w in said for u in w["updated"]]
    conflicts = sum(w["conflicts"] for w in said)
    assert finished and signed and updated and conflicts  # they did meet
    with open_server(contended, clock=fixed_clock) as store:
        owners = store.session_owners()
        assert set(finished) <= set(owners) and len(finished) == len(set(finished))
        held = {s.id: s for peer in store.peers_with_records() for s in store.sessions(peer)}
        for session_id, person_id in signed:  # every sign-off made is kept
            assert person_id in {o.person_id for o in held[session_id].signoffs}
        tracks = {}
        for peer in store.peers_with_records():
            tracks.update(store.tracks(peer).concerns)
        for track_id, update_id in updated:  # every item update is in its track
            assert update_id in {log.update.id for log in tracks[track_id].updates}
        assert records_whole(store)  # rows, tracks, counts and tallies agree with sessions
