"""Each person's own preferences on this machine (the theme they chose), kept in
``preferences.json`` in the config folder beside ``config.toml`` (which is the person's
own to edit, and never written by the app).

Keyed by the person's id (never their name): whoever signed in, or the peer a peer's own
view opened as; ``ANYONE`` for records nobody signs in to. Written whole and atomically,
0600 in a 0700 folder. A file that cannot be read is no preferences: they never stop the
app.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from ..config import config_dir
from .files import atomic_write, ensure_dir, read_limited

PREFERENCES_FILE = "preferences.json"
MAX_BYTES = 256 * 1024
MAX_VALUE = 100  # a theme's name; nothing long is kept
ANYONE = "anyone"


def preferences_file() -> Path:
    return config_dir() / PREFERENCES_FILE


def _read() -> dict[str, dict[str, str]]:
    path = preferences_file()
    try:
        data = orjson.loads(read_limited(path, MAX_BYTES, "preferences file"))
    except (OSError, ValueError):  # missing, unreadable, too large, not JSON
        return {}
    people = data.get("people") if isinstance(data, dict) else None
    if not isinstance(people, dict):
        return {}
    return {
        key: {k: v for k, v in prefs.items() if isinstance(v, str) and len(v) <= MAX_VALUE}
        for key, prefs in people.items()
        if isinstance(key, str) and isinstance(prefs, dict)
    }


def preferences(person_key: str) -> dict[str, str]:
    """What this person chose (``{"theme": "ansi-dark"}``); empty when nothing yet."""
    return dict(_read().get(person_key, {}))


def remember(person_key: str, name: str, value: str) -> None:
    """Keep one preference of one person, the others' as they were. Raises StoreError
    (one sentence) when the file cannot be written."""
    people = _read()
    people.setdefault(person_key, {})[name] = value[:MAX_VALUE]
    path = preferences_file()
    ensure_dir(path.parent)
    atomic_write(path, orjson.dumps({"version": 1, "people": people}, option=orjson.OPT_INDENT_2))
