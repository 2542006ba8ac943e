"""A person's own preferences (for now the theme they chose): applied when the app opens
as them or they sign in, remembered when they change it (:mod:`..store.preferences`).
Mixed into the app; ``self`` is the :class:`~.app.SuperviseApp`."""

from __future__ import annotations

from textual.binding import Binding
from textual.theme import Theme

from ..domain.enums import Role
from ..domain.person import Person
from ..store.errors import StoreError
from ..store.preferences import ANYONE, preferences, remember

# What Ctrl+T goes through, in turn: Textual's own, the app's high-contrast theme, and
# the two that follow the terminal's own palette (a screen magnifier, the person's own
# colours). The palette's "Theme" command offers every theme.
THEMES = ("textual-dark", "textual-light", "high-contrast", "ansi-dark", "ansi-light")
OWN_COLOURS = ("ansi-dark", "ansi-light")

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ff00ff",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    warning="#ffaa00",
    error="#ff5555",
    success="#55ff55",
    dark=True,
)

BINDING = Binding(
    "ctrl+t",
    "next_theme",
    "Theme",
    show=False,
    tooltip="The next theme (high contrast, your terminal's own colours …); remembered for you",
    id="app.next_theme",
)


class Preferences:
    _person: Person | None = None
    _peer_key: str | None = None  # the peer a peer's own view opened as (plain records)
    _default_theme = ""
    _prefs_ready = False  # mounted: the themes are registered and the screen is up
    _applying = False
    _told = False

    @property
    def person(self) -> Person | None:
        """Who signed in (encrypted records): their preferences follow them."""
        return self._person

    @person.setter
    def person(self, who: Person | None) -> None:
        self._person = who
        if self._prefs_ready:
            self.apply_preferences()

    def preference_key(self) -> str:
        if self._person is not None:
            return self._person.id
        return self._peer_key or ANYONE

    def start_preferences(self) -> None:
        """Once mounted: the preferences of whoever the app opened as."""
        self._peer_key = self._opened_as()
        self._default_theme = self.theme
        self._prefs_ready = True
        self.apply_preferences()

    def _opened_as(self) -> str | None:
        """The peer a peer's own view opened as (plain records, --peer)."""
        if self.person is not None or self.peer_name is None or self.store.locked:
            return None
        from ..usecases.people import find_person

        try:
            return find_person(self.store, self.peer_name, Role.PEER).id
        except StoreError:
            return None

    def apply_preferences(self) -> None:
        chosen = preferences(self.preference_key()).get("theme", self._default_theme)
        if chosen in self.available_themes and chosen != self.theme:
            self._applying = True
            try:
                self.theme = chosen
            finally:
                self._applying = False

    def watch_theme(self, name: str) -> None:
        """A theme chosen (the palette's "Theme", or Ctrl+T) is kept for this person."""
        if not self._prefs_ready or self._applying:
            return
        try:
            remember(self.preference_key(), "theme", name)
        except StoreError as error:
            if not self._told:
                self._told = True
                self.notify(f"{error} The theme is used now, not kept.", severity="warning")

    def action_next_theme(self) -> None:
        names = [name for name in THEMES if name in self.available_themes]
        at = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(at + 1) % len(names)]
        own = " (your terminal's own colours)" if self.theme in OWN_COLOURS else ""
        self.notify(f"Theme: {self.theme}{own}. Ctrl+T for the next one.", timeout=4)
