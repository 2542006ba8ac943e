"""F1 / ? help: what the current screen is for, in plain words, and its keys."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown, Static

from ..keys import binder, say_key


@cache
def _help_file() -> dict[str, dict[str, str]]:
    return tomllib.loads(files("supervise_tui.ui").joinpath("help.toml").read_text("utf-8"))


def screen_help(name: str) -> tuple[str, str]:
    """A screen's help title and text, from ``ui/help.toml`` by the screen's id."""
    entry = _help_file()[name]
    return entry["title"], entry["text"]


def screen_id(cls: type) -> str | None:
    """A screen's id: the one its own keys' ids begin with (``history.export`` …)."""
    for klass in cls.__mro__:
        for binding in klass.__dict__.get("BINDINGS", []):
            where = (getattr(binding, "id", None) or "").split(".")[0]
            if where and where != "app":
                return where
    return None


def help_of(screen: Screen | type) -> tuple[str, str]:
    """What F1 says on ``screen`` (or a screen of that class): its own HELP_TITLE and
    HELP_TEXT when it writes them itself (Home, a session …), else its entry in
    ``ui/help.toml`` by its id."""
    text = getattr(screen, "HELP_TEXT", None)
    if isinstance(text, str):
        return getattr(screen, "HELP_TITLE", "Help"), text
    name = screen_id(screen if isinstance(screen, type) else type(screen))
    if name in _help_file():
        return screen_help(name)
    return "Help", ""


def _key_table(screen: Screen) -> str:
    """The screen's keys and the app's, as people say them (with the person's own keys)."""
    keymap = getattr(screen.app, "keymap", {})
    rows = []
    seen = set()
    for binding in _bindings_of(screen):
        if not binding.description:
            continue
        keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
        if (binding.action, keys) in seen:
            continue
        seen.add((binding.action, keys))
        rows.append(f"| `{say_key(keys)}` | {binding.tooltip or binding.description} |")
    if not rows:
        return ""
    return "\n## Keys\n\n| Key | What it does |\n|---|---|\n" + "\n".join(rows) + "\n"


def _bindings_of(screen: Screen) -> list[Binding]:
    """The bindings declared for the screen (its classes, then the app's)."""
    found = []
    for cls in type(screen).__mro__:
        found += [b for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]
    return found + [b for b in type(screen.app).BINDINGS if isinstance(b, Binding)]


bind = binder("help")


class HelpScreen(ModalScreen[None]):
    """Help for the screen underneath."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [
        bind("escape,f1,q,question_mark", "dismiss", "Close help", name="close"),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        title, text = help_of(self.under)
        body = f"# {title}\n\n{text}\n{_key_table(self.under)}"
        with VerticalScroll():
            yield Markdown(body)
            yield Static("Press Escape to close help.", classes="hint")
