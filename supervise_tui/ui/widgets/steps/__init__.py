"""One widget per walk-through step."""

from .base import SessionContext, StepPane
from .checkin import CheckInStep
from .concerns import ConcernsStep
from .feedback import FeedbackStep
from .goals import GoalsStep
from .ideas import IdeasStep
from .review import ReviewStep
from .role import RoleStep
from .strengths import StrengthsStep
from .wrapup import WrapUpStep

PANES: dict[str, type[StepPane]] = {
    "review": ReviewStep,
    "check_in": CheckInStep,
    "strengths": StrengthsStep,
    "role": RoleStep,
    "concerns": ConcernsStep,
    "ideas": IdeasStep,
    "goals": GoalsStep,
    "feedback": FeedbackStep,
    "wrap_up": WrapUpStep,
}

__all__ = ["PANES", "SessionContext", "StepPane"]
