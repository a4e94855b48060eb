"""Contract tests: the HTTP contract that every generated service serves.

The contract is written down once, in ``contract/openapi.yaml`` at the project root. These
tests send requests through the ``client`` fixture (an ``httpx.Client`` from this folder's
conftest) and check every response they get with :func:`check`, which asserts that

* the status code is the one the test expects, and is documented for the operation (a 405,
  and a 404 for an unknown path, are generic and checked against
  ``components/responses/MethodNotAllowed`` and ``components/responses/NotFound``);
* the headers documented for that response are present and match their schemas, and the
  three security headers are present on every response, errors and ``/health`` included;
* the body is in a documented media type and validates against the documented schema
  (``application/problem+json`` for every error, with ``status`` equal to the status code);
  an undocumented body (204) must be empty.

On top of that each test checks the behaviour the schema cannot express: ids and Location,
full replacement, ordering and paging, which field a 422 names, and so on.

The tests never assume an empty database: each one creates the items it needs, under a
unique name, and deletes them when it ends. So they can be pointed at a live server, in
any framework, by setting ``CONTRACT_BASE_URL`` (read by the conftest) and a token the server
accepts for writes, e.g.::

    CONTRACT_BASE_URL=http://127.0.0.1:8000 CONTRACT_API_TOKEN=... pytest tests/contract

``CONTRACT_ALLOWED_ORIGIN``, one of the server's ``CORS_ALLOWED_ORIGINS``, adds the tests of a
cross-origin client that the server allows.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final, Protocol, cast

import httpx
import pytest
import yaml
from jsonschema import Draft202012Validator

SPEC_PATH: Final = Path(__file__).resolve().parents[2] / "contract" / "openapi.yaml"
SPEC: Final = cast(dict[str, Any], yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8")))

HTTP_METHODS: Final = frozenset({"get", "put", "post", "delete", "options", "head", "patch"})
OPERATIONS: Final[dict[str, dict[str, Any]]] = {
    operation["operationId"]: operation
    for path_item in SPEC["paths"].values()
    for method, operation in path_item.items()
    if method in HTTP_METHODS
}
# Responses any path can give, documented once under components/responses.
GENERIC_RESPONSES: Final = {404: "NotFound", 405: "MethodNotAllowed"}

JSON: Final = "application/json"
PROBLEM_JSON: Final = "application/problem+json"
MAX_LIMIT: Final = cast(int, SPEC["components"]["parameters"]["Limit"]["schema"]["maximum"])
ONE_MIB: Final = 1024 * 1024

Item = dict[str, Any]


# --- the contract check ----------------------------------------------------------------------


def resolve(node: Mapping[str, Any]) -> dict[str, Any]:
    """Follow local ``$ref``s (``#/components/...``) until a concrete OpenAPI object."""
    while "$ref" in node:
        ref = node["$ref"]
        assert isinstance(ref, str), ref
        assert ref.startswith("#/"), f"only local $refs are supported: {ref}"
        target: Any = SPEC
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return dict(node)


# The security headers every response carries, as the document declares them: the headers of
# /health's 200 that have one constant value.
SECURITY_HEADERS: Final = {
    name: schema["const"]
    for name, header in SPEC["paths"]["/health"]["get"]["responses"]["200"]["headers"].items()
    if "const" in (schema := resolve(header).get("schema", {}))
}


def validate(instance: object, schema: Mapping[str, Any], what: str) -> None:
    """Validate ``instance`` against a schema taken from the OpenAPI document.

    The schema is wrapped in a root that carries the document's ``components``, so its
    ``#/components/schemas/...`` references resolve exactly as they do in the document.
    """
    root = {"components": SPEC["components"], "allOf": [schema]}
    errors = sorted(Draft202012Validator(root).iter_errors(instance), key=lambda e: e.json_path)
    assert not errors, f"{what} breaks the contract:\n" + "\n".join(
        f"  {error.json_path}: {error.message}" for error in errors
    )


def check(response: httpx.Response, operation_id: str | None, status: int) -> Any:
    """Assert that ``response`` has ``status`` and conforms to the contract; return its body.

    ``operation_id`` names the documented operation; ``None`` means a generic response
    (405, or 404 for an unknown path). The parsed JSON body is returned (``None`` if empty).
    """
    request = response.request
    where = f"{request.method} {request.url.raw_path.decode()} -> {response.status_code}"
    assert response.status_code == status, f"{where}, expected {status}: {response.text[:500]}"

    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, f"{where}: {name} is not {value!r}"

    if operation_id is None or status == 405:
        assert status in GENERIC_RESPONSES, f"{where}: not a generic response"
        documented = resolve(SPEC["components"]["responses"][GENERIC_RESPONSES[status]])
    else:
        responses = OPERATIONS[operation_id]["responses"]
        assert str(status) in responses, f"{where}: status not documented for {operation_id}"
        documented = resolve(responses[str(status)])

    for name, header_ref in documented.get("headers", {}).items():
        header = resolve(header_ref)
        value = response.headers.get(name)
        if value is None:
            assert not header.get("required", False), f"{where}: missing header {name}"
        else:
            validate(value, header["schema"], f"{where}: header {name}")

    content = documented.get("content")
    if content is None:
        assert response.content == b"", f"{where}: body should be empty"
        return None
    media_type = response.headers.get("Content-Type", "").partition(";")[0].strip().lower()
    assert media_type in content, f"{where}: content type {media_type!r} is not documented"
    body = response.json()
    validate(body, content[media_type]["schema"], f"{where}: body")
    if media_type == PROBLEM_JSON:
        assert body["status"] == status, f"{where}: problem status {body['status']}"
    return body


# --- helpers and fixtures --------------------------------------------------------------------


def unique_name(label: str = "item") -> str:
    """A name no other test (or earlier run against a live server) uses."""
    return f"contract-{label}-{uuid.uuid4().hex}"


def encode(body: object) -> bytes:
    return json.dumps(body).encode()


class MakeItem(Protocol):
    def __call__(self, name: str | None = None, description: str | None = None) -> Item: ...


@pytest.fixture
def make_item(client: httpx.Client) -> Iterator[MakeItem]:
    """Create items through the API, and delete them again when the test ends."""
    created: list[int] = []

    def make(name: str | None = None, description: str | None = None) -> Item:
        item_in = {"name": name or unique_name(), "description": description}
        item: Item = check(client.post("/api/items", json=item_in), "createItem", 201)
        assert item == {"id": item["id"], **item_in}
        created.append(item["id"])
        return item

    yield make
    for item_id in created:
        client.delete(f"/api/items/{item_id}")


def list_page(client: httpx.Client, **params: int | str) -> list[Item]:
    page: list[Item] = check(client.get("/api/items", params=params), "listItems", 200)
    return page


def list_all(client: httpx.Client) -> list[Item]:
    """Every item, walking the pages with the largest limit."""
    items: list[Item] = []
    while True:
        page = list_page(client, limit=MAX_LIMIT, offset=len(items))
        items.extend(page)
        if len(page) < MAX_LIMIT:
            return items


def missing_id(make_item: MakeItem, client: httpx.Client) -> int:
    """The id of an item that existed and was deleted."""
    item_id: int = make_item()["id"]
    check(client.delete(f"/api/items/{item_id}"), "deleteItem", 204)
    return item_id


def send_body(
    client: httpx.Client,
    make_item: MakeItem,
    operation_id: str,
    body: bytes,
    content_type: str = JSON,
) -> httpx.Response:
    """POST a new item, or PUT over an existing one, with a raw body."""
    headers = {"Content-Type": content_type}
    if operation_id == "createItem":
        return client.post("/api/items", content=body, headers=headers)
    item_id = make_item()["id"]
    return client.put(f"/api/items/{item_id}", content=body, headers=headers)


WRITES: Final = pytest.mark.parametrize("operation_id", ["createItem", "replaceItem"])


# --- health ----------------------------------------------------------------------------------


def test_health(client: httpx.Client) -> None:
    assert check(client.get("/health"), "health", 200) == {"status": "ok"}


# --- create, read, replace, delete -----------------------------------------------------------


def test_create_returns_item_and_location(client: httpx.Client) -> None:
    item_in = {"name": unique_name(), "description": "Made by the contract tests."}
    response = client.post("/api/items", json=item_in)
    item = check(response, "createItem", 201)
    try:
        assert isinstance(item["id"], int)
        assert item == {"id": item["id"], **item_in}
        assert response.headers["Location"] == f"/api/items/{item['id']}"
        assert check(client.get(response.headers["Location"]), "getItem", 200) == item
    finally:
        client.delete(f"/api/items/{item['id']}")


def test_create_defaults_description_to_null(client: httpx.Client) -> None:
    for item_in in ({"name": unique_name()}, {"name": unique_name(), "description": None}):
        item = check(client.post("/api/items", json=item_in), "createItem", 201)
        client.delete(f"/api/items/{item['id']}")
        assert item == {"id": item["id"], "name": item_in["name"], "description": None}


def test_create_accepts_longest_values(make_item: MakeItem, client: httpx.Client) -> None:
    name = unique_name()
    name += "é" * (100 - len(name))  # 100 characters, more than 100 bytes in UTF-8
    item = make_item(name, "d" * 1000)
    assert check(client.get(f"/api/items/{item['id']}"), "getItem", 200) == item


def test_create_accepts_json_with_charset(client: httpx.Client) -> None:
    name = unique_name()
    response = client.post(
        "/api/items",
        content=encode({"name": name}),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    item = check(response, "createItem", 201)
    client.delete(f"/api/items/{item['id']}")
    assert item["name"] == name


def test_ids_are_distinct(make_item: MakeItem) -> None:
    first, second = make_item(), make_item()
    assert first["id"] != second["id"]


def test_get_item(make_item: MakeItem, client: httpx.Client) -> None:
    item = make_item(description="To be read back.")
    assert check(client.get(f"/api/items/{item['id']}"), "getItem", 200) == item


def test_get_missing_item(make_item: MakeItem, client: httpx.Client) -> None:
    item_id = missing_id(make_item, client)
    response = client.get(f"/api/items/{item_id}")
    problem = check(response, "getItem", 404)
    assert response.headers["Content-Type"].startswith(PROBLEM_JSON)
    assert problem["type"] == "about:blank"


def test_replace_item(make_item: MakeItem, client: httpx.Client) -> None:
    item = make_item(description="Replaced soon.")
    url = f"/api/items/{item['id']}"
    new_name = unique_name("replaced")
    replaced = check(client.put(url, json={"name": new_name}), "replaceItem", 200)
    # A full replacement: the omitted description becomes null.
    assert replaced == {"id": item["id"], "name": new_name, "description": None}
    assert check(client.get(url), "getItem", 200) == replaced

    body = {"name": new_name, "description": "Back again."}
    replaced = check(client.put(url, json=body), "replaceItem", 200)
    assert replaced == {"id": item["id"], **body}


def test_replace_missing_item(make_item: MakeItem, client: httpx.Client) -> None:
    item_id = missing_id(make_item, client)
    response = client.put(f"/api/items/{item_id}", json={"name": unique_name()})
    check(response, "replaceItem", 404)


def test_delete_item_then_get_is_404(make_item: MakeItem, client: httpx.Client) -> None:
    item = make_item()
    response = client.delete(f"/api/items/{item['id']}")
    assert check(response, "deleteItem", 204) is None
    check(client.get(f"/api/items/{item['id']}"), "getItem", 404)


def test_delete_missing_item(make_item: MakeItem, client: httpx.Client) -> None:
    item_id = missing_id(make_item, client)
    check(client.delete(f"/api/items/{item_id}"), "deleteItem", 404)


# --- list ------------------------------------------------------------------------------------


def test_list_is_ordered_by_id(make_item: MakeItem, client: httpx.Client) -> None:
    prefix = unique_name("ordered")
    mine = [make_item(f"{prefix}-{index}") for index in range(3)]
    everything = list_all(client)
    ids = [item["id"] for item in everything]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert [item for item in everything if item["name"].startswith(prefix)] == mine


def test_list_pages_with_limit_and_offset(make_item: MakeItem, client: httpx.Client) -> None:
    prefix = unique_name("paged")
    mine = [make_item(f"{prefix}-{index}") for index in range(5)]
    everything = list_all(client)
    start = everything.index(mine[0])

    paged: list[Item] = []
    for offset in range(start, start + 6, 2):
        page = list_page(client, limit=2, offset=offset)
        assert page == everything[offset : offset + 2]
        paged.extend(page)
    assert [item for item in paged if item["name"].startswith(prefix)] == mine
    assert list_page(client, limit=1, offset=start + 4) == [mine[4]]


def test_list_defaults_to_first_100(make_item: MakeItem, client: httpx.Client) -> None:
    make_item()
    default = list_page(client)
    assert 1 <= len(default) <= MAX_LIMIT
    assert default == list_page(client, limit=MAX_LIMIT, offset=0)
    assert list_page(client, limit=1) == default[:1]


def test_list_offset_past_the_end_is_empty(make_item: MakeItem, client: httpx.Client) -> None:
    make_item()
    assert list_page(client, offset=len(list_all(client))) == []
    assert list_page(client, offset=10**20) == []


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("limit", "0"),
        ("limit", str(MAX_LIMIT + 1)),
        ("limit", "-1"),
        ("limit", "abc"),
        ("limit", "1.5"),
        ("limit", ""),
        # Python's int() takes these; the contract wants plain decimal digits.
        ("limit", "+5"),
        ("limit", " 5"),
        ("limit", "5 "),
        ("limit", "1_0"),
        ("limit", "\uff15"),  # a fullwidth 5
        ("offset", "-1"),
        ("offset", "x"),
        ("offset", "1e3"),
    ],
)
def test_list_rejects_bad_paging(client: httpx.Client, parameter: str, value: str) -> None:
    check(client.get("/api/items", params={parameter: value}), "listItems", 400)


