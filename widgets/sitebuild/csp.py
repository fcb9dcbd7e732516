"""Content Security Policy for every page, set in a meta tag. (Completed by the trust-gates work.)"""

from __future__ import annotations


def add_policy(html: str) -> str:
    """Return the page with its policy; for now unchanged."""
    return html
