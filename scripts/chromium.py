"""How this project launches Debian's Chromium (Playwright cannot download a browser here).

Shared by the browser tests and scripts/screenshot.py. The background-networking
flags keep Chromium from calling out on a machine with no network.
"""

from __future__ import annotations

import os

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
