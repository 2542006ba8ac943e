"""SVG snapshots of key screens at 80×24 and 120×40 (fixed clock, no blink, no animation).

Update them deliberately with `pytest tests/ui/test_snapshots.py --snapshot-update` and
look at the report before committing.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from supervise_tui.domain.enums import (
    ConcernCategory,
    Decision,
    Fit,
    GoalArea,
    KeyFunction,
    NoticedBy,
    RatingKey,
    Role,
    Section,
)
from supervise_tui.domain.models import (
    Action,
    Concern,
    Goal,
    Person,
    Rating,
    RoleItem,
    Strength,
    Voices,
)
from supervise_tui.usecases.people import save_person
from supervise_tui.usecases.sessions import finish_session, sign_session

from ..conftest import FIXED_NOW, fixed_clock, make_session
from .helpers import build_app, highlight_peer, settle

SIZES = [(80, 24), (120, 40)]


def fixed_ids(obj, prefix: str) -> None:
    obj.id = f"{prefix}-0000-4000-8000-000000000000"


@pytest.fixture
def stable(repo):
    """A small fictional team with fixed ids, so snapshots never change by chance."""
    people = {}
    for key, name, role, site, weekday in [
        ("sup", "Dana Whitfield", Role.SUPERVISOR, "Maple Court", None),
        ("peer", "Jordan Ellery", Role.PEER, "Maple Court", 1),
        ("peer2", "Robin Takahashi", Role.PEER, "Harbor House", 3),
        ("peer3", "Sam Okonkwo-Reyes", Role.PEER, "Linden Street", None),
    ]:
        person = Person(
            name,
            role,
            site,
            weekday=weekday,
            id=f"0000000{len(people)}-0000-4000-8000-000000000000",
        )
        people[key] = save_person(repo, person, clock=repo.clock)
    session = make_session(people, when=datetime(2026, 11, 10, 10, 0))
    fixed_ids(session, "5e551000")
    session.checkin.arriving = "Tired but glad to be here."
    session.checkin.ratings[RatingKey.ROLE_CLARITY] = Rating(3, "clearer than last month")
    session.checkin.ratings[RatingKey.WORKLOAD] = Rating(2, "")
    session.strengths.append(
        Strength(
            "Listening without fixing", "Stayed with a resident after bad news", NoticedBy.CLIENT
        )
    )
    session.role_items.append(
        RoleItem(
            "Filling in medication logs",
            KeyFunction.NONE,
            Fit.DRIFTING,
            "The nurse was off sick",
            Decision.HAND_OFF,
        )
    )
    concern = Concern(
        "Not invited to the team's care meetings",
        ConcernCategory.TEAM_CULTURE,
        raised_by=people["peer"].id,
        owner=people["sup"].id,
        follow_up=date(2026, 11, 17),
    )
    fixed_ids(concern, "c0000001")
    session.concerns.append(concern)
    goal = Goal(
        "Lead a community-of-practice call",
        GoalArea.COP_LEAD,
        target_date=date(2027, 2, 1),
        progress=20,
        next_step="Draft an outline",
    )
    fixed_ids(goal, "90000001")
    session.goals.append(goal)
    action = Action(
        "Ask the agency to add Jordan to the care meeting", people["sup"].id, due=date(2026, 11, 17)
    )
    fixed_ids(action, "a0000001")
    session.actions.append(action)
    session.voices[Section.WRAP_UP] = Voices("Thanks, that helped.", "Good session.")
    session.next_session = date(2026, 11, 17)
    done = finish_session(repo, session, clock=repo.clock)
    sign_session(repo, done, people["peer"].id, "Fair record", clock=repo.clock)
    return people


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, repo, stable, size):
    assert snap_compare(build_app(repo), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_strengths_step(snap_compare, repo, stable, size):
    async def run_before(pilot):
        await settle(pilot)
        await highlight_peer(pilot, "Jordan Ellery")
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("f8", "f8", "f2")  # review -> check-in -> strengths, add one
        await settle(pilot)
        for key in "Naming what they see":
            await pilot.press("space" if key == " " else key)
        await settle(pilot)

    assert snap_compare(build_app(repo), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_summary(snap_compare, repo, stable, size):
    async def run_before(pilot):
        await settle(pilot)
        await highlight_peer(pilot, "Jordan Ellery")
        await pilot.press("s")
        await settle(pilot)

    assert snap_compare(build_app(repo), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES[:1], ids=lambda s: f"{s[0]}x{s[1]}")
def test_correcting_a_finished_session(snap_compare, repo, stable, size):
    async def run_before(pilot):
        await settle(pilot)
        await highlight_peer(pilot, "Jordan Ellery")
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)

    assert snap_compare(build_app(repo), terminal_size=size, run_before=run_before)


@pytest.fixture
def demo_team(demo_of):
    return demo_of(4, 16, seed=11)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_trends(snap_compare, demo_team, size):
    async def run_before(pilot):
        await settle(pilot)
        await highlight_peer(pilot, "Jordan Ellery")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(build_app(demo_team), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_team(snap_compare, demo_team, size):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(build_app(demo_team), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_ideas_across_peers(snap_compare, demo_team, size):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("i")  # the open ideas across peers
        await settle(pilot)
        await pilot.press("a")  # and the decided ones, with where each stands
        await settle(pilot)

    assert snap_compare(build_app(demo_team), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES[:1], ids=lambda s: f"{s[0]}x{s[1]}")
def test_noting_an_informal_contact(snap_compare, repo, stable, size):
    async def run_before(pilot):
        await settle(pilot)
        await highlight_peer(pilot, "Jordan Ellery")
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("1", "0", "enter", *"Asked", "space", *"about", "space", *"rota")
        await settle(pilot)

    assert snap_compare(build_app(repo), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES[:1], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_peers_portfolio(snap_compare, repo, stable, size):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)

    app = build_app(repo, peer_name="Jordan Ellery")
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES[:1], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_bundle_checked_before_it_is_imported(
    snap_compare, repo, stable, size, tmp_path, monkeypatch
):
    from supervise_tui.store.folder import open_folder
    from supervise_tui.usecases.export import export_bytes

    raw = export_bytes(repo, "json", today=date(2026, 11, 22), now=FIXED_NOW)[0]
    (tmp_path / "from-site-a.json").write_bytes(raw)
    monkeypatch.chdir(tmp_path)  # the file is named as typed, the same in every run

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("I")
        await settle(pilot)
        await pilot.press(*"from-site-a.json", "enter")
        await settle(pilot)

    with open_folder(tmp_path / "site-b", clock=fixed_clock) as other:
        assert snap_compare(build_app(other), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES[:1], ids=lambda s: f"{s[0]}x{s[1]}")
def test_recording_a_group_session(snap_compare, repo, stable, size):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("space", "down", "space")  # Jordan and Robin present
        await settle(pilot)

    assert snap_compare(build_app(repo), terminal_size=size, run_before=run_before)
