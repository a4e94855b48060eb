"""The OpenAPI document behind /docs, told the errors as contract/openapi.yaml has them."""

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI

from .contract import PROBLEM_CONTENT_TYPE, WWW_AUTHENTICATE
from .schemas import Problem, ValidationProblem

# FastAPI documents a 422 with its own body for every route that takes parameters; this app
# answers 400 (query), 404 (path) or its own 422 (body) instead.
FASTAPI_VALIDATION_SCHEMAS = ("HTTPValidationError", "ValidationError")
WWW_AUTHENTICATE_HEADER = {
    "description": f"The Bearer challenge of RFC 6750: `{WWW_AUTHENTICATE}`.",
    "schema": {"type": "string", "pattern": "^Bearer( |$)"},
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route: the error statuses it answers, with problem bodies."""
    responses: dict[int | str, dict[str, Any]] = {
        status: {
            "model": ValidationProblem if status == 422 else Problem,
            "description": HTTPStatus(status).phrase,
        }
        for status in statuses
    }
    if 401 in responses:
        responses[401]["headers"] = {"WWW-Authenticate": WWW_AUTHENTICATE_HEADER}
    return responses


def contract_openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, with errors as `application/problem+json` and no default 422."""
    if app.openapi_schema is not None:
        return app.openapi_schema
    document = FastAPI.openapi(app)  # Also caches it as app.openapi_schema.
    for path_item in document["paths"].values():
        for operation in path_item.values():
            responses = operation["responses"]
            if is_fastapi_validation_error(responses.get("422", {})):
                del responses["422"]
            for status, response in responses.items():
                content = response.get("content", {})
                # FastAPI puts a `responses=` model under the route's own media type.
                if int(status) >= 400 and "application/json" in content:
                    response["content"] = {PROBLEM_CONTENT_TYPE: content["application/json"]}
    for name in FASTAPI_VALIDATION_SCHEMAS:
        document["components"]["schemas"].pop(name, None)
    return document


def is_fastapi_validation_error(response: dict[str, Any]) -> bool:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    return bool(schema.get("$ref", "").endswith("/HTTPValidationError"))
