"""Ideas and what the people we serve are saying, driven as a supervisor and a peer would
at 80×24: raised in a session (with the warning for a name), reviewed in the next, listed
across peers from the Team view, and named as a strength once adopted."""

from __future__ import annotations

from datetime import date, datetime

from supervise_tui.domain.enums import IdeaKind, IdeaStatus
from supervise_tui.domain.items import Idea, IdeaUpdate
from supervise_tui.ui.screens.ideas import IdeasScreen
from supervise_tui.ui.screens.items import TimelineScreen
from supervise_tui.ui.screens.peer_view import PeerViewScreen
from supervise_tui.ui.screens.summary import SummaryScreen
from supervise_tui.ui.screens.team import TeamScreen
from supervise_tui.usecases.sessions import finish_session

from ..conftest import make_session
from .helpers import (
    SIZE,
    build_app,
    choose,
    fill,
    finish,
    highlight_peer,
    screen_text,
    settle,
    text_of,
    tick_and_start,
    type_text,
    wait_for,
)


async def start(pilot, peer: str = "Jordan Ellery"):
    await settle(pilot)
    await highlight_peer(pilot, peer)
    await pilot.press("n")
    await settle(pilot)
    await tick_and_start(pilot)
    await settle(pilot)
    return pilot.app.screen


def raise_idea(repo, team, when, text="Residents ask for a later evening group", **kw):
    s = make_session(team, when=when)
    s.ideas.append(Idea(text, IdeaKind.CLIENTS, raised_by=team["peer"].id, **kw))
    return finish_session(repo, s, clock=repo.clock).ideas[0].id


async def test_an_idea_is_raised_in_its_step_with_a_warning_beside_a_name(repo, team):
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("f8", "f8", "f8", "f8")  # strengths, role, concerns, ideas
        assert screen.current == "ideas"
        assert "Never write a client's name" in screen_text(app)
        await pilot.press("f2")
        await settle(pilot)
        iid = screen.draft.ideas[0].id
        await type_text(pilot, "Clients ask if Marisol could run the group")
        await settle(pilot)
        warning = screen.query_one(f"#e__ideas__{iid}__text")
        assert warning.display and warning.has_class("-warning")
        assert "“Marisol” may be a name. Never write a client's name." in text_of(warning)
        await fill(pilot, f"#f__ideas__{iid}__text", "Clients ask for a later group")
        await settle(pilot)
        assert not screen.query_one(f"#e__ideas__{iid}__text").display
        await choose(pilot, f"#f__ideas__{iid}__kind", "What the people we serve are saying")
        await finish(pilot)
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
    (idea,) = repo.open_tracks(team["peer"].id).ideas.values()
    assert idea.current.text == "Clients ask for a later group"
    assert idea.current.kind == IdeaKind.CLIENTS and idea.current.raised_by == team["peer"].id


async def test_an_idea_with_no_words_is_not_finished_and_says_why(repo, team):
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("f8", "f8", "f8", "f8", "f2")
        await settle(pilot)
        iid = screen.draft.ideas[0].id
        await choose(pilot, f"#f__ideas__{iid}__kind", "What the people we serve are saying")
        await finish(pilot)
        await settle(pilot)
        assert app.screen is screen  # still the walk-through, on the idea
        assert app.focused.id == f"f__ideas__{iid}__text"
        assert "Please write the idea in a few words, or remove it (F4)." in screen_text(app)
    assert repo.open_tracks(team["peer"].id).ideas == {}
    assert repo.sessions(team["peer"].id) == []


async def test_the_next_session_takes_it_to_the_team(repo, team):
    idea_id = raise_idea(repo, team, datetime(2026, 11, 10, 10))
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        assert screen.current == "review"
        card = screen.query_one(f"#card__review-idea__{idea_id}")
        assert "Residents ask for a later evening group" in text_of(card.query_one(".item-text"))
        await choose(pilot, f"#f__review__idea__{idea_id}__status", "Taken to the team")
        await finish(pilot)
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
    track = repo.open_tracks(team["peer"].id).ideas[idea_id]
    taken = track.current
    assert (taken.status, taken.taken_by, taken.taken_on) == (
        IdeaStatus.TAKEN,
        team["sup"].id,
        date(2026, 11, 22),
    )


