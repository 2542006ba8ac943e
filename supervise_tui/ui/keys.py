"""Keys: the bindings of a screen, their names as people say them, and a person's own
keymap from the config file.

Every binding in the app has an id (``session.next``, ``app.quit``, …): a screen makes its
bindings with :func:`binder`, which names each after the screen and its action. ``[keymap]`` in
``config.toml`` moves a binding to other keys by its id::

    [keymap]
    "session.next" = "ctrl+n"
    "session.back" = "ctrl+b,f7"
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import unicodedata
from collections.abc import Callable, Mapping

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import KEY_NAME_REPLACEMENTS, REPLACED_KEYS, Keys, format_key, key_to_character


def binder(where: str) -> Callable[..., Binding]:
    """A maker of ``where``'s bindings, each with the id ``<where>.<action>`` (or
    ``<where>.<name>``, for an action with arguments) that the keymap and the palette use::

        bind = binder("home")
        BINDINGS = [bind("t", "team", "Team", "All peers side by side, with trends"), …]
    """

    def bind(
        keys: str,
        action: str,
        description: str,
        tooltip: str = "",
        *,
        show: bool = True,
        priority: bool = False,
        name: str | None = None,
    ) -> Binding:
        return Binding(
            keys,
            action,
            description,
            show=show,
            priority=priority,
            tooltip=tooltip,
            id=f"{where}.{name or action}",
        )

    return bind


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


def all_bindings() -> dict[str, tuple[type, Binding]]:
    """Every binding of every screen, dialog and widget of the app, by id, with the class
    that declares it."""
    from . import dialogs, screens, widgets
    from .app import SuperviseApp

    found: dict[str, tuple[type, Binding]] = {}
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
                found.setdefault(binding.id, (cls, binding))
    return found


MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
NAMED_KEYS = {key.value for key in Keys if "+" not in key.value and not key.value.startswith("<")}
ALIASES = {
    "esc": "escape",
    "del": "delete",
    "return": "enter",
    "pgup": "pageup",
    "pgdn": "pagedown",
}


def key_name(token: str) -> str | None:
    """A key as Textual names it ("Ctrl+N" -> "ctrl+n", "?" -> "question_mark"), or None."""
    token = token.strip()
    if len(token) == 1:
        return _character(token) if token.isprintable() and not token.isspace() else None
    *modifiers, name = token.split("+")
    modifiers = [m.strip().lower() for m in modifiers]
    if any(m not in MODIFIERS for m in modifiers) or len(set(modifiers)) != len(modifiers):
        return None
    if len(name) == 1:
        name = _character(name.lower() if modifiers else name)
    else:
        name = ALIASES.get(name.lower(), name.lower())
        known = name in NAMED_KEYS or name in REPLACED_KEYS
        if not known and key_to_character(name) is None:
            return None
    return "+".join([*modifiers, name])


def _character(char: str) -> str:
    """A typed character's key name, as Textual gives it: "?" -> "question_mark", "/" -> "slash"."""
    if char.isalnum():
        return char
    try:
        name = unicodedata.name(char).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return char
    return KEY_NAME_REPLACEMENTS.get(name, name)


def flatten(table: Mapping[str, object], prefix: str = "") -> dict[str, object]:
    """Unquoted ids in TOML (session.next = "f8") arrive as tables: join them back."""
    flat: dict[str, object] = {}
    for name, value in table.items():
        if isinstance(value, Mapping):
            flat.update(flatten(value, f"{prefix}{name}."))
        else:
            flat[f"{prefix}{name}"] = value
    return flat


def check_keymap(
    entries: Mapping[str, object], known: set[str]
) -> tuple[dict[str, str], list[str]]:
    """The usable entries as a keymap, and a few words on each one skipped."""
    keymap: dict[str, str] = {}
    skipped: list[str] = []
    for binding_id, value in flatten(entries).items():
        if binding_id not in known:
            skipped.append(f'"{binding_id}" (no key has that id)')
            continue
        if not isinstance(value, str) or not value.strip():
            skipped.append(f'"{binding_id}" (give the key as text, e.g. "ctrl+n")')
            continue
        keys = [key_name(token) for token in value.split(",")]
        if None in keys:
            skipped.append(f'"{binding_id}" = "{value}" (not a key name Textual knows)')
            continue
        keymap[binding_id] = ",".join(keys)
    return keymap, skipped


def taken_keys(
    keymap: Mapping[str, str], bindings: Mapping[str, tuple[type, Binding]]
) -> list[str]:
    """Where a moved key was another binding's on the same screen: that one loses it."""
    said = []
    for binding_id, keys in keymap.items():
        owner, _ = bindings[binding_id]
        for other_id, (other_owner, other) in bindings.items():
            if other_owner is not owner or other_id == binding_id or other_id in keymap:
                continue
            lost = set(other.key.split(",")) & set(keys.split(","))
            if lost:
                names = " or ".join(say_key(k) for k in sorted(lost))
                said.append(
                    f'"{binding_id}" takes {names} from "{other_id}" ({other.description}), '
                    "which has no key there now"
                )
    return said


def user_keymap(settings: dict) -> tuple[dict[str, str], list[str]]:
    """The ``[keymap]`` of the settings, checked: known binding ids to key strings, and one
    plain sentence for whatever was skipped or displaced."""
    table = settings.get("keymap", {})
    if not isinstance(table, Mapping):
        return {}, ["The [keymap] in the settings file is not a table; it was skipped."]
    if not table:  # nothing moved: no need to import every screen to know their keys
        return {}, []
    bindings = all_bindings()
    keymap, skipped = check_keymap(table, set(bindings))
    said = []
    if skipped:
        said.append("Some of your keys were skipped: " + "; ".join(skipped) + ".")
    lost = taken_keys(keymap, bindings)
    if lost:
        said.append("; ".join(lost).capitalize() + ".")
    return keymap, said
