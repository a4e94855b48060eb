"""What every handler shares: problem details for errors, security headers, cross-origin
(CORS) answers, JSON in and out, and (from request_log.py) the request id."""

import contextvars
import json
from collections.abc import Callable
from functools import partial
from http.client import responses
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Connection
from sqlalchemy.orm import Session, sessionmaker
from tornado.escape import json_encode
from tornado.http1connection import HTTP1Connection
from tornado.ioloop import IOLoop
from tornado.log import app_log
from tornado.web import HTTPError, RequestHandler, stream_request_body

from .. import contract
from ..app import Application
from ..contract import (
    CORS_ALLOWED_HEADERS,
    CORS_ALLOWED_METHODS,
    CORS_EXPOSED_HEADERS,
    CORS_MAX_AGE,
    MAX_BODY_BYTES,
    MAX_UNREAD_BODY_BYTES,
    SECURITY_HEADERS,
)
from ..database import DATABASE_DOWN
from ..migration_check import MigrationCheck
from ..request_log import RequestIdHandler

P = ParamSpec("P")
T = TypeVar("T")

# A body over MAX_BODY_BYTES is still read to its end (and dropped) before the 413 goes out:
# answering mid-upload makes Tornado close the connection, and the client would see a reset
# instead of the 413. A body declared larger than MAX_UNREAD_BODY_BYTES is answered at once.


def add_security_headers(handler: RequestHandler) -> None:
    for name, value in SECURITY_HEADERS.items():
        handler.set_header(name, value)


def require_migrated(check: MigrationCheck, connection: Connection) -> None:
    """A 503 naming `alembic upgrade head` while the database lacks a migration. Asked until
    the answer is yes, then kept for the life of the process. Runs on a database thread."""
    if check.current:
        return
    pending = check.pending(connection)
    if pending:
        app_log.warning("%s Missing: %s.", check.detail, ", ".join(pending))
        raise HTTPError(503, check.detail)


class ProblemError(HTTPError):
    """An HTTPError whose problem details carry extra members, such as the 422 `errors`."""

    def __init__(self, status_code: int, detail: str, **extra: Any) -> None:
        super().__init__(status_code, detail)
        self.extra = extra


