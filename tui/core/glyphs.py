"""An ASCII fallback for the few non-ASCII glyphs paretop draws, for terminals that lack them."""

from __future__ import annotations

import os

ASCII = str.maketrans(
    {
        "—": "-",
        "–": "-",
        "•": "o",
        "·": ".",
        "│": "|",
        "…": "...",
        "→": "->",
        "★": "*",
        "⭘": "*",
        "×": "x",
        "▕": "|",
        "▔": "-",
    }
)


def to_ascii(text: str) -> str:
    return text.translate(ASCII)


def wants_ascii(encoding: str | None, environ: dict[str, str] | None = None) -> bool:
    """True when the output cannot show paretop's glyphs: an encoding without them, or a
    C/POSIX locale (whatever Python's own encoding became)."""
    env = os.environ if environ is None else environ
    try:
        "—•│…→".encode(encoding or "ascii")
    except (LookupError, UnicodeEncodeError):
        return True
    # LC_CTYPE is left out: Python itself rewrites a C locale's LC_CTYPE to C.UTF-8.
    locale = env.get("LC_ALL") or env.get("LANG") or ""
    return locale.upper() in ("C", "POSIX")
