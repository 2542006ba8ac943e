"""The server's tables, as versioned migrations, and the version check on opening.

Everything lives in the ``supervise`` schema of the agency's database. Each migration
is a list of SQL statements applied in one transaction with the new version number, so
a schema is always wholly at one version. The row-level security policies are in
:mod:`.policies`; they are part of migration 1.

Tables (records as JSONB, with typed columns for what is queried):

- ``people``: everyone (``record``), with name, role, lead and supervisors as columns;
- ``sessions``: each held session (``record``) and its light row (``row``), by peer,
  year, time, kind and status;
- ``tracks``: each item's track (open or settled, and the year it was raised);
- ``year_counts`` and ``peer_state`` (Home's tally, the peer's agenda, and the peer's
  revision, raised at every save so that a save made from an older reading is refused);
- ``drafts``, ``conflicts``, ``contacts`` (informal contacts, from version 2);
  ``groups`` (each attending peer's copy of a group session, from version 3); from
  version 4 a track's kind may be ``ideas`` too;
  ``logins`` (which database login is which person) and
  ``meta`` (the schema's version, whether it holds the demo).
"""

from __future__ import annotations

from .policies import POLICIES

SCHEMA = "supervise"
USERS_ROLE = "supervise_user"  # every person's login is a member (granted by add-login)

TABLES = [
    """CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL)""",
    """CREATE TABLE people (
        id text PRIMARY KEY,
        name text NOT NULL,
        site text NOT NULL,
        role text NOT NULL,
        active boolean NOT NULL,
        admin boolean NOT NULL,
        supervisor_ids text[] NOT NULL,
        updated_at text NOT NULL,
        record jsonb NOT NULL)""",
    """CREATE TABLE logins (
        login name PRIMARY KEY,
        person_id text NOT NULL REFERENCES people (id) ON DELETE CASCADE)""",
    """CREATE TABLE peer_state (
        peer_id text PRIMARY KEY,
        revision bigint NOT NULL DEFAULT 0,
        tally jsonb,
        input jsonb)""",
    """CREATE TABLE year_counts (
        peer_id text NOT NULL,
        year integer NOT NULL,
        record jsonb NOT NULL,
        PRIMARY KEY (peer_id, year))""",
    """CREATE TABLE sessions (
        id text PRIMARY KEY,
        peer_id text NOT NULL,
        year integer NOT NULL,
        held_at timestamp NOT NULL,
        day date NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        updated_at text NOT NULL,
        record jsonb NOT NULL,
        row jsonb NOT NULL)""",
    """CREATE INDEX sessions_by_peer ON sessions (peer_id, held_at, id)""",
    """CREATE TABLE tracks (
        peer_id text NOT NULL,
        id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('concerns', 'goals', 'actions')),
        settled boolean NOT NULL,
        raised_year integer NOT NULL,
        record jsonb NOT NULL,
        PRIMARY KEY (peer_id, id))""",
    """CREATE TABLE drafts (
        id text PRIMARY KEY,
        peer_id text NOT NULL,
        updated_at text NOT NULL,
        record jsonb NOT NULL)""",
    """CREATE TABLE conflicts (
        id text PRIMARY KEY,
        peer_id text,
        kind text NOT NULL,
        record_id text NOT NULL,
        found_at text NOT NULL,
        incoming jsonb NOT NULL)""",
]

CONTACTS = [  # informal contacts between sessions (records of their own)
    """CREATE TABLE contacts (
        id text PRIMARY KEY,
        peer_id text NOT NULL,
        held_at timestamp NOT NULL,
        updated_at text NOT NULL,
        record jsonb NOT NULL)""",
    "CREATE INDEX contacts_by_peer ON contacts (peer_id, held_at, id)",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON contacts TO {users}",
    "ALTER TABLE contacts ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY may_see ON contacts USING (may_see(peer_id)) WITH CHECK (may_see(peer_id))",
]

GROUPS = [  # group sessions: one row per attending peer's copy (records of their own)
    """CREATE TABLE groups (
        id text NOT NULL,
        peer_id text NOT NULL,
        held_at timestamp NOT NULL,
        updated_at text NOT NULL,
        record jsonb NOT NULL,
        PRIMARY KEY (peer_id, id))""",
    "CREATE INDEX groups_by_peer ON groups (peer_id, held_at, id)",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON groups TO {users}",
    "ALTER TABLE groups ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY may_see ON groups USING (may_see(peer_id)) WITH CHECK (may_see(peer_id))",
]

IDEAS = [  # version 4: ideas are tracked like concerns
    "ALTER TABLE tracks DROP CONSTRAINT IF EXISTS tracks_kind_check",
    "ALTER TABLE tracks ADD CONSTRAINT tracks_kind_check "
    "CHECK (kind IN ('concerns', 'ideas', 'goals', 'actions'))",
]

# version n is reached by applying MIGRATIONS[n - 1]
MIGRATIONS: list[list[str]] = [TABLES + POLICIES, CONTACTS, GROUPS, IDEAS]
SCHEMA_VERSION = len(MIGRATIONS)


def version_of(cur) -> int | None:
    """The schema's version in the database, or None when it has none yet."""
    cur.execute("SELECT to_regclass(%s) IS NOT NULL", (f"{SCHEMA}.meta",))
    if not cur.fetchone()[0]:
        return None
    cur.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'schema_version'")
    found = cur.fetchone()
    return int(found[0]) if found and found[0].isdigit() else 0


def create_users_role(cur) -> None:
    """The role every person's login belongs to (roles are the server's, not one
    database's: it may be there already)."""
    cur.execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{USERS_ROLE}') "
        f"THEN CREATE ROLE {USERS_ROLE} NOLOGIN; END IF; END $$"
    )


def apply(cur, start: int, written_by: str, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema from version ``start`` to ``target`` (this app's); returns how
    many steps."""
    if start == 0:
        cur.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
        create_users_role(cur)
    cur.execute(f"SET LOCAL search_path = {SCHEMA}")
    for statements in MIGRATIONS[start:target]:
        for statement in statements:
            cur.execute(statement.replace("{users}", USERS_ROLE).replace("{schema}", SCHEMA))
    cur.execute(
        "INSERT INTO meta (key, value) VALUES ('schema_version', %s), ('written_by', %s) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (str(target), written_by),
    )
    return target - start