@stream_request_body
class BaseHandler(RequestIdHandler):
    """Streams request bodies, so that a body over 1 MiB is a 413, not a dropped connection."""

    application: Application

    def set_default_headers(self) -> None:
        # Tornado calls this for every response, errors included.
        super().set_default_headers()
        add_security_headers(self)
        # Tornado has no CORS support of its own: the contract's, for CORS_ALLOWED_ORIGINS.
        if self.application.config.cors_allowed_origins:
            # The answer depends on the Origin: a cache must not give one origin's to another.
            self.set_header("Vary", "Origin")
        if origin := self.allowed_origin():
            self.set_header("Access-Control-Allow-Origin", origin)
            self.set_header("Access-Control-Expose-Headers", ", ".join(CORS_EXPOSED_HEADERS))

    def allowed_origin(self) -> str | None:
        """The request's Origin, if it is one whose browsers may call the API."""
        origin = self.request.headers.get("Origin")
        return origin if origin in self.application.config.cors_allowed_origins else None

    def options(self, *args: str, **kwargs: str) -> None:
        """Every OPTIONS request is a 204 naming the handler's methods in Allow; a preflight
        from an allowed origin also learns what its browser may send. Another origin's
        preflight gets no Access-Control-Allow-Origin, and its browser sends nothing more."""
        self.set_header("Allow", ", ".join(self.allowed_methods()))
        if self.allowed_origin() and "Access-Control-Request-Method" in self.request.headers:
            self.set_header("Access-Control-Allow-Methods", ", ".join(CORS_ALLOWED_METHODS))
            self.set_header("Access-Control-Allow-Headers", ", ".join(CORS_ALLOWED_HEADERS))
            self.set_header("Access-Control-Max-Age", str(CORS_MAX_AGE))
        self.set_status(204)
        self.finish()

    def prepare(self) -> None:
        super().prepare()  # First: the 413 below is logged with the request's id too.
        self.application.requests_in_flight.add(self)
        self.body_chunks: list[bytes] = []
        self.body_size = 0
        declared = self.request.headers.get("Content-Length", "")
        too_large = declared.isdigit() and int(declared) > MAX_UNREAD_BODY_BYTES
        limit = int(declared) if too_large else 0
        if isinstance(self.request.connection, HTTP1Connection):
            # Let Tornado read what the 413 below answers, instead of its own bare 400.
            self.request.connection.set_max_body_size(max(limit, MAX_UNREAD_BODY_BYTES))
        if limit:
            raise HTTPError(413, f"The body is larger than {MAX_BODY_BYTES} bytes.")

    def data_received(self, chunk: bytes) -> None:
        self.body_size += len(chunk)
        if self.body_size <= MAX_BODY_BYTES:
            self.body_chunks.append(chunk)

    def on_finish(self) -> None:
        self.application.requests_in_flight.discard(self)

    def on_connection_close(self) -> None:
        super().on_connection_close()
        self.application.requests_in_flight.discard(self)

    async def in_session(
        self, work: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """`work(session, *args, **kwargs)` on a new Session, in one executor call.

        The request's whole unit of work (its queries, its commit) runs on a database thread,
        so the request crosses to it and back once, not once per DBAPI call. The session is
        closed when `work` returns, rolling back what it did not commit. `work` touches only
        its session and its arguments, and returns plain data, not objects of the session.
        """
        sessions = self.application.sessions
        return await self.in_executor(self.unit_of_work(sessions, work, *args, **kwargs))

    async def in_read_session(
        self, work: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """As in_session, for a read of one query, which then runs outside a transaction (see
        outside_transactions)."""
        sessions = self.application.read_sessions
        return await self.in_executor(self.unit_of_work(sessions, work, *args, **kwargs))

    def unit_of_work(
        self,
        sessions: sessionmaker[Session],
        work: Callable[Concatenate[Session, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> Callable[[], T]:
        migrations = self.application.migrations

        def run() -> T:
            with sessions() as session:
                require_migrated(migrations, session.connection())
                return work(session, *args, **kwargs)

        return run

    async def in_connection(self, work: Callable[[Connection], T]) -> T:
        """`work(connection)` on a pooled connection without an ORM session, like in_session."""
        application = self.application

        def unit_of_work() -> T:
            with application.outside_transactions.connect() as connection:
                require_migrated(application.migrations, connection)
                return work(connection)

        return await self.in_executor(unit_of_work)

    async def in_executor(self, function: Callable[[], T]) -> T:
        """`function()` on the application's database threads, off the IOLoop, as Tornado's
        documentation runs blocking calls; a database that does not answer is a 503, not a 500.
        """
        # In a copy of the request's context, as asyncio.to_thread does: its log lines keep the
        # request's id.
        in_context = partial(contextvars.copy_context().run, function)
        try:
            return await IOLoop.current().run_in_executor(self.application.executor, in_context)
        except DATABASE_DOWN as error:
            app_log.warning("The database is not answering: %r", error)
            raise HTTPError(503, "The database is not answering.") from error

    def json_body(self) -> Any:
        """The decoded JSON body, or the 413, 415 or 400 that says why there is none."""
        if self.body_size > MAX_BODY_BYTES:
            raise HTTPError(413, f"The body is larger than {MAX_BODY_BYTES} bytes.")
        content_type = self.request.headers.get("Content-Type", "")
        if content_type.partition(";")[0].strip().lower() != "application/json":
            raise HTTPError(415, "Send the body as application/json.")
        try:
            return json.loads(b"".join(self.body_chunks))
        except (ValueError, RecursionError):
            raise HTTPError(400, "The body is not valid JSON.") from None

    def write_json(self, data: object, status: int = 200) -> None:
        # Any JSON value, arrays included: RequestHandler.write() takes only dicts.
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json_encode(data))

    def allowed_methods(self) -> list[str]:
        """The methods this handler implements, for the Allow header of a 405 or an OPTIONS."""
        return [
            method
            for method in self.SUPPORTED_METHODS
            if getattr(type(self), method.lower()) is not getattr(RequestHandler, method.lower())
        ]

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Every error as RFC 9457 problem details; Tornado logs the exception before."""
        error = kwargs["exc_info"][1] if "exc_info" in kwargs else None
        title = responses.get(status_code, "Unknown")
        if isinstance(error, HTTPError):
            title = error.reason or title
            extra = error.extra if isinstance(error, ProblemError) else {}
            problem = contract.problem(status_code, title, error.log_message or title, **extra)
        else:
            problem = contract.problem(status_code, title, title)  # No traceback for the client.
        if status_code == 405:
            # Tornado sends its 405 without the Allow header that HTTP requires.
            self.set_header("Allow", ", ".join(self.allowed_methods()))
        elif status_code == 401:
            # RFC 6750's challenge: how to authenticate (send_error cleared earlier headers).
            self.set_header("WWW-Authenticate", contract.WWW_AUTHENTICATE)
        self.set_header("Content-Type", contract.PROBLEM_CONTENT_TYPE)
        self.finish(json.dumps(problem))


class NotFoundHandler(BaseHandler):
    """The application's default_handler_class: every path that no route matches.

    It answers once the request has been read: an answer from prepare() would come before the
    body, and Tornado would then close the connection instead of keeping it alive.
    """

    def get(self, *args: str, **kwargs: str) -> None:
        raise HTTPError(404, "There is nothing at this path.")

    head = post = put = delete = patch = options = get
