"""The app on an agency's server (issue 14), driven as a person would at 80×24: a peer
connected with their own login opens their own view, sees only their own records, and
adds a topic for their next session; a supervisor's login opens Home with only their
peers."""

from __future__ import annotations

from supervise_tui.cli.tui import own_view
from supervise_tui.store.postgres import open_server

from ..conftest import fixed_clock
from .helpers import build_app, screen_text, settle, type_text, wait_for


async def test_a_peer_s_login_opens_their_own_view_and_keeps_their_topic(agency):
    me, url = agency["peer"]
    with open_server(url, clock=fixed_clock) as store:
        assert own_view(store) == me.name
        app = build_app(store, peer_name=own_view(store))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            text = screen_text(app)
            assert "own view" in text and "Robin Takahashi" not in text
            await pilot.press("a")
            await settle(pilot)
            await type_text(pilot, "Time off rota")
            await pilot.press("enter")
            await wait_for(lambda: [i.text for i in store.peer_input(me.id).items])
        assert [i.text for i in store.peer_input(me.id).items] == ["Time off rota"]


async def test_a_supervisor_s_login_opens_home_with_only_their_peers(agency):
    _, url = agency["sup2"]
    with open_server(url, clock=fixed_clock) as store:
        assert own_view(store) is None
        app = build_app(store, peer_name=own_view(store))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            text = screen_text(app)
            assert "Robin Takahashi" in text and "Jordan Ellery" not in text
