"""The share-link format: answers carried in a page address's fragment, which browsers never send to a server.

A link is the page's address, then :data:`SHARE_PREFIX`, :data:`SHARE_VERSION` and the answers envelope as JSON in
URL-safe base64 without padding. The browser makes and reads links (``widgets/js/keep.mjs``) in the format the build
publishes on each widget (``widgets/sitebuild/markup.py``: ``intake_attributes``); the build makes the calculator's
worked-example links with :func:`share_fragment`, so a link built here opens exactly like one a reader copied.
What a link carries then goes through the same intake as a file (:mod:`candor.intake.decode`).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any

SHARE_PREFIX = "#candor-share="  # the fragment's start: what tells a share link from any other address
SHARE_VERSION = "c1."  # the encoding's version, first in the payload: a future format gets another
# Characters of the fragment (the "#" included) read at most: a link of the largest check is a few kilobytes,
# and a longer one is refused before it is decoded.
MAX_SHARE_FRAGMENT = 16 * 1024


def share_fragment(payload: Mapping[str, Any]) -> str:
    """The fragment that carries ``payload`` (an answers envelope) in a share link."""
    data = json.dumps(payload).encode("utf-8")
    return SHARE_PREFIX + SHARE_VERSION + base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")
