"""The one error type of the web actions: what was wrong, and in which field.

An action (open a round, import people, invite, review, ...) raises `InputError`; pages show it
inline next to its field with the input kept, and the API answers 400 naming the field.
"""

from __future__ import annotations

from typing import Any


class InputError(ValueError):
    """Input an action cannot accept, with the field that is wrong and what was expected.

    `errors` holds every field's messages when a whole form was checked; `field` and `message`
    are the first of them."""

    def __init__(
        self, field: str, message: str, errors: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.errors = errors or {field: [message]}

    @classmethod
    def from_form(cls, form: Any) -> InputError:
        """The errors of a Django form that did not validate."""
        errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
        field, messages = next(iter(errors.items()))
        return cls(field, " ".join(messages), errors)


def show_on(form: Any, error: InputError) -> None:
    """Put an action's errors next to their fields of a page's form (the rest above it)."""
    for field, messages in error.errors.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
