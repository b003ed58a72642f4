"""Weak production secret keys are refused: placeholders, short keys, keys of few characters or
of a repeated piece, and keys made from the development key. Generated keys pass."""

from __future__ import annotations

import secrets

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import strategies as st

from eaism.web.config import (
    DEVELOPMENT_KEY,
    DEVELOPMENT_PIECE,
    GENERATE,
    MIN_KEY_LENGTH,
    positive_number,
    secret_key,
)

KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"


def refused(key: str) -> str:
    """The error message for a key production refuses; fails when the key is accepted."""
    with pytest.raises(ImproperlyConfigured) as error:
        secret_key(key, production=True)
    message = str(error.value)
    assert message.startswith("EAISM_SECRET_KEY ")
    assert GENERATE in message
    assert f"at least {MIN_KEY_LENGTH} characters" in message
    if len(key) >= 8:
        assert key not in message, "the key itself is never printed"
    return message


@given(st.characters(codec="utf-8"), st.integers(MIN_KEY_LENGTH, 300))
def test_a_repeated_character_is_refused(character: str, length: int) -> None:
    refused(character * length)


@given(
    st.text(alphabet=st.sampled_from(KEY_ALPHABET), min_size=1, max_size=7).flatmap(
        lambda few: st.text(alphabet=st.sampled_from(few), min_size=MIN_KEY_LENGTH, max_size=200)
    )
)
def test_a_key_of_seven_or_fewer_distinct_characters_is_refused(key: str) -> None:
    """Seven characters carry at most log2(7) = 2.8 bits each, below the 3 asked for."""
    refused(key)


@given(
    st.text(alphabet=st.sampled_from(KEY_ALPHABET), min_size=8, max_size=30),
    st.integers(2, 10),
    st.text(alphabet=st.sampled_from(KEY_ALPHABET), max_size=5),
)
def test_a_repeated_piece_is_refused(piece: str, times: int, tail: str) -> None:
    key = piece * max(times, MIN_KEY_LENGTH // len(piece) + 1) + tail
    refused(key)


@given(
    st.integers(0, len(DEVELOPMENT_KEY) - DEVELOPMENT_PIECE),
    st.integers(DEVELOPMENT_PIECE, len(DEVELOPMENT_KEY)),
    st.booleans(),
)
def test_a_padded_piece_of_the_development_key_is_refused(
    start: int, length: int, before: bool
) -> None:
    piece = DEVELOPMENT_KEY[start : start + length]
    padding = secrets.token_urlsafe(MIN_KEY_LENGTH)
    key = padding + piece if before else piece + padding
    assert "development key" in refused(key)


@pytest.mark.parametrize(
    "key",
    [
        "",
        "   ",
        "changeme",
        "CHANGEME",
        "secret",
        DEVELOPMENT_KEY,
        DEVELOPMENT_KEY + "x",
        "django-insecure-" + secrets.token_urlsafe(50),
        secrets.token_urlsafe(50) + "-changeme",
        "short-but-random-Zq81",
    ],
)
def test_placeholders_and_short_keys_are_refused(key: str) -> None:
    refused(key)


def test_generated_keys_are_accepted() -> None:
    """Both ways the docs suggest; 200 of each, so a rule too strict shows here."""
    for _ in range(200):
        for key in (secrets.token_urlsafe(50), secrets.token_hex(32)):
            assert secret_key(key, production=True) == key


def test_outside_production_the_development_key_is_used() -> None:
    assert secret_key("", production=False) == DEVELOPMENT_KEY
    assert secret_key("changeme", production=False) == "changeme"


@pytest.mark.parametrize("text", ["0", "-1", "ninety", "", "1.5"])
def test_a_number_setting_below_one_or_not_a_number_is_refused(text: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="EAISM_TOKEN_DAYS must be a whole number"):
        positive_number("EAISM_TOKEN_DAYS", text)
    assert positive_number("EAISM_TOKEN_DAYS", "90") == 90
