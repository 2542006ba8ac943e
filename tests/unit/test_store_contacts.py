"""Informal contacts in the store, on both backends: kept by when they happened, read
between two days, replaced only from the version stored (what they count for, carry and
how they travel: test_contacts.py, also on both)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest

from supervise_tui.domain.enums import ContactKind
from supervise_tui.store.errors import ChangedElsewhere
from supervise_tui.usecases.contacts import note_contact

from ..conftest import FIXED_NOW, on_both_backends


def note(repo, team, when: datetime, **kwargs):
    return note_contact(
        repo,
        peer_id=team["peer"].id,
        by=team["sup"].id,
        kind=kwargs.pop("kind", ContactKind.CALL),
        when=when,
        minutes=kwargs.pop("minutes", 10),
        clock=repo.clock,
        **kwargs,
    )


@on_both_backends
class TestContacts:
    def test_contacts_are_read_oldest_first_between_two_days(self, repo, team):
        late = note(repo, team, datetime(2026, 11, 20, 9, 0), about="Checked in")
        early = note(repo, team, datetime(2025, 12, 30, 17, 0), kind=ContactKind.TEXT)
        peer = team["peer"].id
        assert repo.contacts(peer) == [early, late]
        assert repo.contacts(peer, start=date(2026, 1, 1)) == [late]
        assert repo.contacts(peer, end=date(2025, 12, 31)) == [early]
        assert repo.contacts(team["peer2"].id) == []

    def test_a_contact_is_replaced_only_from_the_version_stored(self, repo, team):
        kept = note(repo, team, datetime(2026, 11, 20, 9, 0))
        moved = dataclasses.replace(
            kept, when=datetime(2025, 6, 1, 9, 0), updated_at=FIXED_NOW + timedelta(minutes=1)
        )
        repo.put_contact(moved, replaces=kept.updated_at)
        assert repo.contacts(team["peer"].id) == [moved]  # (in another year now)
        with pytest.raises(ChangedElsewhere):
            repo.put_contact(kept, replaces=kept.updated_at)  # made from the older version
        with pytest.raises(ChangedElsewhere):
            repo.put_contact(dataclasses.replace(kept, id=kept.id), replaces=None)
