"""Where a peer's records live, and what the files derived from their sessions hold.

One folder per peer (see docs/storage.md)::

    peer.json             open items (concerns, goals, actions), yearly counts, the
                          peer's agenda for next time ("input": not derived)
    sessions-YYYY.json    the full records of the sessions held that year
    index-YYYY.json       one light row per session held that year (domain.facts)
    closed-YYYY.json      settled items raised that year

Everything but the full records and the peer's input is derived from the records,
so it can be checked and rebuilt. A save touches the year's two files, the open
items and (rarely) one closed file, whatever the size of the history.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..domain import rules
from ..domain.facts import facts_of, facts_to_data
from ..domain.models import ActionHead, ConcernHead, GoalHead, PeerSummary, Session
from ..domain.serial import to_data

HEAD_TABLES: dict[str, type] = {"concerns": ConcernHead, "goals": GoalHead, "actions": ActionHead}
DERIVED_PEER_TABLES = ("years", *HEAD_TABLES)

Docs = dict[str, dict[str, dict[str, dict]]]  # file -> table -> doc id -> doc


def peer_file(peer_id: str) -> str:
    return f"peers/{peer_id}/peer.json"


def shard_file(peer_id: str, year: int) -> str:
    return f"peers/{peer_id}/sessions-{year}.json"


def index_file(peer_id: str, year: int) -> str:
    return f"peers/{peer_id}/index-{year}.json"


def closed_file(peer_id: str, year: int) -> str:
    return f"peers/{peer_id}/closed-{year}.json"


def raised_on(head: ConcernHead | GoalHead | ActionHead) -> date:
    if isinstance(head, ConcernHead):
        return head.raised_on
    if isinstance(head, GoalHead):
        return head.set_on
    return head.agreed_on


def home_of(peer_id: str, head: ConcernHead | GoalHead | ActionHead) -> str:
    """Open items live with the peer; settled ones by the year they were raised."""
    if rules.is_settled(head):
        return closed_file(peer_id, raised_on(head).year)
    return peer_file(peer_id)


def derived_docs(peer_id: str, sessions: list[Session]) -> tuple[Docs, PeerSummary]:
    """Every derived document of a peer, from their full records, and their summary."""
    sessions = sorted(sessions, key=lambda s: (s.when, s.id))
    heads = rules.fold_sessions(sessions)
    docs: Docs = defaultdict(lambda: defaultdict(dict))
    facts = [facts_of(s) for s in sessions]
    for f in facts:
        docs[index_file(peer_id, f.when.year)]["sessions"][f.id] = facts_to_data(f)
    counts = rules.year_counts(facts)
    for year, count in counts.items():
        docs[peer_file(peer_id)]["years"][str(year)] = to_data(count)
    for name in HEAD_TABLES:
        for item_id, head in getattr(heads, name).items():
            docs[home_of(peer_id, head)][name][item_id] = to_data(head)
    docs.setdefault(peer_file(peer_id), defaultdict(dict))
    summary = rules.summary_from_counts(peer_id, counts, heads)
    return {f: dict(tables) for f, tables in docs.items()}, summary


def is_derived_file(name: str) -> bool:
    return name.startswith(("index-", "closed-"))
