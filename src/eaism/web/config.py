"""Settings that need checking: the secret key, the database, positive numbers."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_KEY = "eaism-development-key-not-for-production-use-0123456789"
PLACEHOLDERS = {"", "changeme", "change-me", "secret", DEVELOPMENT_KEY}
# Pieces of well-known keys; a key containing one was copied, not generated.
KNOWN_PIECES = ("changeme", "change-me", "change_me", "django-insecure", "secret-key", "secret_key")
MIN_KEY_LENGTH = 50
# A generated key has about 6 bits per character (token_urlsafe) or 4 (token_hex); a typed or
# repeated one far fewer. Three, measured by Shannon's formula over the key's own characters,
# lets every generated key through and stops a key made of a few characters.
MIN_BITS_PER_CHARACTER = 3.0
# Any 8 characters that occur twice mean a repeated or padded key; in a generated key the chance
# is about one in two million (token_hex(32)) or far less (token_urlsafe).
REPEAT_LENGTH = 8
# As many consecutive characters of the development key as make it recognisable.
DEVELOPMENT_PIECE = 16
GENERATE = 'python -c "import secrets; print(secrets.token_urlsafe(50))"'


def secret_key(configured: str, production: bool) -> str:
    """The development key outside production; in production a long, random key or no start."""
    if not production:
        return configured or DEVELOPMENT_KEY
    problem = key_weakness(configured)
    if problem:
        raise ImproperlyConfigured(
            f"EAISM_SECRET_KEY {problem}; in production it must be a random value of at least "
            f"{MIN_KEY_LENGTH} characters, generated, not typed: generate one with {GENERATE}"
        )
    return configured


def key_weakness(key: str) -> str:
    """Why a production key is weak, or "" when it is not."""
    lowered = key.lower()
    if not key.strip():
        return "is not set"
    if lowered.strip() in PLACEHOLDERS:
        return "is a placeholder"
    if len(key) < MIN_KEY_LENGTH:
        return f"has {len(key)} characters"
    if _contains_development_piece(key):
        return "contains part of the development key"
    known = next((piece for piece in KNOWN_PIECES if piece in lowered), None)
    if known:
        return f"contains the placeholder {known!r}"
    bits = bits_per_character(key)
    if bits < MIN_BITS_PER_CHARACTER:
        distinct = len(set(key))
        characters = "character" if distinct == 1 else "characters"
        return (
            f"has {distinct} distinct {characters}, about {bits:.1f} bits per character "
            f"(at least {MIN_BITS_PER_CHARACTER:.0f} expected)"
        )
    if repeated_piece(key):  # not shown: even a weak key should not reach a log
        return f"repeats a run of {REPEAT_LENGTH} characters"
    return ""


def bits_per_character(text: str) -> float:
    """Shannon's entropy of the text's character frequencies, in bits per character."""
    counts = Counter(text).values()
    total = len(text)
    return sum(count / total * math.log2(total / count) for count in counts) if total else 0.0


def repeated_piece(text: str) -> str:
    """The first run of REPEAT_LENGTH characters that occurs again later, or ""."""
    seen: set[str] = set()
    for start in range(len(text) - REPEAT_LENGTH + 1):
        piece = text[start : start + REPEAT_LENGTH]
        if piece in seen:
            return piece
        seen.add(piece)
    return ""


def _contains_development_piece(key: str) -> bool:
    last = len(DEVELOPMENT_KEY) - DEVELOPMENT_PIECE
    return any(
        DEVELOPMENT_KEY[start : start + DEVELOPMENT_PIECE] in key for start in range(last + 1)
    )


def positive_number(name: str, text: str) -> int:
    """A setting that is a whole number of at least 1 (days, counts)."""
    if not text.strip().isdigit() or int(text) < 1:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least 1, not {text!r}")
    return int(text)


def database_settings(url: str, data_dir: Path, parse: Callable[..., Any]) -> dict[str, Any]:
    """PostgreSQL from DATABASE_URL, else SQLite in write-ahead-log mode in the data folder."""
    if url:
        return dict(parse(url, conn_max_age=60, conn_health_checks=True))
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": data_dir / "eaism.sqlite3",
        # Each web thread keeps its connection for a minute, as with PostgreSQL: opening one
        # and setting its pragmas costs about as much as a whole small request.
        "CONN_MAX_AGE": 60,
        "OPTIONS": {
            # WAL lets readers and one writer work at once; IMMEDIATE takes the write lock at the
            # start of a transaction, so concurrent writers queue instead of failing mid-way.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }
