"""The one error type the domain raises: a human message, and where."""

from __future__ import annotations


class ValidationError(ValueError):
    """Input that cannot become a valid record.

    ``message`` is one plain sentence meant for the person at the keyboard.
    ``field`` names the field (or a path such as ``concerns[2].status``) so a
    screen can show the message next to it and an importer can say where.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def at(self, prefix: str) -> ValidationError:
        """The same error, with its field placed under ``prefix``."""
        if not prefix:
            return self
        if self.field is None:
            field = prefix
        elif self.field.startswith("["):
            field = prefix + self.field
        else:
            field = f"{prefix}.{self.field}"
        return ValidationError(self.message, field)

    def __str__(self) -> str:
        return self.message
