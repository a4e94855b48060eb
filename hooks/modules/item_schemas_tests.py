"""The item payload's validation ({{ cookiecutter.project_slug }}/schemas.py): every bad field is
named, not only the first (the same tests for every framework that validates with it)."""

import pytest

from {{ cookiecutter.project_slug }}.schemas import (
    FieldError,
    ItemIn,
    ItemValidationError,
    parse_item,
)


def test_parse_item_accepts_a_missing_description() -> None:
    assert parse_item({"name": "x"}) == ItemIn(name="x", description=None)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ([], [FieldError("body", "must be a JSON object")]),
        ({}, [FieldError("name", "is required")]),
        ({"name": ""}, [FieldError("name", "must be 1 to 100 characters long")]),
        ({"name": 3}, [FieldError("name", "must be a string")]),
        ({"name": "x\x00"}, [FieldError("name", "must not contain NUL characters")]),
        (
            {"name": "x", "id": 1, "description": "d" * 1001},
            [
                FieldError("id", "unknown field"),
                FieldError("description", "must be 0 to 1000 characters long"),
            ],
        ),
    ],
)
def test_parse_item_names_every_bad_field(payload: object, expected: list[FieldError]) -> None:
    with pytest.raises(ItemValidationError) as raised:
        parse_item(payload)
    assert raised.value.errors == expected
