"""The one shape every dialog has: a framed box over the screen, a heading, its fields, a
line for what is wrong, and two buttons — OK (F2, also Enter in a one-line field) and
Cancel (Esc).

A dialog says what it returns in :meth:`Dialog.submit`; raising :class:`Problem` there
shows the message (beside a field when it names one) and keeps the dialog open.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Static

from ..widgets.fields import say

T = TypeVar("T")


def person_select(people: list[tuple[str, str]], select_id: str):
    """A choice among ``people`` ((name, id) pairs), the first chosen; names are shown as
    typed, never read as markup."""
    from rich.text import Text
    from textual.widgets import Select

    options = [(Text(name), value) for name, value in people]
    return Select(options, value=people[0][1], allow_blank=False, id=select_id, compact=True)


class Problem(Exception):
    """What is wrong with what was typed; ``where`` is the id of a line to show it on."""

    def __init__(self, message: str, where: str = "dialog-error", focus: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.focus = focus


class Dialog(ModalScreen[T | None], Generic[T]):
    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > .dialog-box {
        width: 72; max-width: 98%; height: auto; max-height: 98%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    Dialog .dialog-box > Label { color: $text-muted; margin-top: 1; }
    Dialog .error-line { color: $error; text-style: bold; height: auto; }
    Dialog .buttons { height: auto; margin-top: 1; }
    Dialog Button { margin-right: 2; }
    """
    OK_LABEL = "Save"  # the F2 button and key, as people read it
    OK_TIP = ""
    WIDTH: int | None = None  # a wider or narrower box than the usual 72
    ENTER_MOVES = False  # Enter walks the fields of enter_order() (see action_enter)

    def __init_subclass__(cls, **kwargs) -> None:
        # Before Textual's own hook, which gathers each class's bindings.
        if "BINDINGS" not in cls.__dict__:
            cls.BINDINGS = [
                Binding(
                    "f2", "ok", cls.OK_LABEL, priority=True, tooltip=cls.OK_TIP, id="dialog.ok"
                ),
                Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
            ]
            if cls.ENTER_MOVES:
                # A priority key is read in turn with the keys after it, so focus has
                # moved before they are: typed at full speed, nothing lands in the
                # field before (an Input's own Enter is a message that comes too late).
                cls.BINDINGS.append(
                    Binding("enter", "enter", "Next", show=False, priority=True, id="dialog.enter")
                )
        super().__init_subclass__(**kwargs)

    def action_enter(self) -> None:
        from textual.actions import SkipAction
        from textual.widgets import Button, Select

        focused, order = self.focused, self.enter_order()
        if isinstance(focused, Button):
            focused.press()
        elif focused is not None and any(isinstance(w, Select) for w in (focused, focused.parent)):
            # a choice's own Enter (open it, pick the option highlighted), in turn with
            # the arrow keys typed before it
            raise SkipAction()
        elif focused is not None and focused.id in order[:-1]:
            self.set_focus(self.query_one(f"#{order[order.index(focused.id) + 1]}"))
        else:
            self.after_typing(self.action_ok)

    def after_typing(self, callback) -> None:
        """Run ``callback`` once every key already sent to a field of this dialog has
        landed there: a priority key (Enter, F2) is read before the letters typed ahead
        of it reach their field, so a fast typist's last words would be missed."""
        from textual.widgets import Input, TextArea

        fields = [w for w in self.query("*") if isinstance(w, Input | TextArea)]

        def step(i: int) -> None:
            if i == len(fields):
                callback()
            else:
                fields[i].call_later(step, i + 1)

        self.call_later(step, 0)  # keys pass through this screen on their way to a field

    def heading(self) -> str:
        return ""

    def fields(self) -> ComposeResult:
        """The dialog's own widgets, between the heading and the buttons."""
        yield from ()

    def submit(self) -> T:
        """What OK returns; raise Problem to say what is wrong instead."""
        raise NotImplementedError

    def first_focus(self) -> Widget | None:
        return None

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box") as box:
            if self.WIDTH:
                box.styles.width = self.WIDTH
            heading = self.heading()
            if heading:
                yield Static(heading)
            yield from self.fields()
            yield Static("", id="dialog-error", markup=False, classes="error-line")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.OK_LABEL} (F2)", variant="primary", id="ok")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        for line in self.query(".error-line"):
            line.display = False
        first = self.first_focus()
        if first is not None:
            first.focus()

    def enter_order(self) -> list[str]:
        """Input ids that Enter walks through before it submits (empty: Enter submits)."""
        return []

    def on_input_submitted(self, event) -> None:
        order = self.enter_order()
        if event.input.id in order[:-1]:  # at once: keys typed next land in the next field
            self.set_focus(self.query_one(f"#{order[order.index(event.input.id) + 1]}"))
        else:
            self.action_ok()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            event.stop()
            self.action_ok()
        elif event.button.id == "cancel":
            event.stop()
            self.action_cancel()

    def action_ok(self) -> None:
        for line in self.query(".error-line"):
            say(line, "")
        try:
            result = self.submit()
        except Problem as problem:
            self.show_problem(problem)
            return
        self.dismiss(result)

    def show_problem(self, problem: Problem) -> None:
        say(self.query_one(f"#{problem.where}", Static), problem.message)
        self._problem = problem
        if problem.focus:
            self.query_one(f"#{problem.focus}").focus()

    def on_input_changed(self, event) -> None:
        """A problem goes away from the screen as soon as what it was about is typed
        again (it is checked afresh at the next F2)."""
        problem = getattr(self, "_problem", None)
        if problem is None or not event.value.strip():
            return
        if problem.focus is None or event.input.id == problem.focus:
            say(self.query_one(f"#{problem.where}", Static), "")
            self._problem = None

    def action_cancel(self) -> None:
        self.dismiss(None)


def bold(text: str) -> str:
    """A heading line: what a person typed is shown as typed, never read as markup."""
    return f"[b]{escape(text)}[/b]"