async def test_a_later_session_tells_back_the_teams_reason(repo, team):
    idea_id = raise_idea(repo, team, datetime(2026, 11, 3, 10))
    taken = make_session(team, when=datetime(2026, 11, 10, 10))
    taken.idea_updates.append(IdeaUpdate(idea_id, IdeaStatus.TAKEN))
    finish_session(repo, taken, clock=repo.clock)
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        facts = text_of(screen.query_one(f"#card__review-idea__{idea_id}").query_one(".item-facts"))
        assert "taken by Dana Whitfield on Tue 10 Nov 2026" in facts
        status = screen.query_one(f"#f__review__idea__{idea_id}__status")
        offered = [str(label) for label, _ in status._options]
        assert "Noted" not in offered and "Adopted" in offered  # never back to noted
        await fill(pilot, f"#f__review__idea__{idea_id}__note", "Raised at the team meeting.")
        await choose(pilot, f"#f__review__idea__{idea_id}__status", "Adopted")
        await finish(pilot)  # refused: the reason is told back
        await settle(pilot)
        assert app.screen is screen
        assert "Please write the team's reason" in screen_text(app)
        await fill(pilot, f"#f__review__idea__{idea_id}__reason", "Yes, from next month.")
        await finish(pilot)
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        summary = app.screen.query_one("Markdown")._markdown
        assert "the team's reason: Yes, from next month." in summary
    current = repo.tracks(team["peer"].id).ideas[idea_id].current
    assert (current.status, current.reason) == (IdeaStatus.ADOPTED, "Yes, from next month.")
    assert current.taken_by == team["sup"].id  # who took it stays as it was
    (reviewed,) = [s for s in repo.sessions(team["peer"].id) if s.day == date(2026, 11, 22)]
    assert reviewed.idea_updates[0].note == "Raised at the team meeting."


async def test_the_team_view_lists_open_ideas_across_peers(repo, team):
    raise_idea(repo, team, datetime(2026, 11, 3, 10))
    other = make_session(team, when=datetime(2026, 11, 4, 10))
    other.peer_id = team["peer2"].id
    other.ideas.append(Idea("Peers could co-lead the house meeting", raised_by=team["peer2"].id))
    finish_session(repo, other, clock=repo.clock)
    decided = raise_idea(repo, team, datetime(2026, 11, 5, 10), text="A book shelf")
    later = make_session(team, when=datetime(2026, 11, 12, 10))
    later.idea_updates.append(IdeaUpdate(decided, IdeaStatus.NOT_ADOPTED, reason="No room."))
    finish_session(repo, later, clock=repo.clock)
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TeamScreen)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, IdeasScreen)
        shown = screen_text(app)
        assert "2 open ideas, the oldest from Tue 03 Nov 2026" in shown
        assert "Residents ask for a" in shown and "Peers could co-lead" in shown
        assert "A book shelf" not in shown
        await pilot.press("a")  # the decided ones too
        await settle(pilot)
        assert "A book shelf" in screen_text(app) and "Not adopted" in screen_text(app)
        await pilot.press("down", "down", "enter")  # the third, oldest first
        await settle(pilot)
        await wait_for(lambda: isinstance(app.screen, TimelineScreen))
        await settle(pilot)
        life = app.screen.query_one("Markdown")._markdown
        assert life.startswith("# Idea: A book shelf")
        assert "**The team's reason, told back:** No room." in life
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, IdeasScreen)
        # records that cannot be read now: said in a sentence, the list stays
        from supervise_tui.store.errors import StoreError

        def unreadable(*_args, **_kwargs):
            raise StoreError("The records cannot be read right now.")

        app.store.tracks_for = unreadable
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IdeasScreen)
        said = " ".join(str(n.message) for n in app._notifications)
        assert "The records cannot be read right now." in said


def decide(repo, team, status: IdeaStatus, reason: str) -> None:
    """An idea raised on 3 Nov, and the team's decision on 10 Nov."""
    idea_id = raise_idea(repo, team, datetime(2026, 11, 3, 10))
    later = make_session(team, when=datetime(2026, 11, 10, 10))
    later.idea_updates.append(IdeaUpdate(idea_id, status, reason=reason))
    finish_session(repo, later, clock=repo.clock)


