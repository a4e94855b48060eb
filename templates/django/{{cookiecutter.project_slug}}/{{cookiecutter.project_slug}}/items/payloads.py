"""Reading an item from a request body, with one error per offending field.

The JSON types are checked here; the lengths and the empty name by the model's own
validation (Item.full_clean), so the model stays the one place that defines them.
"""

import json
from typing import Any

from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import HttpRequest

from ..api import ApiError
from .models import Item

FIELDS = ("name", "description")


def read_json(request: HttpRequest) -> Any:
    if (request.content_type or "").lower() != "application/json":
        raise ApiError(415, "Send the item as application/json.")
    try:
        body = request.body
    except RequestDataTooBig:
        raise ApiError(413, "The body is larger than 1 MiB.") from None
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        raise ApiError(400, "The body is not valid JSON.") from None


def field_errors(payload: Any) -> list[dict[str, str]]:
    """What is wrong with the shape and the JSON types of a decoded body."""
    if not isinstance(payload, dict):
        return [{"field": "body", "message": "Must be a JSON object."}]
    errors = [
        {"field": str(key), "message": "Unknown field."} for key in payload if key not in FIELDS
    ]
    if "name" not in payload:
        errors.append({"field": "name", "message": "This field is required."})
    elif not isinstance(payload["name"], str):
        errors.append({"field": "name", "message": "Must be a string."})
    description = payload.get("description")
    if description is not None and not isinstance(description, str):
        errors.append({"field": "description", "message": "Must be a string or null."})
    return errors


def fill_item(item: Item, request: HttpRequest) -> Item:
    """Replace the item's fields with the request's, or raise a 4xx ApiError."""
    payload = read_json(request)
    errors = field_errors(payload)
    if isinstance(payload, dict):
        item.name, item.description = payload.get("name", ""), payload.get("description")
        wrong_type = {error["field"] for error in errors}
        try:
            item.full_clean(exclude=wrong_type, validate_unique=False)
        except ValidationError as error:
            errors += [
                {"field": field, "message": message}
                for field, messages in error.message_dict.items()
                for message in messages
            ]
    if errors:
        raise ApiError(422, "The request body is not a valid item.", errors=errors)
    return item
