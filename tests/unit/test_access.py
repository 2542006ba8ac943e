"""Who may see whose records, and the rules on who supervises whom."""

from __future__ import annotations

import pytest

from supervise_tui.domain.access import may_see, peers_visible_to, readers_of
from supervise_tui.domain.enums import Role
from supervise_tui.domain.errors import ValidationError
from supervise_tui.domain.models import Person
from supervise_tui.domain.validation import validate_person
from supervise_tui.usecases.people import save_person
from tests.conftest import on_both_backends

LEAD = Person("Priya Castellanos", Role.SUPERVISOR, admin=True, id="lead")
DANA = Person("Dana Whitfield", Role.SUPERVISOR, id="dana")
MARCUS = Person("Marcus Oyelaran", Role.SUPERVISOR, id="marcus")
JORDAN = Person("Jordan Ellery", Role.PEER, supervisor_ids=["dana"], id="jordan")
ROBIN = Person("Robin Takahashi", Role.PEER, supervisor_ids=["marcus", "dana"], id="robin")
SAM = Person("Sam Okonkwo-Reyes", Role.PEER, id="sam")
PEOPLE = [LEAD, DANA, MARCUS, JORDAN, ROBIN, SAM]


def test_a_peer_sees_only_their_own_record():
    assert peers_visible_to(JORDAN, PEOPLE) == {"jordan"}
    assert may_see(JORDAN, JORDAN) and not may_see(JORDAN, ROBIN)


def test_a_supervisor_sees_the_peers_they_supervise_and_a_lead_sees_all():
    assert peers_visible_to(DANA, PEOPLE) == {"jordan", "robin"}
    assert peers_visible_to(MARCUS, PEOPLE) == {"robin"}
    assert peers_visible_to(LEAD, PEOPLE) == {"jordan", "robin", "sam"}
    assert not may_see(MARCUS, JORDAN) and may_see(LEAD, SAM)


def test_the_readers_of_a_peer_are_the_peer_their_supervisors_and_the_leads():
    assert readers_of(ROBIN, PEOPLE) == {"robin", "marcus", "dana", "lead"}
    assert readers_of(SAM, PEOPLE) == {"sam", "lead"}


@pytest.mark.parametrize(
    "person, field",
    [
        (Person("A B", Role.SUPERVISOR, supervisor_ids=["dana"]), "supervisor_ids"),
        (Person("A B", Role.PEER, admin=True), "admin"),
        (Person("A B", Role.PEER, supervisor_ids=["dana", "dana"]), "supervisor_ids"),
        (Person("A B", Role.PEER, supervisor_ids=["x"], id="x"), "supervisor_ids[0]"),
    ],
)
def test_supervision_rules(person, field):
    with pytest.raises(ValidationError) as err:
        validate_person(person)
    assert err.value.field == field


@on_both_backends
def test_a_peers_supervisor_must_be_a_supervisor_in_the_records(repo, team):
    with pytest.raises(ValidationError) as err:
        save_person(
            repo,
            Person("Avery Sorensen", Role.PEER, supervisor_ids=[team["peer2"].id]),
            clock=repo.clock,
        )
    assert err.value.field == "supervisor_ids[0]"
    saved = save_person(
        repo,
        Person("Avery Sorensen", Role.PEER, supervisor_ids=[team["sup"].id]),
        clock=repo.clock,
    )
    assert repo.person(saved.id).supervisor_ids == [team["sup"].id]
