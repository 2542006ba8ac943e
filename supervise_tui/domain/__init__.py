"""Domain layer: plain records and rules. No Textual, no TinyDB."""

from .errors import ValidationError

__all__ = ["ValidationError"]
