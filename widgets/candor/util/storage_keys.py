"""The names under which a reader's browser keeps their data (localStorage keys).

The engine never touches storage: the build publishes these names on each widget (data-candor-saved-key,
data-candor-aside-key), the widgets read them from there, and the privacy page lists them.
"""

from __future__ import annotations

from typing import Final

LEARNING_KEY: Final = "candor:learning:v1"  # every knowledge check's progress, in one key
QUIZ_ORDER_KEY: Final = "candor:quiz-order:v1"  # one random seed: the order a learner sees quiz options in


def saved_key(widget_id: str) -> str:
    """Where a check's answers (or a tool's inputs) are saved as the reader changes them."""
    return f"candor:answers:{widget_id}"


def aside_key(widget_id: str) -> str:
    """Where saved answers the page cannot use as they are wait, unchanged, until the reader decides."""
    return f"candor:aside:{widget_id}"


def key_attributes(widget_id: str) -> str:
    """The HTML attributes that publish a check's or tool's keys on its widget."""
    return f' data-candor-saved-key="{saved_key(widget_id)}" data-candor-aside-key="{aside_key(widget_id)}"'
