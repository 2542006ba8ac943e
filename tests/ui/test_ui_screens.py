"""Each screen driven at 80×24: help, people, start, palette, privacy, bad input."""

from __future__ import annotations

import shutil

import pytest
from textual import events

from supervise_tui.domain.enums import Role
from supervise_tui.domain.models import Person
from supervise_tui.store.errors import SaveFailed
from supervise_tui.store.folder import FolderBackend, open_folder
from supervise_tui.ui.dialogs.person import PersonForm
from supervise_tui.ui.screens.help import HelpScreen
from supervise_tui.ui.screens.home import HomeScreen
from supervise_tui.ui.screens.people import PeopleScreen
from supervise_tui.ui.screens.privacy import PrivacyScreen
from supervise_tui.ui.screens.session import SessionScreen
from supervise_tui.ui.screens.start_session import StartSessionScreen
from supervise_tui.usecases.agenda import save_agenda
from supervise_tui.usecases.people import find_people, save_person
from supervise_tui.usecases.sessions import finish_session

from ..conftest import FIXED_NOW, fixed_clock, make_session
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


async def start_session(pilot, peer: str = "Jordan Ellery") -> SessionScreen:
    await highlight_peer(pilot, peer)
    await pilot.press("n")
    await settle(pilot)
    await tick_and_start(pilot)
    await settle(pilot)
    assert isinstance(pilot.app.screen, SessionScreen)
    return pilot.app.screen


async def test_first_run_explains_what_to_do(repo):
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        welcome = text_of(pilot.app.screen.query_one("#welcome"))
        assert "no records here yet" in welcome
        assert "add yourself" in welcome and "demo" in welcome


async def test_help_explains_the_screen_and_its_keys(repo, team):
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HelpScreen)
        body = pilot.app.screen.query_one("Markdown")._markdown
        assert "Home lists the peer specialists" in body and "| `n` |" in body
        assert "| `?` |" in body and "question_mark" not in body  # keys as people say them
        assert "| `Ctrl+Q` |" in body
        await pilot.press("escape")
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("p")  # a screen whose help is its text in help.toml
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        body = pilot.app.screen.query_one("Markdown")._markdown
        assert body.startswith("# People\n\nEveryone you supervise or supervise with. **a** adds")
        assert "Inactive people keep their whole history" in body  # the second paragraph
        assert "| `a` | Add a person |" in body
        await pilot.press("escape", "escape")  # the help, then People: back on Home
        await settle(pilot)
        screen = await start_session(pilot)
        await pilot.press("f8")  # strengths
        await pilot.press("f1")
        await settle(pilot)
        body = pilot.app.screen.query_one("Markdown")._markdown
        assert "Strengths come before concerns" in body
        assert "`F8`" in body
        await pilot.press("escape")
        assert pilot.app.screen is screen


def test_every_help_text_in_help_toml_is_read_by_a_screen():
    import importlib
    import inspect
    import pkgutil
    import tomllib
    from pathlib import Path

    from textual.screen import Screen

    from supervise_tui.ui import screens
    from supervise_tui.ui.screens.help import help_of, screen_id

    entries = tomllib.loads((Path(screens.__file__).parent.parent / "help.toml").read_text())
    read = {}
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"{screens.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == module.__name__:
                read[screen_id(cls)] = help_of(cls)
    assert len(entries) == 14  # a screen renamed must still find its own text
    for name, entry in entries.items():
        assert read.get(name) == (entry["title"], entry["text"]), name
    # every screen says what it is for (the base classes aside)
    unhelped = {name for name, (_, text) in read.items() if not text and name}
    assert unhelped == {"help", "session"}, unhelped  # (a session's help is its step's)


async def test_people_add_edit_deactivate_and_refused_delete(repo, team):
    finish_session(repo, make_session(team), clock=repo.clock)
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(pilot.app.screen, PeopleScreen)
        # a duplicate name at the same site is explained, and what was typed stays
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "Jordan Ellery")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Maple Court")
        await pilot.press("f2")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, PersonForm)
        assert "already someone called" in text_of(form.query_one("#name-error"))
        assert form.query_one("#name").value == "Jordan Ellery"
        await fill(pilot, "#site", "Linden Street")
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(pilot.app.screen, PeopleScreen)
        assert len(find_people(repo, "Jordan Ellery")) == 2
        # delete someone with records: refused with the reason
        people = pilot.app.screen
        table = people.query_one("DataTable")
        names = [p.name for p in people.people]
        row = names.index("Dana Whitfield")
        table.move_cursor(row=row)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Mark them inactive" in text_of(people.query_one("#people-note"))
        assert repo.person(team["sup"].id).active
        # deactivate instead
        await pilot.press("x")
        await settle(pilot)
        assert not repo.person(team["sup"].id).active
        assert "INACTIVE" in str(table.get_row_at(row))
        # edit
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "#name", "Dana W. Whitfield")
        await pilot.press("f2")
        await settle(pilot)
        assert repo.person(team["sup"].id).name == "Dana W. Whitfield"