@pytest.mark.parametrize("parameter", ["limit", "offset"])
def test_list_rejects_a_repeated_paging_parameter(client: httpx.Client, parameter: str) -> None:
    check(client.get("/api/items", params={parameter: ["1", "2"]}), "listItems", 400)


# --- request bodies --------------------------------------------------------------------------


@WRITES
@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({}, "name", id="missing-name"),
        pytest.param({"description": "No name."}, "name", id="only-description"),
        pytest.param({"name": ""}, "name", id="empty-name"),
        pytest.param({"name": "n" * 101}, "name", id="name-101-chars"),
        pytest.param({"name": "ok", "description": "d" * 1001}, "description", id="desc-1001"),
        pytest.param({"name": 42}, "name", id="name-not-string"),
        pytest.param({"name": None}, "name", id="name-null"),
        pytest.param({"name": "ok", "description": 42}, "description", id="desc-not-string"),
        pytest.param({"name": "a\u0000b"}, "name", id="name-with-nul"),
        pytest.param({"name": "ok", "description": "\u0000"}, "description", id="desc-with-nul"),
        pytest.param({"name": "ok", "colour": "red"}, "colour", id="unknown-field"),
        pytest.param({"name": "ok", "id": 1}, "id", id="client-sent-id"),
    ],
)
def test_invalid_body_is_422(
    client: httpx.Client, make_item: MakeItem, operation_id: str, body: object, field: str
) -> None:
    problem = check(send_body(client, make_item, operation_id, encode(body)), operation_id, 422)
    assert field in {error["field"] for error in problem["errors"]}


