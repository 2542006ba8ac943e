"""What makes a passphrase acceptable, said plainly (a hint, not a score)."""

from __future__ import annotations

from .errors import ValidationError

MIN_LENGTH = 10
COMMON = {
    "password",
    "passphrase",
    "supervise",
    "supervision",
    "123456789",
    "1234567890",
    "qwertyuiop",
    "letmein123",
    "iloveyou12",
    "changeme12",
}


def check_passphrase(text: str, again: str | None = None, field: str = "passphrase") -> str:
    """The passphrase, or a ValidationError saying what to change."""
    if again is not None and text != again:
        raise ValidationError(
            "The two passphrases are not the same; please type them again.", field
        )
    if len(text) < MIN_LENGTH:
        raise ValidationError(
            f"Use at least {MIN_LENGTH} characters: a few words you will remember is best.", field
        )
    if text.casefold() in COMMON or len(set(text)) < 4:
        raise ValidationError("That one is too easy to guess: try a few unrelated words.", field)
    return text


def strength_hint(text: str) -> str:
    """A few words about a passphrase being typed."""
    if not text:
        return "A few unrelated words you will remember, like 'kettle orchard blue ferry'."
    if len(text) < MIN_LENGTH:
        return f"Too short: {MIN_LENGTH - len(text)} more character(s) at least."
    words = len(text.split())
    if len(text) >= 20 or words >= 4:
        return "Strong: hard to guess, and a phrase is easy to remember."
    if words >= 3 or len(text) >= 14:
        return "Good. One more word would make it stronger."
    return "Acceptable. A longer phrase of a few words is stronger."
