"""Rules for text people type: length limits and unsafe characters.

Text is kept as typed (emoji, right-to-left scripts and line breaks are all
fine); only invisible control characters that would corrupt a terminal or a
file are removed.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import ValidationError

NAME_MAX = 120
SHORT_MAX = 500
NOTE_MAX = 20_000

# C0 and C1 controls except tab and newline; also lone surrogates.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(text: str) -> str:
    """Normalise line endings and drop control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def check_text(
    value: object,
    field: str,
    *,
    limit: int = NOTE_MAX,
    required: bool = False,
    label: str | None = None,
) -> str:
    """Return ``value`` cleaned, or raise a ValidationError about it."""
    # The common case in one pass (an import checks millions): nothing clean() would
    # change (a carriage return is one of the controls), and nothing to refuse.
    if (
        type(value) is str
        and len(value) <= limit
        and not _CONTROL.search(value)
        and (not required or value.strip())
    ):
        return value
    label = label or field.replace("_", " ")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(f"The {label} must be text.", field)
    value = clean(value)
    if required and not value.strip():
        raise ValidationError(f"Please fill in the {label}.", field)
    if len(value) > limit:
        raise ValidationError(
            f"The {label} is {len(value):,} characters long; "
            f"the limit is {limit:,}. Please shorten it.",
            field,
        )
    return value


def check_name(value: object, field: str = "name", label: str = "name") -> str:
    name = check_text(value, field, limit=NAME_MAX, required=True, label=label)
    name = " ".join(name.split())
    if any(unicodedata.category(ch) == "Cf" for ch in name if ch not in "\u200c\u200d"):
        # Invisible formatting marks make two names look identical.
        name = "".join(
            ch for ch in name if unicodedata.category(ch) != "Cf" or ch in "\u200c\u200d"
        )
    if not name:
        raise ValidationError(f"Please fill in the {label}.", field)
    return name


def excerpt(text: str, width: int = 60) -> str:
    """A one-line excerpt for lists."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"
