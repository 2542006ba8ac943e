"""Access kept by the database itself (issue 14): each person connects with their own
login, and PostgreSQL's row-level policies let a peer read and write only their own
records, a supervisor only their peers', a lead everyone's. Proved with raw SQL
(psycopg, no app code) as each login, and through the app as a peer."""

from __future__ import annotations

import psycopg
import pytest

from supervise_tui.domain.enums import Role
from supervise_tui.domain.models import PeerInput, Person
from supervise_tui.store.errors import NoAccess
from supervise_tui.store.postgres import open_server
from supervise_tui.usecases.agenda import save_agenda
from supervise_tui.usecases.people import save_person, visible_peers
from supervise_tui.usecases.sessions import sign_session

from ..conftest import fixed_clock

PEER_TABLES = ("sessions", "tracks", "year_counts", "peer_state", "drafts", "contacts", "groups")


def peers_seen(url: str, table: str) -> set[str]:
    with psycopg.connect(url) as conn:
        return {p for (p,) in conn.execute(f"SELECT peer_id FROM supervise.{table}").fetchall()}


@pytest.mark.parametrize("table", PEER_TABLES)
def test_each_login_sees_only_the_rows_the_rules_allow(agency, table):
    jordan, robin = agency["peer"][0].id, agency["peer2"][0].id
    assert peers_seen(agency["peer"][1], table) == {jordan}
    assert peers_seen(agency["peer2"][1], table) == {robin}
    assert peers_seen(agency["sup"][1], table) == {jordan}
    assert peers_seen(agency["sup2"][1], table) == {robin}
    assert peers_seen(agency["lead"][1], table) == {jordan, robin}


def test_a_peer_cannot_change_or_add_to_another_peer_s_records(agency, server_url):
    robin = agency["peer2"][0].id
    before = {t: _rows(server_url, t, robin) for t in PEER_TABLES}
    with psycopg.connect(agency["peer"][1], autocommit=True) as conn:
        for table in PEER_TABLES:
            changed = conn.execute(
                f"UPDATE supervise.{table} SET peer_id = peer_id WHERE peer_id = %s", (robin,)
            )
            assert changed.rowcount == 0
            assert (
                conn.execute(f"DELETE FROM supervise.{table} WHERE peer_id = %s", (robin,)).rowcount
                == 0
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO supervise.drafts (id, peer_id, updated_at, record) "
                "VALUES ('planted', %s, 'x', '{}')",
                (robin,),
            )
        # nor the people, nor who is whose login, nor the schema's version
        assert conn.execute("UPDATE supervise.people SET admin = true").rowcount == 0
        for statement in (
            "INSERT INTO supervise.logins (login, person_id) SELECT 'x', id FROM supervise.people",
            "UPDATE supervise.meta SET value = '0'",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    assert {t: _rows(server_url, t, robin) for t in PEER_TABLES} == before


def test_a_peer_changes_their_own_records_through_the_app(agency):
    me, url = agency["peer"]
    other = agency["peer2"][0]
    with open_server(url, clock=fixed_clock) as store:
        assert store.readable_peers() == {me.id}
        assert [p.id for p in visible_peers(store)] == [me.id]
        assert store.sessions(other.id) == [] and other.id not in store.tallies()
        agenda = PeerInput(note="Time for training")
        assert save_agenda(store, me.id, agenda, clock=fixed_clock).note == agenda.note
        assert store.peer_input(me.id).note == "Time for training"
        (held,) = store.sessions(me.id)
        signed = sign_session(store, held, me.id, "Fair", clock=fixed_clock)
        assert store.session(me.id, held.id) == signed
        with pytest.raises(NoAccess):
            save_person(store, Person("Someone New", Role.PEER), clock=fixed_clock)


def test_a_login_whose_person_left_sees_nothing(agency, server_url):
    import dataclasses

    with open_server(server_url, clock=fixed_clock) as store:
        left = store.person(agency["peer"][0].id)
        save_person(store, dataclasses.replace(left, active=False), clock=fixed_clock)
    assert peers_seen(agency["peer"][1], "sessions") == set()


def _rows(url: str, table: str, peer_id: str) -> list:
    with psycopg.connect(url) as conn:
        return conn.execute(
            f"SELECT * FROM supervise.{table} WHERE peer_id = %s ORDER BY 1", (peer_id,)
        ).fetchall()