@WRITES
@pytest.mark.parametrize(
    "body",
    [[{"name": "ok"}], [], "ok", 42, True, None],
    ids=["array", "empty-array", "string", "number", "boolean", "null"],
)
def test_body_not_an_object_is_422(
    client: httpx.Client, make_item: MakeItem, operation_id: str, body: object
) -> None:
    problem = check(send_body(client, make_item, operation_id, encode(body)), operation_id, 422)
    assert problem["errors"]


@WRITES
@pytest.mark.parametrize(
    "body",
    [
        b'{"name": ',
        b"{'name': 'x'}",
        b'{"name": "x",}',
        b'{"name": "x"} !',
        b"",
        b'{"name": "\xff"}',
    ],
    ids=["truncated", "single-quotes", "trailing-comma", "trailing-garbage", "empty", "not-utf8"],
)
def test_malformed_json_is_400(
    client: httpx.Client, make_item: MakeItem, operation_id: str, body: bytes
) -> None:
    check(send_body(client, make_item, operation_id, body), operation_id, 400)


@WRITES
@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", encode({"name": "ok"})),
        ("application/x-www-form-urlencoded", b"name=ok"),
        # A framework that parses form bodies before the view would fail on the missing
        # boundary: the type is refused first.
        ("multipart/form-data", b"name=ok"),
    ],
    ids=["text-plain", "form", "multipart-without-boundary"],
)
def test_non_json_content_type_is_415(
    client: httpx.Client, make_item: MakeItem, operation_id: str, content_type: str, body: bytes
) -> None:
    response = send_body(client, make_item, operation_id, body, content_type)
    check(response, operation_id, 415)


