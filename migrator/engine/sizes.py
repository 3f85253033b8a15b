"""Human file sizes for ``--max-file-size``."""

from __future__ import annotations

import re

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?i?b?)?\s*$", re.IGNORECASE)
_FACTORS = {"": 1, "b": 1, "k": 10**3, "kb": 10**3, "kib": 2**10, "m": 10**6, "mb": 10**6,
            "mib": 2**20, "g": 10**9, "gb": 10**9, "gib": 2**30}


def parse_size(text: str) -> int:
    """``"1MB"`` -> 1_000_000, ``"512KiB"`` -> 524_288, ``"0"`` -> 0 (no limit)."""
    match = _SIZE.match(text)
    unit = (match.group(2) or "").lower() if match else None
    if match is None or unit not in _FACTORS:
        raise ValueError(f"not a size: {text!r} (examples: 500KB, 2MB, 0 for no limit)")
    return int(float(match.group(1)) * _FACTORS[unit])
