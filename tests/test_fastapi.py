"""FastAPI template: the OpenAPI document the app generates agrees with contract/openapi.yaml.

FastAPI derives its document (served at /openapi.json, shown at /docs) from the routes and the
Pydantic models, so this checks the code itself: same operations, every documented status of the
contract, the same media types and body schemas, Item/ItemIn/Problem with the same
properties, types, required members and limits, and the same security (the bearer token of the
writes).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from support.projects import InstallProject, uv
from support.templates import ROOT, default_answers

pytestmark = pytest.mark.slow

TEMPLATE = "fastapi"
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch"}
COMPARED_SCHEMAS = ("Item", "ItemIn", "Problem")
LIMITS = ("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "const")
JSON_TYPES = {str: "string", int: "integer", bool: "boolean"}
DUMP_OPENAPI = "import json; from {slug}.main import app; print(json.dumps(app.openapi()))"

Document = dict[str, Any]


@pytest.fixture(scope="module")
def documents(
    installed_project: InstallProject, request: pytest.FixtureRequest
) -> tuple[Document, Document]:
    """(the generated app's OpenAPI document, the contract), for the default answers."""
    if TEMPLATE not in (request.config.getoption("template_name") or [TEMPLATE]):
        pytest.skip(f"the {TEMPLATE} template is not selected")
    answers = default_answers(TEMPLATE)
    project = installed_project(TEMPLATE, answers)
    code = DUMP_OPENAPI.format(slug=project.name)
    generated = json.loads(uv("run", "--no-sync", "python", "-c", code, cwd=project).stdout)
    contract = yaml.safe_load((ROOT / "contract" / "openapi.yaml").read_text("utf-8"))
    return generated, contract


def resolve(document: Document, node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def operations(document: Document) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (path, method): operation
        for path, path_item in document["paths"].items()
        for method, operation in path_item.items()
        if method in HTTP_METHODS
    }


def body_schema(document: Document, node: dict[str, Any]) -> dict[str, object]:
    """Media type -> the schema's name (`Item`), or ("array", name) for a list of them."""
    shapes: dict[str, object] = {}
    for media_type, content in resolve(document, node).get("content", {}).items():
        schema = content.get("schema", {})
        if schema.get("type") == "array":
            shapes[media_type] = ("array", schema["items"]["$ref"].rsplit("/", 1)[-1])
        else:
            shapes[media_type] = schema.get("$ref", "").rsplit("/", 1)[-1]
    return shapes


def property_shape(schema: dict[str, Any]) -> tuple[set[str], dict[str, Any]]:
    """(JSON types, limits) of a property, `anyOf` (Pydantic's optional) folded in."""
    types: set[str] = set()
    limits: dict[str, Any] = {}
    for option in schema.get("anyOf", [schema]):
        declared = option.get("type", [])
        types.update([declared] if isinstance(declared, str) else declared)
        limits.update({key: option[key] for key in LIMITS if key in option})
    if not types and "const" in limits:
        types.add(JSON_TYPES[type(limits["const"])])
    return types, limits


def test_same_operations(documents: tuple[Document, Document]) -> None:
    generated, contract = documents
    assert set(operations(generated)) == set(operations(contract))


def test_every_contract_status_is_documented_alike(documents: tuple[Document, Document]) -> None:
    generated, contract = documents
    app_operations = operations(generated)
    for key, operation in operations(contract).items():
        app_responses = app_operations[key]["responses"]
        missing = set(operation["responses"]) - set(app_responses)
        assert not missing, f"{key}: statuses {sorted(missing)} are not documented"
        for status, response in operation["responses"].items():
            assert body_schema(generated, app_responses[status]) == body_schema(
                contract, response
            ), f"{key} {status}"


def test_request_bodies_agree(documents: tuple[Document, Document]) -> None:
    generated, contract = documents
    app_operations = operations(generated)
    for key, operation in operations(contract).items():
        app_body = app_operations[key].get("requestBody")
        if "requestBody" not in operation:
            assert app_body is None, key
            continue
        assert app_body is not None, key
        assert body_schema(generated, app_body) == body_schema(contract, operation["requestBody"])
        assert app_body.get("required") is True, key


@pytest.mark.parametrize("name", COMPARED_SCHEMAS)
def test_schemas_agree(documents: tuple[Document, Document], name: str) -> None:
    generated, contract = documents
    app_schema = generated["components"]["schemas"][name]
    contract_schema = contract["components"]["schemas"][name]
    assert set(app_schema["properties"]) == set(contract_schema["properties"])
    for member, schema in contract_schema["properties"].items():
        assert property_shape(app_schema["properties"][member]) == property_shape(schema), member
    assert set(app_schema.get("required", [])) == set(contract_schema.get("required", []))
    assert app_schema.get("additionalProperties") == contract_schema.get("additionalProperties")


def effective_security(document: Document, operation: dict[str, Any]) -> list[Any]:
    """An operation's security requirements: its own, else the document's (none if absent)."""
    default: list[Any] = document.get("security", [])
    security: list[Any] = operation.get("security", default)
    return security


def test_security_agrees(documents: tuple[Document, Document]) -> None:
    """The writes need the bearer token and the reads nothing, under the contract's scheme name;
    the 401 documents its challenge."""
    generated, contract = documents
    app_operations = operations(generated)
    for key, operation in operations(contract).items():
        app_operation = app_operations[key]
        assert effective_security(generated, app_operation) == effective_security(
            contract, operation
        ), key
        if "401" in operation["responses"]:
            assert "WWW-Authenticate" in app_operation["responses"]["401"].get("headers", {}), key
    app_schemes = generated.get("components", {}).get("securitySchemes", {})
    for name, scheme in contract["components"]["securitySchemes"].items():
        assert name in app_schemes, f"security scheme {name} is not declared"
        for member in ("type", "scheme", "in", "name", "bearerFormat"):
            assert app_schemes[name].get(member) == scheme.get(member), f"{name}: {member}"
