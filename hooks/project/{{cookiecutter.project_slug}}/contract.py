"""What the HTTP contract (contract/openapi.yaml) fixes for every framework, in one place.

The security headers, the limits, the paging of the items list, the shape of a problem (RFC
9457), the 503 of a database that is not migrated, the API tokens that writes need, the
cross-origin (CORS) settings, the request id of every answer, the SQLite settings and the
bounded read of a request body the application left unread. The framework code only hooks
these in, in its own idiom. Standard library only.
"""

import hmac
import re
import sqlite3
import time
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, NamedTuple, Protocol
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

# On every response, errors and /health included.
SECURITY_HEADERS: Mapping[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}

MAX_NAME_LENGTH = 100
MAX_DESCRIPTION_LENGTH = 1000
# items.id is a 32-bit INTEGER column: larger ids cannot exist.
MAX_ID = 2**31 - 1
# GET /api/items answers at most this many items, and this many when no limit is given.
MAX_LIMIT = 100
# A paging parameter is plain ASCII digits: int() alone would also take "+5", " 5", "1_0"
# and other scripts' digits, so each framework's own parsing would answer differently.
PAGING_NUMBER = re.compile(r"[0-9]+")
# Largest request body the API reads; above it the answer is a 413 problem.
MAX_BODY_BYTES = 1024 * 1024
# How much of a too-large body the server still reads (and drops) so that the client, which
# may send it all before reading, gets the 413 instead of a reset connection. Past this, or
# past UNREAD_BODY_SECONDS, the server gives up and closes the connection.
MAX_UNREAD_BODY_BYTES = 16 * MAX_BODY_BYTES
UNREAD_BODY_SECONDS = 5.0
UNREAD_BODY_CHUNK = 64 * 1024

PROBLEM_CONTENT_TYPE = "application/problem+json"

# Writes (POST, PUT, DELETE under /api) need `Authorization: Bearer <token>`, with one of the
# comma-separated tokens of the API_TOKENS environment variable; reads are public.
WRITE_METHODS = frozenset({"POST", "PUT", "DELETE"})
# RFC 6750's challenge, sent with every 401.
WWW_AUTHENTICATE = 'Bearer realm="api"'
UNAUTHORIZED_DETAIL = "Writes need a valid API token: send `Authorization: Bearer <token>`."

# What browsers on the origins of CORS_ALLOWED_ORIGINS (comma-separated, none by default) may
# send. Authorization is listed by name: the Fetch standard never lets `*` cover it.
CORS_ALLOWED_METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE")
CORS_ALLOWED_HEADERS = ("Authorization", "Content-Type")
CORS_EXPOSED_HEADERS = ("Location", "X-Request-ID")
# How long a browser may reuse a preflight's answer, in seconds.
CORS_MAX_AGE = 600
# The headers that grant them to an allowed origin, where the service answers CORS itself: on
# the answer to a preflight, and on every other answer under /api.
CORS_PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": ", ".join(CORS_ALLOWED_METHODS),
    "Access-Control-Allow-Headers": ", ".join(CORS_ALLOWED_HEADERS),
    "Access-Control-Max-Age": str(CORS_MAX_AGE),
}
CORS_ANSWER_HEADERS = {"Access-Control-Expose-Headers": ", ".join(CORS_EXPOSED_HEADERS)}

# Every answer names its request in X-Request-ID, and so do the log lines of that request: the
# client's (or its proxy's) own id when it is a short token of safe characters, else a new one.
REQUEST_ID_HEADER = "X-Request-ID"
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/+=@-]{0,127}")

# The PostgreSQL advisory lock a release step holds while it migrates, so that two release
# steps started together (a migration Job retried beside a running one) take turns: the second
# finds the work done. Any number no other advisory lock uses: "migrate" in ASCII.
MIGRATION_LOCK_KEY = int.from_bytes(b"migrate", "big")

# Several server workers share one SQLite file: WAL lets readers and a writer work at once,
# and busy_timeout (milliseconds) makes a writer wait for the lock instead of failing.
SQLITE_PRAGMAS: Mapping[str, str] = {"journal_mode": "WAL", "busy_timeout": "5000"}
# Switching a new file to WAL needs it alone: two workers opening it at once can deadlock, and
# SQLite then fails one at once ("database is locked") without waiting. That one tries again.
SQLITE_PRAGMA_SECONDS = 5.0


def problem(status: int, title: str, detail: str, **extra: Any) -> dict[str, Any]:
    """The body of an application/problem+json answer; a 422 adds `errors`."""
    return {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}


def not_migrated(command: str) -> str:
    """The detail of the 503 that /health and the API answer while the database lacks a
    migration the code has: it names the command that applies them."""
    return f"The database is not migrated: run `{command}`."


def comma_separated(value: str) -> tuple[str, ...]:
    """The non-empty entries of a comma-separated setting (API_TOKENS, CORS_ALLOWED_ORIGINS)."""
    return tuple(entry for entry in (part.strip() for part in value.split(",")) if entry)


