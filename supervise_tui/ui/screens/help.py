"""F1 / ? help: what the current screen is for, in plain words, and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown, Static


def _key_table(screen: Screen) -> str:
    rows = []
    seen = set()
    for binding in [*screen.BINDINGS, *screen.app.BINDINGS]:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        key = binding.key_display or binding.key
        if key in seen:
            continue
        seen.add(key)
        what = binding.tooltip or binding.description
        rows.append(f"| `{key}` | {what} |")
    if not rows:
        return ""
    return "\n## Keys\n\n| Key | What it does |\n|---|---|\n" + "\n".join(rows) + "\n"


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
        Binding("escape,f1,q,question_mark", "dismiss", "Close help", show=True),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        title = getattr(self.under, "HELP_TITLE", "Help")
        text = getattr(self.under, "HELP_TEXT", "")
        body = f"# {title}\n\n{text}\n{_key_table(self.under)}"
        with VerticalScroll():
            yield Markdown(body)
            yield Static("Press Escape to close help.", classes="hint")
