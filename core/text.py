"""Text that is safe to show: no control characters or terminal escape sequences."""

from __future__ import annotations

import re

# C0/C1 control characters except tab and newline, and the escape sequences they start (ANSI CSI,
# OSC hyperlinks and titles): a file name must not be able to move the cursor or retitle a terminal.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    """`text` with control characters and terminal escape sequences removed."""
    return _ESCAPES.sub("", str(text))
