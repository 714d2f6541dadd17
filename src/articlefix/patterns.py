"""Regular expressions compiled when first needed, and kept.

A pattern that only some lines need is compiled on its first use, not at import: a one-file
run pays only for what its text meets (start-up, issue 16). ``re.match(source, text)`` would do
that through the ``re`` module's own cache, but that cache is shared with the host program and
holds 512 patterns: a host that uses more would make every one of our calls compile its
pattern again. This cache is ours and keeps each pattern for the life of the process.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def compiled(source: str, flags: int = 0) -> re.Pattern[str]:
    """``source`` compiled with ``flags``, once per process."""
    return re.compile(source, flags)