async def test_start_session_needs_a_supervisor_and_a_real_date(repo, team):
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await highlight_peer(pilot, "Jordan Ellery")
        await pilot.press("n")
        await settle(pilot)
        start = pilot.app.screen
        assert isinstance(start, StartSessionScreen)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StartSessionScreen)
        assert "at least one supervisor" in text_of(start.query_one("#supervisors-error"))
        await pilot.press("space")
        await fill(pilot, "#when", "31/02 10:00")
        assert "not a real date" in text_of(start.query_one("#when-note"))
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StartSessionScreen)
        await fill(pilot, "#when", "today 14:30")
        assert "Sun 22 Nov 2026, 14:30" in text_of(start.query_one("#when-note"))
        await choose(pilot, "#kind", "Monthly, with the housing agency")
        assert start.query_one("#pack").value == "monthly-agency"
        await pilot.press("f2")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.draft.when.hour == 14 and screen.draft.pack_id == "monthly-agency"
        assert screen.draft.supervisor_ids == [team["sup"].id]
        # the next session is proposed from the peer's cadence (weekly, Tuesdays): the
        # Tuesday nearest a week after this Sunday
        assert screen.draft.next_session.isoformat() == "2026-12-01"


async def test_huge_paste_is_refused_inline_and_kept(repo, team):
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await start_session(pilot)
        area = screen.query_one("#f__voices__check_in__peer")
        area.focus()
        await pilot.pause()
        pilot.app.post_message(events.Paste("x" * 50_000))  # as a terminal delivers it
        await settle(pilot)
        message = text_of(screen.query_one("#e__voices__check_in__peer"))
        assert "50,000" in message and "20,000" in message
        assert screen.draft.pending["voices.check_in.peer"] == "x" * 50_000
        await finish(pilot)
        await settle(pilot)
        assert isinstance(pilot.app.screen, SessionScreen)  # not finished
        assert pilot.app.focused is area


async def test_missing_required_field_is_pointed_out(repo, team):
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await start_session(pilot)
        await pilot.press("f8", "f8", "f8", "f2")  # concerns, add one
        await settle(pilot)
        cid = screen.draft.concerns[0].id
        await type_text(pilot, "Too many forms")
        await pilot.press("f8")  # move on without a category
        await finish(pilot)
        await settle(pilot)
        assert isinstance(pilot.app.screen, SessionScreen)
        assert screen.current == "concerns"
        assert pilot.app.focused.id == f"f__concerns__{cid}__category"
        assert "category" in text_of(screen.query_one(f"#e__concerns__{cid}__category"))
        assert screen.query_one(f"#f__concerns__{cid}__text").text == "Too many forms"


async def test_a_failing_disk_keeps_the_work_and_says_so(repo, team, monkeypatch):
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await start_session(pilot)
        real = FolderBackend.save_draft

        def full_disk(self, session):
            raise SaveFailed("Could not save: the disk is full. Your previous records are intact.")

        monkeypatch.setattr(FolderBackend, "save_draft", full_disk)
        await fill(pilot, "#f__checkin__arriving", "Typed while the disk was full")
        bar = screen.query_one("#step-bar")
        await wait_for(lambda: "NOT SAVED YET" in str(bar.render()))
        assert screen.draft.checkin.arriving == "Typed while the disk was full"
        monkeypatch.setattr(FolderBackend, "save_draft", real)
        await wait_for(lambda: "Draft saved" in str(bar.render()))
        await wait_for(
            lambda: any(
                d.checkin.arriving == "Typed while the disk was full" for d in repo.drafts()
            )
        )


async def test_privacy_screen_blanks_and_comes_back(repo, team):
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = pilot.app.screen
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PrivacyScreen)
        assert "Jordan" not in "".join(str(s) for s in pilot.app.screen.query("Static"))
        await pilot.press("x")
        await pilot.pause()
        assert pilot.app.screen is home


