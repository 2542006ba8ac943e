"""An adopted idea named as a strength: offered until a held session names it (by its
link, or by its words for a strength kept before the link), newest decision first,
today's own adoptions included, and never twice in one session."""

from __future__ import annotations

from datetime import datetime

from supervise_tui.domain.enums import IdeaStatus
from supervise_tui.domain.items import Idea, IdeaUpdate
from supervise_tui.domain.models import Strength
from supervise_tui.domain.serial import from_data, to_data
from supervise_tui.services.ideas import (
    name_as_strength,
    offered_as_strength,
    strength_of_idea,
    to_name_as_strength,
)
from supervise_tui.services.questions import Walk, questions
from supervise_tui.usecases.ideas import ideas_named
from supervise_tui.usecases.sessions import finish_session

from ..conftest import fixed_clock, make_session

RAISED = datetime(2026, 11, 3, 10)


def _adopt(repo, team, texts: list[str], days: list[int]) -> list[str]:
    """Ideas raised on 3 Nov, each adopted on its own later day of November."""
    first = make_session(team, when=RAISED)
    first.ideas += [Idea(t, raised_by=team["peer"].id) for t in texts]
    ids = [i.id for i in finish_session(repo, first, clock=fixed_clock).ideas]
    for idea_id, day in zip(ids, days, strict=True):
        later = make_session(team, when=datetime(2026, 11, day, 10))
        later.idea_updates.append(IdeaUpdate(idea_id, IdeaStatus.ADOPTED, reason="Yes."))
        finish_session(repo, later, clock=fixed_clock)
    return ids


def _offered(repo, team, when=datetime(2026, 11, 24, 10)):
    draft = make_session(team, when=when)
    tracks = repo.tracks(team["peer"].id)
    named = ideas_named(repo, draft, tracks)
    return draft, tracks, named, [t.id for t in to_name_as_strength(tracks, draft, named)]


def test_an_idea_named_in_a_held_session_is_not_offered_again(repo, team):
    (idea_id,) = _adopt(repo, team, ["A shared shelf"], [10])
    draft, tracks, _, offered = _offered(repo, team, datetime(2026, 11, 17, 10))
    assert offered == [idea_id]
    name_as_strength(draft, tracks, idea_id, "yes")
    draft.strengths[0].example = "Brought the shelf idea, now in the lounge"  # edited
    finish_session(repo, draft, clock=fixed_clock)
    assert _offered(repo, team)[3] == []


def test_a_strength_kept_before_the_link_counts_by_the_ideas_words(repo, team):
    (idea_id,) = _adopt(repo, team, ["A shared shelf"], [10])
    old = make_session(team, when=datetime(2026, 11, 17, 10))
    old.strengths.append(Strength("Bringing ideas the team adopts", "A shared  shelf"))
    finish_session(repo, old, clock=fixed_clock)
    assert _offered(repo, team)[2] == {idea_id}


def test_every_adopted_idea_is_offered_newest_decision_first(repo, team):
    ids = _adopt(repo, team, ["One", "Two", "Three", "Four"], [5, 12, 6, 19])
    assert _offered(repo, team)[3] == [ids[3], ids[1], ids[2], ids[0]]


def test_an_idea_adopted_in_this_sessions_review_is_offered_in_its_strengths(repo, team):
    first = make_session(team, when=RAISED)
    first.ideas.append(Idea("Later evening group", raised_by=team["peer"].id))
    (idea_id,) = [i.id for i in finish_session(repo, first, clock=fixed_clock).ideas]
    draft, tracks, named, offered = _offered(repo, team)
    assert offered == []
    draft.idea_updates.append(IdeaUpdate(idea_id, IdeaStatus.ADAPTED, reason="Thursdays."))
    assert [t.id for t in to_name_as_strength(tracks, draft, named)] == [idea_id]
    name_as_strength(draft, tracks, idea_id, "yes")
    assert [(s.example, s.idea_id) for s in draft.strengths] == [("Later evening group", idea_id)]


def test_after_the_example_is_edited_the_idea_is_not_offered_nor_added_twice(repo, team):
    (idea_id,) = _adopt(repo, team, ["A shared shelf"], [10])
    draft, tracks, named, _ = _offered(repo, team)
    name_as_strength(draft, tracks, idea_id, "yes")
    draft.strengths[0].example = "Suggested the shelf; residents use it daily"
    assert to_name_as_strength(tracks, draft, named) == []
    name_as_strength(draft, tracks, idea_id, "yes")
    assert len(draft.strengths) == 1


def test_plain_mode_asks_only_for_ideas_not_named_yet(repo, team):
    first, second = _adopt(repo, team, ["A shared shelf", "A quiet room"], [10, 12])
    named_in = make_session(team, when=datetime(2026, 11, 17, 10))
    tracks = repo.tracks(team["peer"].id)
    name_as_strength(named_in, tracks, first, "yes")
    finish_session(repo, named_in, clock=fixed_clock)
    draft, tracks, named, _ = _offered(repo, team)
    people = {p.id: p for p in repo.people()}
    asked = questions("strengths", Walk(draft, tracks, people, draft.day, named))
    assert [q.path for q in asked if q.path.startswith("idea_strength.")] == [
        f"idea_strength.{second}"
    ]


def test_a_strength_from_before_the_link_still_loads(team):
    data = to_data(Strength("Listening", "Stayed with it"))
    del data["idea_id"]
    assert from_data(Strength, data).idea_id == ""


def test_a_strength_made_of_an_idea_keeps_the_link(repo, team):
    (idea_id,) = _adopt(repo, team, ["A shared shelf"], [10])
    track = repo.tracks(team["peer"].id).ideas[idea_id]
    assert strength_of_idea(track).idea_id == idea_id
    assert offered_as_strength(repo.tracks(team["peer"].id), make_session(team), {idea_id}) == []
