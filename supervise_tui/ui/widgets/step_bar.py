"""The step indicator: where the session is, what is done, what was skipped."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from ...services.walkthrough import STEPS, step_title

__all__ = ["STEPS", "StepBar", "step_title"]

MARK = {"current": "▶", "done": "✓", "skipped": "–", "todo": "·"}


class StepBar(Static):
    """Steps on one line (markers, not colour alone); details on the second."""

    DEFAULT_CSS = """
    StepBar { height: 2; background: $panel; padding: 0 1; }
    """

    def __init__(self, **kw) -> None:
        super().__init__("", **kw)
        self.current = "check_in"
        self.done: set[str] = set()
        self.skipped: set[str] = set()
        self.detail = ""
        self.saved = ""

    def show(self, current: str, done: set[str], skipped: set[str]) -> None:
        self.current, self.done, self.skipped = current, done, skipped
        self._paint()

    def status(self, detail: str | None = None, saved: str | None = None) -> None:
        if detail is not None:
            self.detail = detail
        if saved is not None:
            self.saved = saved
        self._paint()

    def state_of(self, key: str) -> str:
        if key == self.current:
            return "current"
        if key in self.skipped:
            return "skipped"
        if key in self.done:
            return "done"
        return "todo"

    def _paint(self) -> None:
        line = Text(no_wrap=True, overflow="ellipsis")
        for i, (key, title) in enumerate(STEPS):
            state = self.state_of(key)
            if i:
                line.append(" ")
            style = {
                "current": "bold reverse",
                "done": "",
                "skipped": "dim strike",
                "todo": "dim",
            }[state]
            line.append(
                f"{MARK[state]}{title}",
                style=Style.parse(style or "none")
                + Style(meta={"@click": f"screen.goto('{key}')"}),
            )
        index = [k for k, _ in STEPS].index(self.current) + 1
        second = Text(no_wrap=True, overflow="ellipsis")
        second.append(f"Step {index} of {len(STEPS)}: {step_title(self.current)}", "bold")
        if self.saved:
            # The save state comes first so it is never cut off at narrow widths.
            warn = self.saved.startswith("NOT SAVED")
            second.append(" · ")
            second.append(self.saved, "bold reverse" if warn else "dim")
        if self.detail:
            second.append(f" · {self.detail}")
        self.update(Text("\n").join([line, second]))

    def on_resize(self) -> None:
        self._paint()
