"""The plain line-by-line session and the TUI make the same record from the same answers:
the same fields, the same items (only ids, stamps and where each walk stood differ)."""

from __future__ import annotations

import shutil

from supervise_tui.domain.enums import SessionStatus
from supervise_tui.domain.serial import to_data
from supervise_tui.store.folder import open_folder
from supervise_tui.ui.screens.session import SessionScreen
from supervise_tui.ui.screens.summary import SummaryScreen

from ..conftest import fixed_clock
from ..unit.test_cli_plain import ANSWERS, run_plain
from .helpers import (
    SIZE,
    build_app,
    choose,
    fill,
    finish,
    highlight_peer,
    settle,
    tick_and_start,
    type_text,
    wait_for,
)

WALK_STATE = {"id", "created_at", "updated_at", "revisions", "at"}
WALK_STATE |= {"step", "visited", "skipped", "ticked", "pending"}


def comparable(value):
    """A record's data without its ids, stamps and walk-through state."""
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items() if k not in WALK_STATE}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


async def walk_in_the_tui(pilot) -> None:
    """The answers of ANSWERS, typed into the TUI."""
    await settle(pilot)
    await highlight_peer(pilot, "Jordan Ellery")
    await pilot.press("n")
    await settle(pilot)
    await tick_and_start(pilot)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen) and screen.current == "check_in"
    await fill(pilot, "#f__checkin__arriving", "Tired 🌱")
    await fill(pilot, "#f__checkin__ratings__role_clarity__value", "4")
    await fill(pilot, "#f__checkin__ratings__role_clarity__note", "clearer")
    await fill(pilot, "#f__checkin__ratings__workload__value", "2")
    await fill(pilot, "#f__voices__check_in__peer", "Went well.")
    await pilot.press("f8", "f2")
    await settle(pilot)
    sid = screen.draft.strengths[0].id
    await type_text(pilot, "Listening")
    await fill(pilot, f"#f__strengths__{sid}__example", "Stayed calm")
    await choose(pilot, f"#f__strengths__{sid}__noticed_by", "Client feedback")
    await pilot.press("f8", "f2")
    await settle(pilot)
    rid = screen.draft.role_items[0].id
    await type_text(pilot, "Med logs")
    await choose(pilot, f"#f__role_items__{rid}__function", "None of the four")
    await choose(pilot, f"#f__role_items__{rid}__fit", "Drifting from the peer role")
    await fill(pilot, f"#f__role_items__{rid}__rationale", "Nurse off")
    await choose(pilot, f"#f__role_items__{rid}__decision", "Hand it off")
    await pilot.press("f8", "f2")
    await settle(pilot)
    cid = screen.draft.concerns[0].id
    await type_text(pilot, "Not invited")
    await choose(pilot, f"#f__concerns__{cid}__category", "Team culture or stigma")
    await fill(pilot, f"#f__concerns__{cid}__follow_up", "friday")
    await pilot.press("f8", "f2")
    await settle(pilot)
    gid = screen.draft.goals[0].id
    await type_text(pilot, "Lead a call")
    await choose(pilot, f"#f__goals__{gid}__area", "Leading a community-of-practice call")
    await fill(pilot, f"#f__goals__{gid}__progress", "25")
    await pilot.press("f8")
    await fill(pilot, "#f__feedback__ratings__understands_role", "5")
    await fill(pilot, "#f__feedback__text", "Helps. סבבה")
    await pilot.press("f8", "f2")
    await settle(pilot)
    aid = screen.draft.actions[0].id
    await type_text(pilot, "Ask agency")
    await choose(pilot, f"#f__actions__{aid}__owner", "Dana Whitfield (supervisor)")
    await fill(pilot, f"#f__actions__{aid}__due", "in 1 week")
    await fill(pilot, "#f__voices__wrap_up__peer", "Thanks.")
    await finish(pilot)
    await settle(pilot)
    assert isinstance(pilot.app.screen, SummaryScreen)
    await pilot.press("s")  # Jordan first, as the plain mode asks
    await settle(pilot)
    await pilot.press("f2")
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    await type_text(pilot, "Fair record")
    await pilot.press("f2")
    await wait_for(lambda: pilot.app.screen.session.status == SessionStatus.ACKNOWLEDGED)


async def test_the_plain_mode_and_the_tui_keep_the_same_record(
    repo, team, data_dir, tmp_path, monkeypatch, capsys
):
    twin = tmp_path / "plain-records"
    shutil.copytree(data_dir, twin, ignore=shutil.ignore_patterns(".lock"))  # the same people
    code, _, err = run_plain(
        twin, ANSWERS, "--peer", "Jordan Ellery", monkeypatch=monkeypatch, capsys=capsys
    )
    assert code == 0, err
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await walk_in_the_tui(pilot)
    (typed,) = repo.sessions(team["peer"].id)
    with open_folder(twin, clock=fixed_clock) as store:
        (piped,) = store.sessions(team["peer"].id)
    assert comparable(to_data(piped)) == comparable(to_data(typed))
    assert len(piped.strengths) == len(piped.role_items) == len(piped.concerns) == 1
    assert piped.signoffs and typed.signoffs