async def test_an_adopted_idea_is_offered_as_a_strength(repo, team):
    decide(repo, team, IdeaStatus.ADAPTED, "On Thursdays.")
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("f8")  # the strengths step
        assert screen.current == "strengths"
        assert "Ideas the team adopted can be named as a strength" in screen_text(app)
        button = screen.query_one(".idea-strength")
        button.focus()
        await pilot.press("enter")
        await settle(pilot)
        (strength,) = screen.draft.strengths
        assert strength.example == "Residents ask for a later evening group"
        assert not screen.query(".idea-strength")
        assert "Ideas the team adopted" not in screen_text(app)  # none left to offer
        await finish(pilot)
        await settle(pilot)
    (held,) = [s for s in repo.sessions(team["peer"].id) if s.strengths]
    assert held.strengths[0].skill == "Bringing ideas the team adopts"


async def test_the_peer_sees_the_reason_in_their_own_view(repo, team):
    decide(repo, team, IdeaStatus.NOT_ADOPTED, "Not this year.")
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(PeerViewScreen(team["peer"]))
        await settle(pilot)
        shown = screen_text(app)
        assert "What the team decided of your ideas:" in shown
        assert "not adopted: Not this year." in shown


async def test_with_no_ideas_the_list_says_so(repo, team):
    finish_session(repo, make_session(team), clock=repo.clock)
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert "No open ideas yet; a shows the decided ones too." in screen_text(app)
        await pilot.press("a")
        await settle(pilot)
        assert "No ideas yet; a shows only the open ones." in screen_text(app)


def adopt(repo, team, texts: list[str]) -> list[str]:
    """Ideas raised on 2 Nov, adopted one a day from 3 Nov, in the order given."""
    first = make_session(team, when=datetime(2026, 11, 2, 10))
    first.ideas += [Idea(t, raised_by=team["peer"].id) for t in texts]
    ids = [i.id for i in finish_session(repo, first, clock=repo.clock).ideas]
    for day, idea_id in enumerate(ids, 3):
        later = make_session(team, when=datetime(2026, 11, day, 10))
        later.idea_updates.append(IdeaUpdate(idea_id, IdeaStatus.ADOPTED, reason="Yes."))
        finish_session(repo, later, clock=repo.clock)
    return ids


async def test_every_adopted_idea_is_offered_newest_first_until_named(repo, team):
    ids = adopt(repo, team, ["Shelf", "Quiet room", "Later group", "Bus passes"])
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("f8")  # the strengths step
        buttons = list(screen.query(".idea-strength"))
        assert [b.name for b in buttons] == ids[::-1]  # all four, newest decision first
        buttons[-1].focus()  # the oldest is reachable too
        await pilot.press("enter")
        await settle(pilot)
        assert [s.idea_id for s in screen.draft.strengths] == [ids[0]]
        await finish(pilot)
        await settle(pilot)
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("f8")
        assert [b.name for b in screen.query(".idea-strength")] == ids[:0:-1]


async def test_a_name_in_an_idea_named_as_a_strength_is_warned_of_beside_it(repo, team):
    adopt(repo, team, ["A later group, as Pim asked"])
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("f8")  # the strengths step
        screen.query_one(".idea-strength").focus()
        await pilot.press("enter")
        await settle(pilot)
        (strength,) = screen.draft.strengths
        warning = screen.query_one(f"#e__strengths__{strength.id}__example")
        assert warning.display
        assert "“Pim” may be a name. Never write a client's name." in text_of(warning)
        await fill(pilot, f"#f__strengths__{strength.id}__example", "A later group, on Thursdays")
        await settle(pilot)
        assert not screen.query_one(f"#e__strengths__{strength.id}__example").display
        assert not screen.query(".idea-strength")  # the edited example brings no button back


async def test_an_idea_adopted_in_review_is_offered_in_strengths_even_after_a_visit(repo, team):
    idea_id = raise_idea(repo, team, datetime(2026, 11, 3, 10))
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("f8", "f8")  # check-in, strengths: before the idea is adopted
        await settle(pilot)
        assert screen.current == "strengths" and not screen.query(".idea-strength")
        await pilot.press("f7", "f7")  # back to Review
        await settle(pilot)
        assert screen.current == "review"
        await choose(pilot, f"#f__review__idea__{idea_id}__status", "Adopted")
        await pilot.press("f8", "f8")
        await settle(pilot)
        assert screen.current == "strengths"
        assert [b.name for b in screen.query(".idea-strength")] == [idea_id]