@WRITES
def test_body_over_1_mib_is_413(
    client: httpx.Client, make_item: MakeItem, operation_id: str
) -> None:
    body = encode({"name": "n" * ONE_MIB})
    assert len(body) > ONE_MIB
    check(send_body(client, make_item, operation_id, body), operation_id, 413)


# --- routing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/does-not-exist", "/api/items/1/children", "/api/v2/items"])
def test_unknown_api_path_is_404(client: httpx.Client, path: str) -> None:
    check(client.get(path), None, 404)


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("PATCH", "/api/items", {"GET", "POST"}),
        ("DELETE", "/api/items", {"GET", "POST"}),
        ("PUT", "/api/items", {"GET", "POST"}),
        ("PATCH", "/api/items/{id}", {"GET", "PUT", "DELETE"}),
        ("POST", "/api/items/{id}", {"GET", "PUT", "DELETE"}),
        ("POST", "/health", {"GET"}),
    ],
)
def test_wrong_method_is_405(
    client: httpx.Client, make_item: MakeItem, method: str, path: str, allowed: set[str]
) -> None:
    if "{id}" in path:
        path = path.replace("{id}", str(make_item()["id"]))
    response = client.request(method, path)
    check(response, None, 405)
    allow = {part.strip().upper() for part in response.headers["Allow"].split(",")}
    assert allowed <= allow
    assert method not in allow


