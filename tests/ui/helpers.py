"""Driving the app as a person would: keys, not method calls."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Select

from supervise_tui.store.folder import FolderBackend
from supervise_tui.store.packs import load_library
from supervise_tui.ui.app import SuperviseApp, make_app

from ..conftest import fixed_clock

SIZE = (80, 24)


def build_app(repo: FolderBackend, tmp_path: Path | None = None, **kw) -> SuperviseApp:
    library = load_library(Path("/nonexistent-user-packs"))
    offer_plain = kw.pop("offer_plain", False)  # the encryption notice: tested on its own
    app = make_app(repo, clock=fixed_clock, library=library, blink=False, animations=False, **kw)
    app.offer_plain = offer_plain
    app.autosave_quiet = 0.05
    app.autosave_max = 0.2
    app.autosave_retry = 0.2
    return app


async def settle(pilot, rounds: int = 3) -> None:
    """Let workers finish and messages land."""
    from textual.worker import WorkerCancelled

    for _ in range(rounds):
        await pilot.pause()
        for _attempt in range(5):
            try:
                await pilot.app.workers.wait_for_complete()
                break
            except WorkerCancelled:
                # an exclusive worker replaced by a newer one (a slow machine lets a key
                # land while it runs): wait for the newer one
                await pilot.pause()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


async def focus(pilot, selector: str):
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await pilot.pause()
    return widget


async def fill(pilot, selector: str, text: str) -> None:
    """Focus a text control, clear it, type into it."""
    widget = await focus(pilot, selector)
    if hasattr(widget, "value"):
        await pilot.press("end", *(["backspace"] * len(widget.value)))
    else:
        widget.select_all()
        await pilot.press("backspace")
    await type_text(pilot, text)
    await pilot.pause()


async def choose(pilot, selector: str, label: str) -> None:
    """Open a Select with Enter and move to the option called ``label``."""
    select = await focus(pilot, selector)
    assert isinstance(select, Select)
    await pilot.press("enter")
    await pilot.pause()
    overlay = select.query_one("SelectOverlay")
    for _ in range(overlay.option_count + 1):
        option = overlay.get_option_at_index(overlay.highlighted)
        if str(option.prompt) == label:
            await pilot.press("enter")
            await pilot.pause()
            return
        await pilot.press("down")
    raise AssertionError(f"no option {label!r} in {selector}")


async def wait_for(predicate, timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        if predicate():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


async def highlight_peer(pilot, name: str) -> None:
    """Move Home's cursor down to the peer called ``name``."""
    home = pilot.app.screen
    for _ in range(len(home.data.rows) + 1):
        row = home.selected_row()
        if row is not None and row.person.name == name:
            return
        await pilot.press("down")
        await pilot.pause()
    raise AssertionError(f"{name} is not on Home")


def text_of(widget) -> str:
    """What a widget shows, as text."""
    return str(widget.render())


async def finish(pilot) -> str:
    """F6, then yes to "Finish this session?"; returns the question asked."""
    from supervise_tui.ui.dialogs.confirm import ConfirmDialog

    await pilot.press("f6")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ConfirmDialog), type(dialog).__name__
    await pilot.press("y")
    await settle(pilot)
    return dialog.question


async def tick_and_start(pilot) -> None:
    """On "Start a session": tick the first supervisor unless one is ticked already (the
    peer's usual one is), then F2."""
    if not pilot.app.screen.query_one("#supervisors").selected:
        await pilot.press("space")
    await pilot.press("f2")


def screen_text(app) -> str:
    """Everything the terminal shows now, as text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def open_export(pilot, peer: str = "Jordan Ellery") -> None:
    """From Home: the peer's history, then its export dialog."""
    await settle(pilot)
    await highlight_peer(pilot, peer)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("x")
    await settle(pilot)
