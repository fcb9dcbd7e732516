"""Candor: a pure, stdlib-only engine that scores AI-ethics checks for marketing campaigns.

The engine takes parsed data in and returns named results; it never opens files, touches a DOM or
stores anything. File reading lives in :mod:`candor.compiler.content_files` and the command line in
:mod:`candor.cli`; the browser talks to :mod:`candor.bridge` only.
"""

__version__ = "0.1.0"