@pytest.mark.parametrize(
    ("operation_id", "method"),
    [("getItem", "GET"), ("replaceItem", "PUT"), ("deleteItem", "DELETE")],
)
@pytest.mark.parametrize("item_id", ["abc", "1.5", "0", "-1", str(2**63), "1" + "0" * 30], ids=str)
def test_id_that_cannot_exist_is_404(
    client: httpx.Client, operation_id: str, method: str, item_id: str
) -> None:
    body = {"name": unique_name()} if method == "PUT" else None
    response = client.request(method, f"/api/items/{item_id}", json=body)
    check(response, operation_id, 404)


# --- headers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/health"),
        ("GET", "/api/items?limit=0"),
        ("GET", "/api/does-not-exist"),
        ("PATCH", "/api/items"),
    ],
)
def test_security_headers(client: httpx.Client, method: str, path: str) -> None:
    response = client.request(method, path)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name


# --- authenticated writes --------------------------------------------------------------------


def without_token(
    client: httpx.Client, method: str, url: str, authorization: str | None = None, **kwargs: Any
) -> httpx.Response:
    """Send a request as `client` would, but with `authorization` instead of its API token."""
    request = client.build_request(method, url, **kwargs)
    del request.headers["Authorization"]
    if authorization is not None:
        request.headers["Authorization"] = authorization
    return client.send(request)


WRITE_OPERATIONS: Final = pytest.mark.parametrize(
    ("operation_id", "method"),
    [("createItem", "POST"), ("replaceItem", "PUT"), ("deleteItem", "DELETE")],
)


