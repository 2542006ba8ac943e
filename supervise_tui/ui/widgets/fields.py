"""Labelled form fields whose ids carry the draft path they edit.

A control's id is ``f__`` plus its path with dots turned into ``__``; the
line under it (``e__`` + the same) shows an error, or for dates what was
understood. The session screen handles every change in one place.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from .controls import TextBox, TextInput

BLANK = ""


def control_id(path: str) -> str:
    return "f__" + path.replace(".", "__")


def error_id(path: str) -> str:
    return "e__" + path.replace(".", "__")


def path_of(widget_id: str | None) -> str | None:
    if not widget_id or not widget_id.startswith("f__"):
        return None
    return widget_id[3:].replace("__", ".")


EMPTY_HINT = "(type here)"  # an empty field must show on any terminal, even without colour


def text_input(path: str, value: str, placeholder: str = "", **kw) -> Input:
    return TextInput(
        value=value,
        placeholder=placeholder or EMPTY_HINT,
        id=control_id(path),
        compact=True,
        **kw,
    )


def text_area(path: str, value: str, **kw) -> TextArea:
    kw.setdefault("placeholder", EMPTY_HINT)
    area = TextBox(
        value, id=control_id(path), soft_wrap=True, tab_behavior="focus", compact=True, **kw
    )
    area.show_line_numbers = False
    return area


def select(
    path: str, options: Iterable[tuple[str, str]], value: str, *, blank: str | None = "—"
) -> Select:
    options = list(options)
    allowed = {v for _, v in options}
    kwargs = {"allow_blank": blank is not None}
    if blank is not None:
        kwargs["prompt"] = blank
    current = value if value in allowed else Select.NULL
    if current is Select.NULL and blank is None and options:
        current = options[0][1]
    shown = [(Text(label), v) for label, v in options]  # names are shown as typed
    return Select(shown, value=current, id=control_id(path), compact=True, **kwargs)


class Field(Vertical):
    """A label, a control, and a line for its message.

    ``inline`` puts the label beside the control (one row instead of two), for
    short inputs and choices; long text keeps its label above.
    """

    DEFAULT_CSS = """
    Field { height: auto; margin: 0 0 0 0; }
    Field > Label { color: $text-muted; padding: 0 1; }
    Field > Input, Field > Select, Field > TextArea { margin: 0 1; }
    Field > .field-row { height: auto; }
    Field > .field-row > Label { width: 26; color: $text-muted; padding: 0 1; }
    Field > .field-row > Input, Field > .field-row > Select { width: 1fr; margin-right: 1; }
    Field > .field-message { height: auto; padding: 0 1; color: $text-muted; }
    Field > .field-message.-error { color: $error; text-style: bold; }
    Field > .field-message.-warning { color: $warning; text-style: bold; }
    """

    def __init__(
        self, label: str, control: Widget, path: str, note: str = "", *, inline: bool = False, **kw
    ) -> None:
        super().__init__(**kw)
        self.label = label
        self.control = control
        self.path = path
        self.note = note
        self.inline = inline

    def compose(self) -> ComposeResult:
        if self.inline:
            with Horizontal(classes="field-row"):
                yield Label(self.label, markup=False)
                yield self.control
        else:
            yield Label(self.label, markup=False)
            yield self.control
        message = Static(self.note, id=error_id(self.path), classes="field-message", markup=False)
        message.display = bool(self.note)
        yield message


class InlineField(Horizontal):
    """A label and a short control on one line, message below (for ratings)."""

    DEFAULT_CSS = """
    InlineField { height: auto; }
    InlineField > Label { width: 1fr; padding: 0 1; }
    InlineField > Input { width: 7; margin-right: 1; }
    InlineField > .note-input { width: 1fr; }
    """

    def __init__(self, label: str, *controls: Widget, **kw) -> None:
        super().__init__(**kw)
        self.label = label
        self.controls = controls

    def compose(self) -> ComposeResult:
        yield Label(self.label, markup=False)
        yield from self.controls


def message_line(path: str, text: str = "") -> Static:
    line = Static(text, id=error_id(path), classes="field-message", markup=False)
    line.display = bool(text)
    return line


def say(line: Static, text: str) -> None:
    """Show a message line, or hide it when there is nothing to say."""
    line.update(text)
    line.display = bool(text)