def request_id(incoming: str | None) -> str:
    """The id of a request: the X-Request-ID it came with when that is safe to log and echo,
    otherwise a new random one."""
    if incoming is not None and REQUEST_ID_PATTERN.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def bearer_token_is_valid(authorization: str | None, tokens: Collection[str]) -> bool:
    """Whether an Authorization header carries one of `tokens` as a Bearer token.

    Every token is compared, each in constant time, so the answer's timing tells nothing
    about how much of a token a guess got right, nor which token it was close to.
    """
    scheme, _, presented = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not presented.strip():
        return False
    presented_bytes = presented.strip().encode()
    matches = [hmac.compare_digest(presented_bytes, token.encode()) for token in tokens]
    return any(matches)


class Page(NamedTuple):
    limit: int
    offset: int

    @property
    def past_every_item(self) -> bool:
        """Whether the offset is past any row that can exist, and past what a database's
        OFFSET takes: the page is empty without asking."""
        return self.offset > MAX_ID


class PagingError(ValueError):
    """A limit or offset that is not one integer within its bounds: a 400."""

    def __init__(self, name: str, rule: str) -> None:
        super().__init__(f"{name} {rule}.")
        self.name = name
        self.rule = rule


def requested_page(values_of: Callable[[str], Sequence[str]]) -> Page:
    """The page a GET /api/items asks for. `values_of(name)` gives every value the query string
    has for a parameter, blank ones included (the framework's getall or getlist)."""
    limit = paging_parameter("limit", values_of("limit"), MAX_LIMIT, minimum=1, maximum=MAX_LIMIT)
    offset = paging_parameter("offset", values_of("offset"), 0, minimum=0)
    return Page(limit, offset)


def paging_parameter(
    name: str, values: Sequence[str], default: int, *, minimum: int, maximum: int | None = None
) -> int:
    if not values:
        return default
    if len(values) > 1:
        raise PagingError(name, "must be given once")
    bounds = f"from {minimum} to {maximum}" if maximum is not None else f"of at least {minimum}"
    [raw] = values
    # int() refuses numbers of more than 4300 digits (Python's guard against slow parsing).
    if PAGING_NUMBER.fullmatch(raw) and len(raw) <= 4300:
        value = int(raw)
        if value >= minimum and (maximum is None or value <= maximum):
            return value
    raise PagingError(name, f"must be an integer {bounds}")


def sqlite_pragma_statements(**overrides: str) -> list[str]:
    """SQLITE_PRAGMAS as statements, with a template's own values over them."""
    return [f"PRAGMA {name}={value}" for name, value in {**SQLITE_PRAGMAS, **overrides}.items()]


class Cursor(Protocol):
    def execute(self, statement: str, /) -> object: ...

    def close(self) -> object: ...


class DBAPIConnection(Protocol):
    def cursor(self) -> Cursor: ...


def apply_sqlite_pragmas(connection: DBAPIConnection, **overrides: str) -> None:
    """Run SQLITE_PRAGMAS (and `overrides`) on a new DB-API connection to SQLite."""
    cursor = connection.cursor()
    try:
        for statement in sqlite_pragma_statements(**overrides):
            execute_while_locked(cursor, statement, SQLITE_PRAGMA_SECONDS)
    finally:
        cursor.close()


def execute_while_locked(cursor: Cursor, statement: str, seconds: float) -> None:
    """Execute `statement`, trying again for up to `seconds` while SQLite says the database
    is locked; any other error, or a lock that outlasts them, is raised."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            cursor.execute(statement)
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
        time.sleep(0.02)


def drain_unread_body(environ: WSGIEnvironment) -> bool:
    """Read and drop what the application left of the request body, within a bound.

    Granian (like other servers) closes a connection whose request body was left unread as
    soon as it has answered; a client still sending then gets a reset instead of the answer
    (a 413, a 415, a 404 for a PUT), and a client reusing the connection loses its next
    request. Reading the rest keeps the connection usable. The bound (MAX_UNREAD_BODY_BYTES,
    UNREAD_BODY_SECONDS, checked between chunks) stops a client from keeping the worker
    reading forever; past it the server closes the connection. Returns whether the body ended.

    Only where the server ends wsgi.input with the body (wsgi.input_terminated: Granian and
    Gunicorn set it, chunked or not): elsewhere a read past the body waits for the client.
    """
    if not environ.get("wsgi.input_terminated"):
        return False
    stream = environ["wsgi.input"]
    deadline = time.monotonic() + UNREAD_BODY_SECONDS
    for _ in range(MAX_UNREAD_BODY_BYTES // UNREAD_BODY_CHUNK):
        if not stream.read(UNREAD_BODY_CHUNK):
            return True
        if time.monotonic() > deadline:
            return False
    return False


class DrainUnreadBody:
    """WSGI middleware: after the application, drain_unread_body()."""

    def __init__(self, application: WSGIApplication) -> None:
        self.application = application

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        response = self.application(environ, start_response)
        drain_unread_body(environ)
        return response
