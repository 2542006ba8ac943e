"""Two voices for a step: the peer's own words and the supervisor's notes, one field each
(made by the step, :meth:`StepPane.voices`)."""

from __future__ import annotations

from textual.containers import Vertical


class VoicesBox(Vertical):
    DEFAULT_CSS = """
    VoicesBox { height: auto; margin-top: 1; }
    VoicesBox TextArea { height: 4; }
    """
