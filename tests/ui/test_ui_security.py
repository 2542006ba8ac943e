"""Encrypted records at the keyboard, at 80×24: signing in, each person seeing only what is
theirs, a wrong passphrase, the idle lock, setup codes, changing a passphrase, recovery."""

from __future__ import annotations

from supervise_tui.store.folder import open_folder
from supervise_tui.ui.dialogs.access import AccessChoiceDialog, CodeDialog
from supervise_tui.ui.dialogs.passphrase import PassphraseDialog
from supervise_tui.ui.screens.home import HomeScreen
from supervise_tui.ui.screens.lock import LockScreen
from supervise_tui.ui.screens.peer_view import PeerViewScreen
from supervise_tui.ui.screens.session import SessionScreen
from supervise_tui.ui.screens.sign_in import SignInScreen
from supervise_tui.usecases.security import sign_in

from ..conftest import PASS, fixed_clock, folder_state
from .helpers import SIZE, build_app, fill, screen_text, settle, type_text, wait_for


async def sign_in_as(pilot, name: str, secret: str) -> None:
    assert isinstance(pilot.app.screen, SignInScreen)
    await fill(pilot, "#name", name)
    await pilot.press("enter")
    await type_text(pilot, secret)
    await pilot.press("enter")
    await settle(pilot)


def opened(folder, read_only=False):
    return open_folder(folder, clock=fixed_clock, read_only=read_only)


async def test_a_supervisor_sees_only_the_peers_they_supervise(locked_folder):
    folder, team, _ = locked_folder
    app = build_app(opened(folder))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert "Robin" not in screen_text(app) and "Jordan" not in screen_text(app)
        await sign_in_as(pilot, "Marcus Oyelaran", "marcus has a long phrase")
        await wait_for(lambda: isinstance(app.screen, HomeScreen))
        await settle(pilot)
        names = {row.person.name for row in app.screen.data.rows}
        assert names == {"Robin Takahashi"}
        shown = screen_text(app)
        assert "Robin Takahashi" in shown and "Jordan" not in shown


async def test_the_lead_sees_every_peer(locked_folder):
    folder, _, _ = locked_folder
    app = build_app(opened(folder))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_in_as(pilot, "dana whitfield", PASS)
        await wait_for(lambda: isinstance(app.screen, HomeScreen))
        await settle(pilot)
        names = {row.person.name for row in app.screen.data.rows}
        assert names == {"Jordan Ellery", "Robin Takahashi"}


async def test_a_peer_signs_in_to_their_own_view_and_nothing_else(locked_folder):
    folder, team, _ = locked_folder
    app = build_app(opened(folder))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_in_as(pilot, "Jordan Ellery", "Jordan Ellery own words here")
        await wait_for(lambda: isinstance(app.screen, PeerViewScreen))
        await settle(pilot)
        assert app.peer_mode
        assert app.screen.peer.id == team["peer"].id
        assert "Robin" not in screen_text(app)
        # The supervisor's keys do nothing here: no Home, no People, no new session.
        for key in ("escape", "n", "p", "ctrl+n"):
            await pilot.press(key)
            await settle(pilot)
            assert not isinstance(app.screen, HomeScreen | SessionScreen)
        # And the store itself refuses Robin's records to Jordan.
        assert app.store.readable_peers() == {team["peer"].id}


async def test_a_wrong_passphrase_is_one_sentence_and_changes_nothing(locked_folder):
    folder, _, _ = locked_folder
    before = folder_state(folder)
    app = build_app(opened(folder))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_in_as(pilot, "Dana Whitfield", "not my passphrase at all")
        assert isinstance(app.screen, SignInScreen)
        error = app.screen.query_one("#sign-in-error")
        assert error.display
        assert str(error.render()) == "That name and passphrase do not match."
        assert app.screen.query_one("#secret").value == ""  # not left on screen
        await fill(pilot, "#secret", "")
        await pilot.press("f2")
        await settle(pilot)
        assert "Please give your name and passphrase." in str(error.render())
    assert folder_state(folder) == before


async def test_idle_lock_saves_the_draft_clears_and_comes_back(locked_folder):
    folder, team, _ = locked_folder
    now = [1000.0]
    app = build_app(opened(folder))
    app.ticks = lambda: now[0]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_in_as(pilot, "Dana Whitfield", PASS)
        await wait_for(lambda: isinstance(app.screen, HomeScreen))
        await settle(pilot)
        # Open the draft waiting for Jordan and type into it.
        await pilot.press("r", "enter")  # resume it
        await settle(pilot)
        await wait_for(lambda: isinstance(app.screen, SessionScreen))
        session = app.screen
        for _ in range(12):
            if session.current == "check_in":
                break
            await pilot.press("f8")  # on to the check-in
            await settle(pilot)
        await fill(pilot, "#f__checkin__arriving", "Typed just before the lock")
        now[0] += app.idle_seconds - 1
        app._check_idle()
        await settle(pilot)
        assert not isinstance(app.screen, LockScreen)  # not yet
        now[0] += 2
        app._check_idle()
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        assert app.store.locked
        shown = screen_text(app)
        assert "Typed just before" not in shown and "Jordan" not in shown
        assert "Dana Whitfield, your passphrase" in shown
        # The draft was saved before the keys went away.
        other = opened(folder, read_only=True)
        sign_in(other, "Dana Whitfield", PASS)
        drafts = other.drafts()
        assert any(d.checkin.arriving == "Typed just before the lock" for d in drafts)
        other.close()
        # Someone else's passphrase does not open Dana's screen.
        await type_text(pilot, "marcus has a long phrase")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        assert "do not match" in str(app.screen.query_one("#lock-error").render())
        await type_text(pilot, PASS)
        await pilot.press("enter")
        await settle(pilot)
        await wait_for(lambda: app.screen is session)
        assert not app.store.locked
        assert app.screen.query_one("#f__checkin__arriving").value == ("Typed just before the lock")


