"""The command line on an agency's server (issue 14): `supervise db init | migrate |
add-login`, every reading and transfer command with --db (or $SUPERVISE_DB), and bad
input — a wrong address, a server that is down, the extra missing, a login without
rights, a schema from a newer app — said in one sentence, exit 1, nothing written."""

from __future__ import annotations

import json
import sys

import psycopg
import pytest

from supervise_tui.cli import main
from supervise_tui.store.check import check
from supervise_tui.store.postgres import open_server, schema
from supervise_tui.usecases.demo import build_demo

from ..conftest import FIXED_NOW, fixed_clock


def run(capsys, *argv):
    code = main(list(argv), clock=fixed_clock)
    out = capsys.readouterr()
    return code, out.out, out.err


def state(url: str) -> list:
    """Everything in a database's supervise schema, to prove nothing changed."""
    with psycopg.connect(url) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'supervise' ORDER BY 1"
        ).fetchall()
        return [
            (t, conn.execute(f"SELECT * FROM supervise.{t} ORDER BY 1").fetchall())
            for (t,) in tables
        ]


@pytest.fixture
def demo_url(server_url):
    with open_server(server_url, clock=fixed_clock) as store:
        build_demo(store, peers=3, weeks=6, today=FIXED_NOW.date())
    return server_url


def test_init_sets_up_an_empty_database_once_and_migrate_finds_it_current(pg_server, capsys):
    url = pg_server.new_database()
    code, out, err = run(capsys, "db", "init", "--db", url)
    assert code == 0 and f"schema {schema.SCHEMA_VERSION}" in out, err
    before = state(url)
    code, _, err = run(capsys, "db", "init", "--db", url)
    assert code == 1 and "set up already" in err and err.count("\n") == 1
    code, out, _ = run(capsys, "db", "migrate", "--db", url)
    assert code == 0 and "up to date" in out
    assert state(url) == before


def test_migrate_brings_an_older_schema_up_to_this_app_s_in_one_go(pg_server, capsys):
    url = pg_server.new_database()
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        schema.apply(cur, 0, "an older app", target=1)  # as the first release left it
    code, _, err = run(capsys, "team", "--db", url)
    assert code == 1 and "supervise db migrate" in err
    code, out, err = run(capsys, "db", "migrate", "--db", url)
    assert code == 0 and f"schema {schema.SCHEMA_VERSION}" in out, err
    code, out, _ = run(capsys, "db", "migrate", "--db", url)
    assert code == 0 and "up to date" in out
    assert run(capsys, "team", "--db", url)[0] == 0


def test_every_command_reads_and_moves_the_server_s_records(
    demo_url, capsys, tmp_path, monkeypatch
):
    with open_server(demo_url, clock=fixed_clock) as store:
        peer = next(p for p in store.people() if p.role.value == "peer")
        held = len(store.sessions(peer.id))
    for argv in (
        ["history", "--peer", peer.name, "--json"],
        ["trends", "--peer", peer.name],
        ["team"],
        ["hours", "--period", "all"],
        ["calendar"],
    ):
        code, out, err = run(capsys, *argv, "--db", demo_url)
        assert code == 0 and out.strip(), (argv, err)
    code, out, _ = run(capsys, "history", "--peer", peer.name, "--json", "--db", demo_url)
    assert len(json.loads(out)["sessions"]) == held
    # a bundle from the server, into a folder, and back into another server
    bundle = tmp_path / "all.json"
    monkeypatch.setenv("SUPERVISE_DB", demo_url)  # the environment names the server
    assert run(capsys, "export", "--format", "json", "-o", str(bundle))[0] == 0
    monkeypatch.delenv("SUPERVISE_DB")
    folder = tmp_path / "site"
    assert run(capsys, "import", str(bundle), "--data-dir", str(folder))[0] == 0
    assert check(folder).ok
    code, out, _ = run(capsys, "history", "--peer", peer.name, "--json", "--data-dir", str(folder))
    assert len(json.loads(out)["sessions"]) == held