def write_url(method: str, item_id: int) -> str:
    return "/api/items" if method == "POST" else f"/api/items/{item_id}"


def check_unauthorized(response: httpx.Response, operation_id: str) -> None:
    check(response, operation_id, 401)
    assert response.headers["WWW-Authenticate"].split()[0] == "Bearer"


@WRITE_OPERATIONS
@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer not-a-token-of-this-service", "Bearer", "Bearer {token}x", "Basic {token}"],
    ids=["none", "unknown-token", "empty-token", "token-with-extra", "basic-scheme"],
)
def test_write_without_a_valid_token_is_401_and_changes_nothing(
    client: httpx.Client,
    make_item: MakeItem,
    api_token: str,
    operation_id: str,
    method: str,
    authorization: str | None,
) -> None:
    item = make_item()
    name = unique_name("refused")
    body = None if method == "DELETE" else {"name": name}
    sent = authorization.format(token=api_token) if authorization else None
    response = without_token(client, method, write_url(method, item["id"]), sent, json=body)
    check_unauthorized(response, operation_id)
    assert check(client.get(f"/api/items/{item['id']}"), "getItem", 200) == item
    assert not [other for other in list_all(client) if other["name"] == name]


def test_the_token_scheme_is_case_insensitive(client: httpx.Client, api_token: str) -> None:
    item_in = {"name": unique_name()}
    response = without_token(client, "POST", "/api/items", f"bearer {api_token}", json=item_in)
    item = check(response, "createItem", 201)
    client.delete(f"/api/items/{item['id']}")


@pytest.mark.parametrize(
    ("operation_id", "method"), [("replaceItem", "PUT"), ("deleteItem", "DELETE")]
)
def test_write_to_a_missing_item_without_a_token_is_401(
    client: httpx.Client, make_item: MakeItem, operation_id: str, method: str
) -> None:
    """Whether an item exists is not told to a client that may not write."""
    item_id = missing_id(make_item, client)
    body = None if method == "DELETE" else {"name": unique_name()}
    check_unauthorized(
        without_token(client, method, f"/api/items/{item_id}", json=body), operation_id
    )


def test_reads_need_no_token(client: httpx.Client, make_item: MakeItem) -> None:
    item = make_item()
    assert check(without_token(client, "GET", "/health"), "health", 200) == {"status": "ok"}
    assert check(without_token(client, "GET", "/api/items"), "listItems", 200)
    read = check(without_token(client, "GET", f"/api/items/{item['id']}"), "getItem", 200)
    assert read == item


# --- cross-origin requests (CORS) ------------------------------------------------------------

REFUSED_ORIGIN: Final = "https://not-allowed.invalid"


def header_tokens(response: httpx.Response, name: str) -> set[str]:
    """The comma-separated values of a header, lower-cased; every occurrence counts."""
    values = response.headers.get_list(name)
    return {
        token.strip().lower() for value in values for token in value.split(",") if token.strip()
    }


def preflight(client: httpx.Client, origin: str, method: str, path: str) -> httpx.Response:
    """What a browser sends before a cross-origin write: no credentials, no body."""
    headers = {
        "Origin": origin,
        "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    return without_token(client, "OPTIONS", path, headers=headers)


def test_cross_origin_read_from_an_allowed_origin(
    client: httpx.Client, allowed_origin: str
) -> None:
    response = without_token(client, "GET", "/api/items", headers={"Origin": allowed_origin})
    check(response, "listItems", 200)
    assert response.headers["Access-Control-Allow-Origin"] == allowed_origin


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/api/items"), ("PUT", "/api/items/1"), ("DELETE", "/api/items/1")],
)
def test_preflight_from_an_allowed_origin_allows_the_write(
    client: httpx.Client, allowed_origin: str, method: str, path: str
) -> None:
    response = preflight(client, allowed_origin, method, path)
    assert 200 <= response.status_code < 300, response.text
    assert response.headers["Access-Control-Allow-Origin"] == allowed_origin
    methods = header_tokens(response, "Access-Control-Allow-Methods")
    assert method.lower() in methods or "*" in methods, methods
    # `*` never stands for Authorization (the Fetch standard): it must be named.
    assert {"authorization", "content-type"} <= header_tokens(
        response, "Access-Control-Allow-Headers"
    )
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name


