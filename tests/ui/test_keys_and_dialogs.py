"""Keys and dialogs: every binding has an id, the palette is the registry, a person's own
keymap moves a key, every dialog answers F2 and Esc the same way."""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

from supervise_tui.domain.models import Person
from supervise_tui.ui import dialogs, screens, widgets
from supervise_tui.ui.actions import ACTIONS, offered
from supervise_tui.ui.app import SuperviseApp
from supervise_tui.ui.commands import SuperviseCommands
from supervise_tui.ui.dialogs.confirm import ConfirmDialog
from supervise_tui.ui.dialogs.export import ExportDialog
from supervise_tui.ui.dialogs.person import PersonForm
from supervise_tui.ui.dialogs.pick import PickOne
from supervise_tui.ui.dialogs.signoff import SignOffDialog
from supervise_tui.ui.dialogs.text import TextDialog
from supervise_tui.ui.keys import all_bindings, say_key
from supervise_tui.ui.screens.team import TeamScreen

from .helpers import SIZE, build_app, settle, type_text


def app_classes() -> set[type]:
    found: set[type] = {SuperviseApp}
    for package in (screens, dialogs, widgets):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            found |= {
                c
                for _, c in inspect.getmembers(module, inspect.isclass)
                if issubclass(c, DOMNode) and c.__module__ == module.__name__
            }
    return found


def test_every_binding_has_an_id_unique_to_what_it_does():
    seen: dict[str, tuple] = {}
    count = 0
    for cls in app_classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            assert isinstance(binding, Binding), (cls, binding)
            assert binding.id, f"{cls.__name__}: {binding.key} has no id"
            count += 1
            what = (binding.action, binding.description)
            # one id may be shared only by bindings that do the same (every dialog's OK)
            assert seen.setdefault(binding.id, what)[0] == binding.action, binding.id
    assert count >= 60


def test_the_registry_names_real_bindings_and_the_palette_is_the_registry():
    bindings = all_bindings()
    for entry in ACTIONS:
        assert entry.id in bindings, entry.id
        assert bindings[entry.id][1].action.removeprefix("app.") == entry.action
    assert len({e.title + e.where for e in ACTIONS}) == len(ACTIONS)
    home = offered("home", read_only=False)
    assert [e.title for e in home][:2] == ["history: open", "team: open"]
    assert all(not e.writes for e in offered("home", read_only=True))
    assert {e.where for e in offered("peer", read_only=False)} == {"peer", "app"}


async def test_the_palette_offers_what_the_registry_says(repo, team):
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listed = [e.title for e in SuperviseCommands(app.screen)._entries()]
        assert listed == [e.title for e in offered("home", read_only=False)]
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "team: open")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TeamScreen)


def write_settings(text: str) -> Path:
    folder = Path(os.environ["SUPERVISE_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(text)
    return path


async def test_a_keymap_in_the_settings_moves_a_key(repo, team):
    write_settings('[keymap]\nhome.team = "Ctrl+T"\n')  # as help writes it, id unquoted
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")  # no longer the team key
        await settle(pilot)
        assert not isinstance(app.screen, TeamScreen)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, TeamScreen)
        await pilot.press("escape")
        await pilot.press("f1")
        await settle(pilot)
        body = app.screen.query_one("Markdown")._markdown
        assert "| `Ctrl+T` | All peers side by side" in body  # help says the person's key


@pytest.mark.parametrize(
    "text, said",
    [
        ('[keymap]\n"no.such.key" = "x"\n', "no key has that id"),
        ('[keymap]\n"home.team" = "Ctrl+Flurble"\n', "not a key name"),
        ("[keymap\nbroken", "not valid TOML"),
        ("a = " + "[" * 3000 + "]" * 3000, "nested too deeply"),
        ('keymap = "ctrl+x"\n', "not a table"),
    ],
)
async def test_a_bad_settings_file_is_said_once_and_the_app_runs(repo, team, text, said):
    write_settings(text)
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = [n.message for n in app._notifications]
        assert any(said in note for note in notes), notes
        await pilot.press("t")  # the usual keys work
        await settle(pilot)
        assert isinstance(app.screen, TeamScreen)


def test_the_keys_doc_lists_every_id():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "keys.md").read_text()
    missing = [i for i in all_bindings() if f"`{i}`" not in doc]
    assert not missing, f"docs/keys.md does not list {missing}"


def test_keys_are_named_as_people_say_them():
    assert say_key("question_mark") == "?"
    assert say_key("ctrl+q") == "Ctrl+Q"
    assert say_key("f8") == "F8"
    assert say_key("escape,h") == "Esc or h"
    assert say_key("space") == "Space"
    assert say_key("delete,d") == "Delete or d"


DIALOGS = {
    "confirm": lambda: ConfirmDialog("Delete this?"),
    "text": lambda: TextDialog("A topic", "For next time"),
    "sign-off": lambda: SignOffDialog([("Jordan Ellery", "p1")]),
    "export": lambda: ExportDialog("a record", "record", folder=Path("/nonexistent-folder")),
    "person": lambda: PersonForm(),
    "pick": lambda: PickOne([("A draft", "d1")]),
}


@pytest.mark.parametrize("name", sorted(DIALOGS))
async def test_every_dialog_cancels_with_escape(repo, team, name):
    app = build_app(repo)
    answers: list = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(DIALOGS[name](), answers.append)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    assert answers in ([None], [False])  # a confirm's "no" is False


async def test_ok_either_answers_or_says_what_is_wrong_in_the_dialog(repo, team):
    app = build_app(repo)
    answers: list = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(TextDialog("A topic"), answers.append)
        await settle(pilot)
        await pilot.press("f2")  # empty: refused, said on the dialog's error line
        await settle(pilot)
        error = app.screen.query_one("#dialog-error")
        assert error.display and "fill in" in str(error.render())
        await type_text(pilot, "Rota")
        assert not error.display  # gone once the name is typed
        await pilot.press("f2")
        await settle(pilot)
        export = ExportDialog("a record", "record", folder=Path("/nonexistent-folder"))
        app.push_screen(export, answers.append)
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert "does not exist" in str(app.screen.query_one("#dialog-error").render())
        await pilot.press("escape")
        await settle(pilot)
        app.push_screen(PersonForm(), answers.append)
        await settle(pilot)
        await type_text(pilot, "Avery Sorensen")
        await pilot.press("f2")
        await settle(pilot)
    assert answers[0] == "Rota" and answers[1] is None
    assert isinstance(answers[2], Person) and answers[2].name == "Avery Sorensen"