def test_add_login_gives_a_person_their_own_login_and_never_prints_the_password(
    demo_url, capsys, monkeypatch
):
    with open_server(demo_url, clock=fixed_clock) as store:
        peer = next(p for p in store.people() if p.role.value == "peer")
    monkeypatch.setenv("SUPERVISE_LOGIN_PASSWORD", "Zq-secret-words-9")
    code, out, err = run(capsys, "db", "add-login", peer.name, "--db", demo_url)
    assert code == 0, err
    assert "Zq-secret" not in out + err
    login = out.split()[0]
    with psycopg.connect(demo_url) as conn:
        (mapped,) = conn.execute(
            "SELECT person_id FROM supervise.logins WHERE login = %s", (login,)
        ).fetchone()
    assert mapped == peer.id
    code, _, err = run(capsys, "db", "add-login", "Nobody Here", "--db", demo_url)
    assert code == 1 and "Nobody called Nobody Here" in err


def _newer_schema(url: str) -> str:
    with psycopg.connect(url) as conn:
        conn.execute("UPDATE supervise.meta SET value = '99' WHERE key = 'schema_version'")
    return url


def _login_without_rights(url: str) -> str:
    with psycopg.connect(url) as conn:
        conn.execute("DROP ROLE IF EXISTS stranger")
        conn.execute("CREATE ROLE stranger LOGIN")
        conn.execute("GRANT supervise_user TO stranger")
    return url.replace("app@", "stranger@")


@pytest.mark.parametrize(
    "case, expected",
    [
        ("wrong scheme", "must begin with postgresql://"),
        ("unreadable address", "could not be read"),
        ("server down", "Could not connect"),
        ("no such database", "no such database"),
        ("newer schema", "newer version of supervise-tui"),
        ("login without rights", "not given to anyone"),
        ("not set up", "run `supervise db init`"),
    ],
)
def test_bad_server_input_is_one_sentence_exit_1_and_changes_nothing(
    demo_url, pg_server, tmp_path, capsys, case, expected
):
    url = {
        "wrong scheme": lambda: "mysql://app@localhost/agency",
        "unreadable address": lambda: "postgresql://a b c",
        "server down": lambda: f"postgresql://app@/agency?host={tmp_path}",
        "no such database": lambda: pg_server.url("nowhere"),
        "newer schema": lambda: _newer_schema(demo_url),
        "login without rights": lambda: _login_without_rights(demo_url),
        "not set up": lambda: pg_server.new_database(),
    }[case]()
    before = state(demo_url)
    commands = [["team"], ["demo", "--no-tui"]]
    if case != "login without rights":  # (which may look at the schema's version)
        commands.append(["db", "migrate"])
    for argv in commands:
        code, out, err = run(capsys, *argv, "--db", url)
        assert code == 1, (argv, err)
        assert expected in err and err.count("\n") == 1 and "Traceback" not in err
        assert out == "" or argv[0] == "db"
    assert state(demo_url) == before


def test_without_the_agency_extra_a_sentence_says_how_to_install_it(
    server_url, capsys, monkeypatch
):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    code, _, err = run(capsys, "team", "--db", server_url)
    assert code == 1 and 'pip install "supervise-tui[agency]"' in err


def test_folder_commands_on_a_server_say_why_not(server_url, capsys):
    for command in ("check", "backups", "encrypt"):
        code, _, err = run(capsys, command, "--db", server_url)
        assert code == 1 and err.count("\n") == 1
    code, _, err = run(capsys, "team", "--db", server_url, "--data-dir", "/tmp/x")
    assert code == 2 and "not both" in err


def test_a_dropped_connection_is_one_sentence_and_the_next_call_connects_again(demo_url):
    from supervise_tui.store.errors import SaveFailed

    with open_server(demo_url, clock=fixed_clock) as store:
        people = store.people()
        pid = store._conn.info.backend_pid
        with psycopg.connect(demo_url) as conn:  # as if the server restarted
            conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(SaveFailed) as caught:
            store.people()
        assert "connection" in str(caught.value) and "app@" not in str(caught.value)
        assert store.people() == people
