"""The Textual app, built by one factory shared by the CLI and the tests."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen

from .. import __version__
from ..domain.enums import Role
from ..domain.person import Person
from ..store.backend import Backend
from .collector import StartPause
from .keys import binder
from .packs import Packs
from .preferences import BINDING as THEME_BINDING
from .preferences import HIGH_CONTRAST, Preferences
from .signing import Signing

if TYPE_CHECKING:
    from ..store.packs import Library


bind = binder("app")


def _commands():
    from .commands import SuperviseCommands

    return SuperviseCommands


class SuperviseApp(StartPause, Signing, Preferences, Packs, App):
    """supervise-tui: structured supervision sessions, one screen, two people."""

    TITLE = "supervise"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_commands}  # imported when the palette first opens
    BINDINGS = [
        bind(
            "ctrl+q", "quit", "Quit", "Quit. Everything typed is already saved.", priority=True
        ),  # a moved quit key works inside a text box too
        bind("f1", "help", "Help", "What this screen is for, and its keys"),
        bind(
            "f12",
            "privacy",
            "Privacy",
            "Blank the screen at once (someone walked in); any key brings it back",
            show=False,
        ),
        bind("ctrl+l", "lock", "Lock", show=False),
        bind("ctrl+e", "encrypt", "Encrypt", show=False),
        bind("f11", "change_passphrase", "Passphrase", show=False),
        THEME_BINDING,
    ]

    def __init__(
        self,
        store: Backend,
        *,
        clock: Callable[[], datetime],
        library: Library | None = None,
        peer_name: str | None = None,
        blink: bool | None = None,
        animations: bool = True,
    ) -> None:
        super().__init__()
        self.blink = (not os.environ.get("SUPERVISE_NO_BLINK")) if blink is None else blink
        if not animations:
            self.animation_level = "none"
        self.store = store  # thread-safe: the workers call it directly
        self.clock = clock
        self._library = library  # None: read once Home shows, or when first asked for
        self.peer_name = peer_name
        self.keymap: dict[str, str] = {}  # binding id -> keys, from the settings file
        self.person: Person | None = None  # who signed in (encrypted records)
        self.idle_seconds = 5 * 60.0  # the idle lock ([security] idle_minutes in config.toml)
        self.offer_plain = True  # plain records with people: offer encryption on open
        self.in_use_elsewhere = False  # opened read-only because another window has it
        self.ticks: Callable[[], float] = time.monotonic  # seconds, for the idle lock
        self._last_input = self.ticks()
        self.register_theme(HIGH_CONTRAST)
        # Autosave: after this many quiet seconds, and at least this often while typing.
        self.autosave_quiet = 0.8
        self.autosave_max = 2.0
        self.autosave_retry = 5.0
        self.sub_title = f"v{__version__}" + (" — read-only" if store.read_only else "")

    AFTER_START_SECONDS = 1.0

    def _apply_settings(self) -> None:
        """A person's own keys, from the settings file; a mistake there is said once."""
        from .. import config
        from .keys import user_keymap

        settings, problems = config.load_settings()
        minutes = settings.get("security", {}).get("idle_minutes", None)
        if isinstance(minutes, int | float) and not isinstance(minutes, bool) and minutes > 0:
            self.idle_seconds = float(minutes) * 60
        elif minutes is not None:
            problems.append("[security] idle_minutes is not a number of minutes; 5 are used.")
        self.keymap, more = user_keymap(settings)
        if self.keymap:
            self.set_keymap(self.keymap)
        for problem in [*problems, *more]:
            self.notify(problem, title="Settings", severity="warning", timeout=20)

    def on_mount(self) -> None:
        if self.store.locked:
            from .screens.sign_in import SignInScreen

            self.push_screen(SignInScreen())  # replaced by the person's screen (signed_in)
        if self.in_use_elsewhere:
            from .dialogs.in_use import InUseDialog

            self.push_screen(InUseDialog(), self._in_use_answered)
        self.call_after_refresh(self.resume_collector)  # (paused since load: collector.py)
        # Looking over every file and the hourly backup wait until Home is showing.
        self.set_timer(self.AFTER_START_SECONDS, self.after_start)
        self.call_after_refresh(self._read_packs)
        self._apply_settings()
        self.start_preferences()
        self.set_interval(5.0, self._check_idle)
        for notice in self.store.notices:
            self.notify(notice, title="An interrupted save", severity="warning", timeout=30)

    def _in_use_answered(self, read_only: bool | None) -> None:
        if not read_only:
            self.exit()

    @work(thread=True, exclusive=True, group="after-start")
    def after_start(self) -> None:
        """Look over the stored data for damage, then take the hourly backup."""
        from ..store.errors import DamagedFile

        if self.store.locked:
            return  # after someone signs in (see signed_in)
        try:
            self.call_from_thread(self.offer_encryption)
        except Exception:  # noqa: BLE001 - an offer never stops the app
            pass
        try:
            said = self.store.upkeep()
        except DamagedFile as error:
            self.call_from_thread(
                self.notify,
                f"{error} Until then, what that file holds cannot be shown or changed.",
                title="A data file is damaged",
                severity="error",
                timeout=60,
            )
            return  # no backup over a damaged folder's newest good copies
        except OSError:
            return
        for message in said:
            self.call_from_thread(
                self.notify, message, title="A data file is damaged", severity="error", timeout=60
            )
        if getattr(self.store, "tallies_corrected", False):  # (a folder's copy of them)
            self.call_from_thread(self._figures_corrected)

    def _figures_corrected(self) -> None:
        """Home's figures were read from a copy found to differ: the screen reads again."""
        refresh = getattr(self.screen, "refresh_data", None)
        if refresh is not None:
            refresh()

    def local_now(self) -> datetime:
        """The local wall-clock time, from the app's clock (fixed in tests)."""
        return self.clock().astimezone().replace(tzinfo=None, second=0, microsecond=0)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity="information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notices often hold names and file paths a person typed: always shown as
        written, never read as markup (a name like "Sam [/b] Lee" would stop the app)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    @property
    def peer_mode(self) -> bool:
        """A peer's own view: a peer signed in (or --peer on plain records)."""
        if self.person is not None:
            return self.person.role == Role.PEER
        return self.peer_name is not None

    def _screen_for(self, person: Person) -> Screen:
        if person.role == Role.PEER:
            from .screens.peer_view import PeerViewScreen

            return PeerViewScreen(person)
        from .screens.home import HomeScreen

        return HomeScreen()

    def get_default_screen(self) -> Screen:
        if self.store.locked:
            return Screen()  # blank: the sign-in screen goes over it (see on_mount)
        if self.store.signed_in and self.person is None:
            self.person = self.store.person(self.store.signed_in)  # signed in on the command line
        if self.person is not None:
            return self._screen_for(self.person)
        if self.peer_mode:
            from ..domain.enums import Role
            from ..usecases.people import find_person
            from .screens.peer_view import PeerViewScreen

            peer = find_person(self.store, self.peer_name, Role.PEER)
            return PeerViewScreen(peer)
        from .screens.home import HomeScreen

        return HomeScreen()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # The built-in screenshot writes a plain-text copy of whatever is on
        # screen (sensitive records) to disk: it is not offered here.
        for command in super().get_system_commands(screen):
            if command.title.lower() != "screenshot":
                yield command

    def action_screenshot(self, *args, **kwargs) -> None:  # pragma: no cover - disabled
        self.notify("Screenshots are turned off: records are private.")

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: keep the work, tell the user plainly, log no contents.

        Textual's own handler prints a traceback with local variables, which
        would put sensitive records on the screen; this one never does.
        """
        from rich.text import Text

        from .. import crashlog

        for screen in list(self.screen_stack):
            flush = getattr(screen, "flush", None)
            if flush is not None:
                try:
                    flush()
                except Exception:  # noqa: BLE001 - already failing; keep going
                    pass
        log = crashlog.write(error)
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._exit_renderables.append(
            Text(
                f"supervise: something unexpected went wrong ({type(error).__name__}). "
                "Everything up to the last autosave is kept: start supervise again to "
                f"resume. A note for a developer (no record contents) is in {log}"
            )
        )
        self._close_messages_no_wait()

    async def action_quit(self) -> None:
        """Quit from anywhere. Drafts are saved first: nothing is ever lost by quitting."""
        for screen in self.screen_stack:
            flush = getattr(screen, "flush", None)
            if flush is not None:
                flush()
        self.exit()

    def action_privacy(self) -> None:
        from .screens.privacy import PrivacyScreen

        if not isinstance(self.screen, PrivacyScreen):
            self.push_screen(PrivacyScreen())

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))


def make_app(store: Backend, **options) -> SuperviseApp:
    """The app over ``store``: how the command line starts it (``options`` are those of
    :class:`SuperviseApp`)."""
    return SuperviseApp(store, **options)
