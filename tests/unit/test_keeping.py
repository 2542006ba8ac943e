"""A save over a record someone else changed meanwhile is not overwritten: this version
is set aside as a conflict (as an import's is), shown beside the other one."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

import pytest

from supervise_tui.domain.rows import row_of
from supervise_tui.store.errors import ChangedElsewhere
from supervise_tui.usecases.imports import compare_conflict, settle_conflict
from supervise_tui.usecases.keeping import keep_session, person_set_aside
from supervise_tui.usecases.sessions import finish_session, session_change
from tests.conftest import fixed_clock, full_session, on_both_backends


@on_both_backends
def test_a_stale_session_save_is_set_aside_and_both_versions_are_shown(repo, team):
    held = finish_session(repo, full_session(team), clock=fixed_clock)
    filed = repo.filed_row(held.peer_id, held.id, held.when.year, anywhere=False)
    mine = dataclasses.replace(held, site="Elsewhere", updated_at=held.updated_at + timedelta(1))
    tracks = repo.tracks_for(held.peer_id, row_of(mine).item_ids())
    stale = session_change(
        repo, mine, tracks, filed=filed, replaces=datetime(2020, 1, 1), drop_draft=False
    )
    with pytest.raises(ChangedElsewhere) as caught:
        keep_session(repo, stale, clock=fixed_clock)
    assert f"supervise conflicts --show {held.id[:8]}" in str(caught.value)
    assert repo.session(held.peer_id, held.id).site == held.site  # not overwritten
    [conflict] = repo.conflicts()
    assert conflict.record_id == held.id and conflict.kind == "session"
    _, found = compare_conflict(repo, held.id[:8])  # as an import's conflicts are shown
    assert [d.path for d in found] == ["site", "updated_at"]
    settle_conflict(repo, conflict.id, "incoming")
    assert repo.session(held.peer_id, held.id).site == "Elsewhere"


@on_both_backends
def test_a_person_set_aside_says_so(repo, team):
    error = person_set_aside(repo, team["peer"], clock=fixed_clock)
    assert "kept aside" in str(error) and team["peer"].name in str(error)
    assert [c.kind for c in repo.conflicts()] == ["person"]