async def test_palette_has_main_actions_and_no_screenshot(repo, team):
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [c.title.lower() for c in app.get_system_commands(app.screen)]
        assert "screenshot" not in titles
        from supervise_tui.ui.commands import SuperviseCommands

        names = [a.title for a in SuperviseCommands(app.screen)._entries()]
        assert "session: start" in names and "person: add" in names
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "person: add")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonForm)


async def test_read_only_offers_no_changes(repo, team, data_dir):
    repo.close()
    viewer = open_folder(data_dir, read_only=True, clock=fixed_clock)
    async with build_app(viewer).run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        assert home.check_action("new_session", ()) is False
        await pilot.press("n")
        await settle(pilot)
        assert pilot.app.screen is home
        hint = str(home.query_one("#home-hint").render())  # said in words, not only greyed out
        assert hint.startswith("READ-ONLY") and "n new session" not in hint
    viewer.close()


async def test_step_bar_says_done_and_skipped_in_marks(repo, team):
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await start_session(pilot)
        await fill(pilot, "#f__checkin__arriving", "ok")
        await pilot.press("f9")  # skip strengths? no: skip check-in's next
        await settle(pilot)
        bar = str(screen.query_one("#step-bar").render())
        assert "–Check-in" not in bar and "✓Check-in" in bar
        assert "▶Strengths" in bar
        await pilot.press("f9")
        await settle(pilot)
        bar = str(screen.query_one("#step-bar").render())
        assert "–Strengths" in bar and "▶Role" in bar
        await pilot.click("#step-bar", offset=(12, 0))  # "Check-in", after "·Review "
        await settle(pilot)
        assert screen.current == "check_in"


async def test_duplicate_names_are_told_apart_on_home(repo, team):
    save_person(repo, Person("Jordan Ellery", Role.PEER, "Linden Street"), clock=repo.clock)
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one("#peers")
        labels = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert "Jordan Ellery (Linden Street)" in labels
        assert "Jordan Ellery (Maple Court)" in labels