def test_cross_origin_write_from_an_allowed_origin_exposes_location(
    client: httpx.Client, allowed_origin: str
) -> None:
    response = client.post(
        "/api/items", json={"name": unique_name()}, headers={"Origin": allowed_origin}
    )
    item = check(response, "createItem", 201)
    client.delete(f"/api/items/{item['id']}")
    assert response.headers["Access-Control-Allow-Origin"] == allowed_origin
    assert "location" in header_tokens(response, "Access-Control-Expose-Headers")


def test_a_refused_write_from_an_allowed_origin_is_readable_by_its_browser(
    client: httpx.Client, allowed_origin: str
) -> None:
    """Without Access-Control-Allow-Origin on the problem, the browser would hide the 401 from
    the page that sent the write."""
    item_in = {"name": unique_name()}
    origin = {"Origin": allowed_origin}
    response = without_token(client, "POST", "/api/items", json=item_in, headers=origin)
    check_unauthorized(response, "createItem")
    assert response.headers["Access-Control-Allow-Origin"] == allowed_origin
    assert "origin" in header_tokens(response, "Vary")


def test_other_origins_get_no_cors_headers(client: httpx.Client) -> None:
    read = without_token(client, "GET", "/api/items", headers={"Origin": REFUSED_ORIGIN})
    check(read, "listItems", 200)
    assert "Access-Control-Allow-Origin" not in read.headers
    # The same read from an allowed origin would be granted: a cache must not mix the two.
    assert "origin" in header_tokens(read, "Vary")

    response = preflight(client, REFUSED_ORIGIN, "POST", "/api/items")
    assert "Access-Control-Allow-Origin" not in response.headers
    assert response.status_code < 500, response.text
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
    if response.status_code >= 400:
        assert response.headers["Content-Type"].startswith(PROBLEM_JSON), response.text


# --- request ids ----------------------------------------------------------------------------

REQUEST_ID: Final = resolve(SPEC["components"]["headers"]["XRequestID"])["schema"]


def answered_request_id(response: httpx.Response) -> str:
    request_id: str | None = response.headers.get("X-Request-ID")
    assert request_id, f"{response.request.method} {response.request.url}: no X-Request-ID"
    validate(request_id, REQUEST_ID, "X-Request-ID")
    return request_id


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/health"),
        ("GET", "/api/items"),
        ("GET", "/api/does-not-exist"),
        ("PATCH", "/api/items"),
    ],
)
def test_every_answer_names_its_request(client: httpx.Client, method: str, path: str) -> None:
    first = answered_request_id(client.request(method, path))
    second = answered_request_id(client.request(method, path))
    assert first != second, "each request gets its own id"


@pytest.mark.parametrize("request_id", ["req-42", "7f1d2c3b4a5e6f708192a3b4c5d6e7f8", "a" * 128])
def test_a_request_id_of_the_documented_form_is_kept(
    client: httpx.Client, request_id: str
) -> None:
    for path in ("/health", "/api/does-not-exist"):
        response = client.get(path, headers={"X-Request-ID": request_id})
        assert response.headers.get("X-Request-ID") == request_id, path


@pytest.mark.parametrize(
    "request_id",
    ["a" * 129, "two words", "<script>", "-starts-with-a-dash", "semi;colon", ""],
    ids=["too-long", "space", "markup", "leading-dash", "semicolon", "empty"],
)
def test_any_other_request_id_is_replaced(client: httpx.Client, request_id: str) -> None:
    response = client.get("/health", headers={"X-Request-ID": request_id})
    assert answered_request_id(response) != request_id


# --- the document itself ---------------------------------------------------------------------


def test_contract_schemas_are_valid_json_schema() -> None:
    for schema in SPEC["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    assert set(OPERATIONS) == {
        "health",
        "listItems",
        "createItem",
        "getItem",
        "replaceItem",
        "deleteItem",
    }
