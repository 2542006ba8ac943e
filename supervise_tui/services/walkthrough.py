"""The steps of a session's walk-through, in order: one list for every way of walking it
(the TUI's step bar and the plain line-by-line mode)."""

from __future__ import annotations

from ..domain.enums import Section

STEPS: list[tuple[str, str]] = [
    ("review", "Review"),
    ("check_in", "Check-in"),
    ("strengths", "Strengths"),
    ("role", "Role"),
    ("concerns", "Concerns"),
    ("goals", "Goals"),
    ("feedback", "Feedback"),
    ("wrap_up", "Wrap-up"),
]
STEP_KEYS = [key for key, _ in STEPS]


def step_title(key: str) -> str:
    """The short title, for the step bar."""
    return dict(STEPS)[key]


def step_name(key: str) -> str:
    """The whole name, said in a sentence ("Role negotiation")."""
    return "Review of what is still open" if key == "review" else Section(key).label