async def test_a_broken_prompt_pack_is_named_and_the_app_still_starts(repo, team, tmp_path):
    from supervise_tui.store.packs import load_library
    from supervise_tui.ui.app import make_app

    user = tmp_path / "packs"
    user.mkdir()
    (user / "mine.toml").write_text('id = "mine"\ntitle = 5\n')
    app = make_app(
        repo, library=load_library(user), blink=False, animations=False, clock=fixed_clock
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        notes = [n.message for n in app._notifications]
        assert any("mine.toml" in n and "title" in n for n in notes)


async def test_a_damaged_file_is_reported_once_home_shows_and_no_backup_is_taken(
    repo, team, data_dir
):
    from supervise_tui.store import backups

    finish_session(repo, make_session(team), clock=repo.clock)
    shard = next((data_dir / "peers").rglob("sessions-*.json"))
    repo.close()
    before = backups.list_backups(data_dir)
    shard.write_bytes(shard.read_bytes()[:-20])  # cut short, as by a failing disk
    # Opened the way `supervise` opens it: the look over every file comes after Home.
    reopened = open_folder(data_dir, check=False, backup=False, clock=fixed_clock)
    app = build_app(reopened)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#peers").row_count == 2  # Home is usable at once

        def warned() -> bool:
            return any("damaged" in n.message for n in app._notifications)

        await wait_for(warned, timeout=5)
        (note,) = [n.message for n in app._notifications if "damaged" in n.message]
        assert shard.name in note
    reopened.close()
    assert backups.list_backups(data_dir) == before


async def test_the_hourly_backup_is_taken_after_home_shows(repo, team, data_dir):
    from supervise_tui.store import backups

    finish_session(repo, make_session(team), clock=repo.clock)
    repo.close()
    for name in backups.list_backups(data_dir):
        shutil.rmtree(data_dir / "backups" / name)
    reopened = open_folder(data_dir, check=False, backup=False, clock=fixed_clock)
    assert backups.list_backups(data_dir) == []
    app = build_app(reopened)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_for(lambda: backups.list_backups(data_dir) != [], timeout=5)
    reopened.close()


async def test_home_lists_a_long_team_and_keeps_the_cursor_past_the_first_screenful(
    repo, monkeypatch
):
    from supervise_tui.ui.widgets.peer_table import PeerTable

    monkeypatch.setattr(PeerTable, "CHUNK", 10)  # the rows past the first screen, 10 at a time
    save_person(repo, Person("Dana Whitfield", Role.SUPERVISOR, "Maple Court"), clock=repo.clock)
    for i in range(45):
        save_person(repo, Person(f"Peer {i:02d}", Role.PEER, "Maple Court"), clock=repo.clock)
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one("#peers")
        assert table.row_count == 45
        labels = [str(table.get_row_at(i)[0]) for i in range(45)]
        assert labels == [f"Peer {i:02d}" for i in range(45)]  # in order, each once
        # Home's table works out its size without measuring each cell (its columns'
        # widths are fixed when filled): Textual's own measuring finds nothing to change.
        from textual.widgets import DataTable

        size = table.virtual_size
        assert size.height == 45 + 1  # the rows and the heading
        DataTable._update_dimensions(table, list(table.rows))
        assert table.virtual_size == size
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert "Peer 44" in screen_text(pilot.app)  # the last row shown, and its detail
        table.move_cursor(row=40)
        pilot.app.screen.refresh_data()  # as after a session is finished
        await settle(pilot)
        await wait_for(lambda: table.row_count == 45, timeout=5)
        await settle(pilot)
        assert table.cursor_row == 40
        assert [str(table.get_row_at(i)[0]) for i in range(45)] == labels


ODD = "Sam [/b] Lee [red]x[/red] [link=http://x]y"


async def test_names_and_texts_with_brackets_are_shown_as_typed_everywhere(repo):
    """Square brackets are markup to Textual and Rich: a name like "Sam [/b] Lee" once
    stopped the app at Home. Every screen shows such text literally."""
    from datetime import datetime

    from supervise_tui.domain.enums import ConcernCategory, GoalArea, SessionKind
    from supervise_tui.domain.models import Action, AgendaItem, Concern, Goal, PeerInput, Session
    from supervise_tui.ui.screens.history import HistoryScreen
    from supervise_tui.ui.screens.items import ItemsScreen
    from supervise_tui.ui.screens.summary import SummaryScreen
    from supervise_tui.ui.screens.team import TeamScreen
    from supervise_tui.ui.screens.trends import TrendsScreen

    sup = save_person(
        repo, Person("Dana [/] Whitfield", Role.SUPERVISOR, "Maple [/i] Court"), clock=repo.clock
    )
    peer = save_person(repo, Person(ODD, Role.PEER, "Site [/u]"), clock=repo.clock)
    s = Session(peer.id, [sup.id], SessionKind.WEEKLY, datetime(2026, 11, 17, 10))
    s.concerns.append(Concern("rota [/b] clash", ConcernCategory.WORKLOAD))
    s.goals.append(Goal("lead [/] group", GoalArea.TRAINING))
    s.actions.append(Action("book [/x] course", peer.id))
    s.checkin.arriving = "tired [/b]"
    finish_session(repo, s, clock=repo.clock)
    save_agenda(
        repo,
        peer.id,
        PeerInput([AgendaItem("rota [/b] again", s.day)], note="my [/i] note"),
        clock=repo.clock,
    )
    # The peer's own view: their name, their agenda topics and note.
    own = build_app(repo, peer_name=ODD)
    async with own.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert own.is_running
        assert "rota [/b] again" in str(
            own.screen.query_one("#agenda").get_option_at_index(0).prompt
        )
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        assert ODD in [str(c) for c in home.query_one("#peers").get_row_at(0)]
        walk = [
            ("p", PeopleScreen),
            ("escape", HomeScreen),
            ("enter", HistoryScreen),
            ("i", ItemsScreen),
            ("escape", HistoryScreen),
            ("t", TrendsScreen),
            ("escape", HistoryScreen),
            ("enter", SummaryScreen),
            ("s", None),  # the sign-off dialog, with both names to choose from
            ("escape", SummaryScreen),
            ("escape", HistoryScreen),
            ("escape", HomeScreen),
            ("t", TeamScreen),
            ("escape", HomeScreen),
            ("n", StartSessionScreen),
        ]
        for key, expected in walk:
            await pilot.press(key)
            await settle(pilot)
            assert app.is_running
            if expected is not None:
                assert isinstance(app.screen, expected), (key, app.screen)
        await pilot.press("f2")  # the only supervisor is ticked already: start
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        for _ in range(8):  # through every step: carried items, names in labels and lists
            await pilot.press("f8")
            await settle(pilot)
            assert app.is_running
        app.notify(f"Exported {ODD}'s record to /tmp/[/b].md")
        await settle(pilot)
        assert app.is_running


async def test_tui_crash_shows_one_sentence_and_no_contents(repo, team):
    app = build_app(repo)
    printed: list = []
    app._print_error_renderables = lambda: printed.extend(app._exit_renderables)

    def boom(*args, **kwargs):
        raise RuntimeError("Jordan's private words")

    with pytest.raises(RuntimeError):  # the test harness re-raises it; a user never sees it
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.screen.action_team = boom
            await pilot.press("t")
            await pilot.pause()
    shown = " ".join(str(r) for r in printed)
    assert "something unexpected went wrong (RuntimeError)" in shown
    assert "private" not in shown and "Jordan" not in shown
    assert app.return_code == 1


async def test_home_says_the_day_before_whose_session_is_due_and_if_their_agenda_is_empty(
    repo, team
):
    from datetime import datetime

    from supervise_tui.domain.models import AgendaItem, PeerInput
    from supervise_tui.usecases.agenda import save_agenda
    from supervise_tui.usecases.sessions import finish_session

    from ..conftest import make_session
    from .helpers import screen_text

    # Robin meets weekly, any day: last met Monday 16 Nov, so the next is due Monday
    # 23 Nov, the day after FIXED_NOW (Sunday 22 Nov).
    met = make_session(team, when=datetime(2026, 11, 16, 10, 0))
    met.peer_id = team["peer2"].id
    finish_session(repo, met, clock=repo.clock)
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Tomorrow: a session with Robin Takahashi — their agenda is empty." in (
            screen_text(pilot.app)
        )
    topic = AgendaItem("The new intake forms", added_on=FIXED_NOW.date())
    save_agenda(repo, team["peer2"].id, PeerInput(items=[topic]), clock=repo.clock)
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Robin Takahashi — they have added to its agenda" in screen_text(pilot.app)


