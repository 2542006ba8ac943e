"""Row-level security: the database itself keeps each person to the records they may see.

The rules are the domain's (:mod:`...domain.access`): a peer sees and writes only their
own records, a supervisor those of the peers who name them among their supervisors, a
lead (a supervisor marked ``admin``) everyone's. Each person connects with their own
login (``supervise db add-login``), which ``logins`` ties to their record. Only leads
change the people; nobody but the schema's owner (who set it up, and who is not bound
by these policies) changes the logins or the schema's version.

``{users}`` is the role every person's login belongs to; ``{schema}`` the schema.
"""

from __future__ import annotations

PEER_TABLES = ("peer_state", "year_counts", "sessions", "tracks", "drafts", "conflicts")

_ME = """FROM logins l JOIN people me ON me.id = l.person_id
         WHERE l.login = session_user AND me.active"""

FUNCTIONS = [
    f"""CREATE FUNCTION is_lead() RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {{schema}}, pg_temp AS $$
        SELECT EXISTS (SELECT 1 {_ME} AND me.role = 'supervisor' AND me.admin) $$""",
    f"""CREATE FUNCTION may_see(peer text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {{schema}}, pg_temp AS $$
        SELECT EXISTS (
            SELECT 1 {_ME} AND (
                me.id = peer
                OR (me.role = 'supervisor' AND (me.admin OR EXISTS (
                    SELECT 1 FROM people p
                    WHERE p.id = peer AND p.role = 'peer' AND me.id = ANY (p.supervisor_ids))))))
        $$""",
    "REVOKE ALL ON FUNCTION is_lead(), may_see(text) FROM PUBLIC",
    "GRANT EXECUTE ON FUNCTION is_lead(), may_see(text) TO {users}",
]

GRANTS = [
    "GRANT USAGE ON SCHEMA {schema} TO {users}",
    "GRANT SELECT ON meta, logins TO {users}",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON people TO {users}",
    *(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {t} TO {{users}}" for t in PEER_TABLES),
]

_ENABLE = [
    f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY" for t in ("meta", "people", "logins", *PEER_TABLES)
]

RULES = [
    "CREATE POLICY anyone_reads ON meta FOR SELECT USING (true)",
    "CREATE POLICY anyone_reads ON people FOR SELECT USING (true)",
    "CREATE POLICY leads_add ON people FOR INSERT WITH CHECK (is_lead())",
    "CREATE POLICY leads_change ON people FOR UPDATE USING (is_lead()) WITH CHECK (is_lead())",
    "CREATE POLICY leads_remove ON people FOR DELETE USING (is_lead())",
    "CREATE POLICY own_login ON logins FOR SELECT USING (login = session_user OR is_lead())",
    *(
        f"CREATE POLICY may_see ON {t} USING (may_see(peer_id)) WITH CHECK (may_see(peer_id))"
        for t in PEER_TABLES
        if t != "conflicts"
    ),
    # a conflict over a person (no peer) is for the leads, who change the people
    """CREATE POLICY may_see ON conflicts
        USING (CASE WHEN peer_id IS NULL THEN is_lead() ELSE may_see(peer_id) END)
        WITH CHECK (CASE WHEN peer_id IS NULL THEN is_lead() ELSE may_see(peer_id) END)""",
]

POLICIES = FUNCTIONS + GRANTS + _ENABLE + RULES