async def test_ctrl_l_locks_now_and_the_palette_waits(locked_folder):
    folder, _, _ = locked_folder
    app = build_app(opened(folder))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")  # before sign-in: no palette over the sign-in screen
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        await sign_in_as(pilot, "Dana Whitfield", PASS)
        await wait_for(lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, LockScreen) and app.store.locked
        await pilot.press("ctrl+p", "f11")
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)


async def test_a_setup_code_given_in_people_then_used_to_choose_a_passphrase(locked_folder):
    folder, team, _ = locked_folder
    app = build_app(opened(folder))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_in_as(pilot, "Dana Whitfield", PASS)
        await wait_for(lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("p")  # People
        await settle(pilot)
        table = app.screen.query_one("DataTable")
        for _ in range(table.row_count):
            if "Jordan" in str(table.get_row_at(table.cursor_row)[0]):
                break
            await pilot.press("down")
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, AccessChoiceDialog)
        await pilot.press("c")
        await wait_for(lambda: isinstance(app.screen, CodeDialog))
        code = app.screen.code
        await pilot.press("enter")
        await settle(pilot)
    app.store.close()
    # Jordan, at another start, signs in with the code and chooses a passphrase.
    app = build_app(opened(folder))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_in_as(pilot, "Jordan Ellery", code)
        await wait_for(lambda: isinstance(app.screen, PassphraseDialog))
        await type_text(pilot, "a brand new phrase")
        await pilot.press("enter")
        await type_text(pilot, "a brand new phrase")
        await pilot.press("enter")
        await wait_for(lambda: isinstance(app.screen, PeerViewScreen))
    app.store.close()
    store = opened(folder)
    person, must_choose = sign_in(store, "Jordan Ellery", "a brand new phrase")
    assert person.id == team["peer"].id and not must_choose


async def test_f11_changes_my_passphrase(locked_folder):
    folder, _, _ = locked_folder
    app = build_app(opened(folder))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_in_as(pilot, "Robin Takahashi", "Robin Takahashi own words here")
        await wait_for(lambda: isinstance(app.screen, PeerViewScreen))
        await pilot.press("f11")
        await settle(pilot)
        assert isinstance(app.screen, PassphraseDialog)
        for text in (
            "Robin Takahashi own words here",
            "robin's newer words",
            "robin's newer words",
        ):
            await type_text(pilot, text)
            await pilot.press("enter")
        await settle(pilot)
        await wait_for(lambda: isinstance(app.screen, PeerViewScreen))
    app.store.close()
    store = opened(folder)
    sign_in(store, "Robin Takahashi", "robin's newer words")


async def test_the_recovery_key_gives_a_forgotten_passphrase_back(locked_folder):
    folder, team, code = locked_folder
    app = build_app(opened(folder))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await type_text(pilot, code)
        await pilot.press("f2")
        await settle(pilot)
        await wait_for(lambda: "forgotten" in str(getattr(app.screen, "title_text", "")))
        # Pick Marcus in the list, then his new passphrase.
        option_list = app.screen.query_one("OptionList")
        while "Marcus" not in str(option_list.get_option_at_index(option_list.highlighted).prompt):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PassphraseDialog)
        for text in ("marcus starts over", "marcus starts over"):
            await type_text(pilot, text)
            await pilot.press("enter")
        await settle(pilot)
        await wait_for(lambda: isinstance(app.screen, SignInScreen) and app.store.locked)
    app.store.close()
    store = opened(folder)
    person, _ = sign_in(store, "Marcus Oyelaran", "marcus starts over")
    assert person.id == team["sup2"].id


async def test_plain_records_are_offered_encryption_and_ctrl_e_does_it(repo, team, data_dir):
    from supervise_tui.ui.dialogs.pick import PickOne
    from supervise_tui.ui.dialogs.recovery_key import RecoveryKeyDialog

    app = build_app(repo, offer_plain=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_for(lambda: any("not encrypted" in str(n.message) for n in app._notifications))
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, PickOne)  # who leads: every active supervisor offered
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PassphraseDialog)
        for text in (PASS, PASS):
            await type_text(pilot, text)
            await pilot.press("enter")
        await wait_for(lambda: isinstance(app.screen, RecoveryKeyDialog))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.store.encrypted and app.person is not None
        lead = app.person
    app.store.close()
    names = [p.name for p in team.values()] + ["Maple Court"]
    for path in data_dir.rglob("*"):
        if path.is_file() and path.name != ".lock":
            raw = path.read_bytes()
            assert not any(name.encode() in raw for name in names), path.name
    store = opened(data_dir)
    assert sign_in(store, lead.name, PASS)[0].id == lead.id


async def test_no_offer_for_the_demo_nor_read_only(demo_of, data_dir):
    repo = demo_of(peers=2, weeks=2)
    (data_dir / ".demo").write_bytes(b"fictional demo data\n")
    app = build_app(repo, offer_plain=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.offer_encryption()
        await settle(pilot)
        assert not any("not encrypted" in str(n.message) for n in app._notifications)