async def test_the_cycle_collector_waits_for_home_s_first_paint_only(repo, team, monkeypatch):
    """Paused while Home is made (collector.py), on again once it shows; a collector
    someone else turned off is left off."""
    import gc

    from supervise_tui.ui.screens.home import HomeScreen

    seen = []
    mount = HomeScreen.on_mount

    def on_mount(screen):
        seen.append(gc.isenabled())
        mount(screen)

    monkeypatch.setattr(HomeScreen, "on_mount", on_mount)
    assert gc.isenabled()
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert seen == [False] and gc.isenabled()
        assert app.screen.query_one("#peers").row_count == 2
    gc.disable()
    try:
        async with build_app(repo).run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


async def test_home_s_figures_from_a_copy_edited_by_hand_are_corrected_once_home_shows(
    repo, team, data_dir
):
    """The copy of the tallies is held to each peer's own once Home shows (the upkeep):
    a figure edited by hand in it is read again from the peer's records, and the copy is
    rebuilt; a read-only window stops using it."""
    import orjson

    from supervise_tui.domain.enums import ConcernCategory
    from supervise_tui.domain.models import Concern
    from supervise_tui.store.check import check
    from supervise_tui.store.layout import copy_file

    s = make_session(team)
    s.concerns.append(Concern("Too many forms", ConcernCategory.WORKLOAD, owner=team["sup"].id))
    finish_session(repo, s, clock=repo.clock)
    repo.close()
    path = data_dir / copy_file(team["peer"].id)
    data = orjson.loads(path.read_bytes())
    data["tally"][team["peer"].id]["open_concerns"] = 5
    path.write_bytes(orjson.dumps(data))

    def concerns_cell(app) -> str:
        table = app.screen.query_one("#peers")
        row = [r for r in range(table.row_count) if "Jordan" in str(table.get_row_at(r)[0])]
        return str(table.get_row_at(row[0])[2])

    for read_only in (True, False):
        reopened = open_folder(
            data_dir, check=False, backup=False, clock=fixed_clock, read_only=read_only
        )
        app = build_app(reopened)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert concerns_cell(app) == "5"  # (the copy, as read before the first paint)
            await wait_for(lambda app=app: concerns_cell(app) == "1", timeout=5)
        reopened.close()
        assert check(data_dir).ok == (not read_only)
