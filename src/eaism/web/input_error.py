"""The one error type of the web actions: what was wrong, and in which field.

An action (open a round, import people, invite, review, ...) raises `InputError`; pages show it
inline next to its field with the input kept, and the API answers 400 naming the field.
"""

from __future__ import annotations


class InputError(ValueError):
    """Input an action cannot accept, with the field that is wrong and what was expected."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
