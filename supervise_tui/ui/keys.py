"""Keys: their names as people say them, and a person's own keymap from the config file.

Every binding in the app has an id (``session.next``, ``app.quit``, …). ``[keymap]`` in
``config.toml`` moves a binding to other keys by its id::

    [keymap]
    "session.next" = "ctrl+n"
    "session.back" = "ctrl+b,f7"
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import format_key

_SAID = {"esc": "Esc", "⏎": "Enter", "space": "Space", "tab": "Tab", "del": "Delete"}


def say_key(keys: str) -> str:
    """``"escape,h"`` as ``"Esc or h"``; ``"f8"`` as ``"F8"``; ``"question_mark"`` as ``"?"``."""
    said = []
    for key in (k.strip() for k in keys.split(",") if k.strip()):
        *mods, last = key.split("+")
        shown = format_key(last)
        shown = _SAID.get(shown, shown)
        if len(shown) > 1 and shown[0] in "fF" and shown[1:].isdigit():
            shown = shown.upper()
        elif len(shown) > 1:
            shown = shown[0].upper() + shown[1:]
        elif mods:
            shown = shown.upper()  # "Ctrl+Q", as people say it
        said.append("+".join([*(m.capitalize() for m in mods), shown]))
    return " or ".join(said)


def all_bindings() -> dict[str, Binding]:
    """Every binding of every screen, dialog and widget of the app, by id."""
    from . import dialogs, screens, widgets
    from .app import SuperviseApp

    found: dict[str, Binding] = {}
    classes: set[type] = {SuperviseApp}
    for package in (screens, dialogs, widgets):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            classes.update(
                c
                for _, c in inspect.getmembers(module, inspect.isclass)
                if issubclass(c, DOMNode) and c.__module__.startswith("supervise_tui.")
            )
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.id:
                found.setdefault(binding.id, binding)
    return found


def user_keymap(settings: dict) -> tuple[dict[str, str], list[str]]:
    """The ``[keymap]`` of the settings, checked: known binding ids to key strings."""
    table = settings.get("keymap", {})
    if not isinstance(table, dict):
        return {}, ["The [keymap] in the settings file is not a table; it was skipped."]
    known = all_bindings()
    keymap, problems = {}, []
    for binding_id, keys in table.items():
        if binding_id not in known:
            problems.append(
                f"The keymap names {binding_id!r}, which is no key of this app; it was skipped."
            )
        elif not isinstance(keys, str) or not keys.strip():
            problems.append(f"The keymap's keys for {binding_id!r} are not text; skipped.")
        else:
            keymap[binding_id] = keys.strip()
    return keymap, problems
