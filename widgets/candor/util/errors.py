"""The engine's one error type for what a reader is told: a plain message, the field it concerns and the technical
detail kept apart from it (the page shows the detail on demand, the CLI after the message). Answers, campaign
details, quiz answers and bias counts refuse through subclasses of :class:`CandorError`, so the bridge and the
CLI turn every refusal into a message the same way."""

from __future__ import annotations


class CandorError(ValueError):
    """Input that cannot be used. ``field`` names what is wrong ('' for the input as a whole)."""

    def __init__(self, message: str, field: str = "", detail: str = "") -> None:
        super().__init__(message)
        self.field = field
        self.detail = detail
