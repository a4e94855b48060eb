"""Validation of item payloads, with one error per offending field."""

from dataclasses import dataclass
from typing import Any

from .contract import MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH

FIELDS = ("name", "description")


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class ItemValidationError(Exception):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(f"{len(errors)} invalid field(s)")
        self.errors = errors


@dataclass(frozen=True)
class ItemIn:
    name: str
    description: str | None


def text_error(value: object, *, min_length: int, max_length: int) -> str | None:
    if not isinstance(value, str):
        return "must be a string"
    if not min_length <= len(value) <= max_length:
        return f"must be {min_length} to {max_length} characters long"
    # PostgreSQL cannot store NUL: refused on every database, as a 422 and not a 500.
    if "\x00" in value:
        return "must not contain NUL characters"
    return None


def parse_item(payload: Any) -> ItemIn:
    """Turn a decoded JSON body into an ItemIn or raise ItemValidationError."""
    if not isinstance(payload, dict):
        raise ItemValidationError([FieldError("body", "must be a JSON object")])
    errors = [FieldError(str(key), "unknown field") for key in payload if key not in FIELDS]
    if "name" not in payload:
        errors.append(FieldError("name", "is required"))
    elif problem := text_error(payload["name"], min_length=1, max_length=MAX_NAME_LENGTH):
        errors.append(FieldError("name", problem))
    description = payload.get("description")
    if description is not None and (
        problem := text_error(description, min_length=0, max_length=MAX_DESCRIPTION_LENGTH)
    ):
        errors.append(FieldError("description", problem))
    if errors:
        raise ItemValidationError(errors)
    return ItemIn(name=payload["name"], description=description)
