"""The WSGI application: CubicWeb's Pyramid application, once the database has the instance.

CubicWeb's repository reads the schema from the database when it starts, so its application
cannot be built on a database the release step has not created or upgraded yet. Until then
every request is answered here, a 503 problem naming the release step, and the check runs again
on the next request; once it passes, CubicWeb's application is built (once per process) and serves
every request from then on, with no restart.
"""

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, MutableMapping
from typing import Any
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from cubicweb.pyramid import config_from_cwconfig
from cubicweb.server.sqlutils import ConnectionWrapper, SqliteConnectionWrapper

from . import settings
from .contract import (
    PROBLEM_CONTENT_TYPE,
    REQUEST_ID_HEADER,
    SECURITY_HEADERS,
    drain_unread_body,
    not_migrated,
    problem,
    request_id,
)
from .instance import RELEASE_COMMAND, cubicweb_config, missing_migrations, write_instance
from .logs import REQUEST_ID, log_access
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry import start_telemetry
from .tracing import instrument_database
{%- endif %}

logger = logging.getLogger(__name__)


class LockedCache:
    """The system source's cache of the SQL of each RQL query, behind a lock.

    CubicWeb 5 shares that cache (a cachetools LFUCache) between the threads of a process
    without a lock, and under concurrent requests its bookkeeping fails: a KeyError, so a 500,
    for a plain read. The querier's own cache of parsed RQL has a lock; this gives it one too.
    """

    def __init__(self, cache: MutableMapping[Any, Any]) -> None:
        self.cache = cache
        self.lock = threading.Lock()

    def __getitem__(self, key: Any) -> Any:
        with self.lock:
            return self.cache[key]

    def __setitem__(self, key: Any, value: Any) -> None:
        with self.lock:
            self.cache[key] = value

    def pop(self, key: Any, default: Any = None) -> Any:
        with self.lock:
            return self.cache.pop(key, default)

    def clear(self) -> None:
        with self.lock:
            self.cache.clear()


def keep_sqlite_connections_open() -> None:
    """CubicWeb closes a SQLite connection each time a request frees it, so each request opens
    one, and its first statement reads the schema of every table again: 0.6 ms for a list of
    10 items that takes 7 µs on an open connection. Here they stay open, as CubicWeb keeps
    PostgreSQL's: its sqlite3 connections may move between threads (check_same_thread=False),
    and its pool lends each to one request at a time, which rolls it back before freeing it."""
    SqliteConnectionWrapper.cnxset_freed = ConnectionWrapper.cnxset_freed


def cubicweb_application() -> WSGIApplication:
    """What `cubicweb.pyramid.wsgi_application()` builds, the Pyramid application of the
    instance (its repository, and each cube's includeme), without the wsgicors wrapper it adds:
    that answers every preflight itself, before Pyramid, so without the security headers, the
    request id or the access line, and allows credentials. CORS is a tween here (tweens.py)."""
{%- if cookiecutter.observability == "opentelemetry" %}
    if start_telemetry():
        instrument_database()
{%- endif %}
    keep_sqlite_connections_open()
    router = config_from_cwconfig(cubicweb_config()).make_wsgi_app()
    source = router.registry["cubicweb.repository"].system_source
    source._cache = LockedCache(source._cache)
    application: WSGIApplication = router
    return application


class Service:
    """Answers 503 until the database is migrated, then hands every request to CubicWeb."""

    def __init__(self, build: Callable[[], WSGIApplication] | None = None) -> None:
        self.build = build or cubicweb_application
        self.application: WSGIApplication | None = None
        self.lock = threading.Lock()
        write_instance()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        application = self.application or self.start()
        if application is not None:
            return application(environ, start_response)
        return self.unavailable(environ, start_response)

    def start(self) -> WSGIApplication | None:
        """CubicWeb's application, built by the first request that finds the database
        migrated; None while it is not."""
        with self.lock:
            if self.application is None:
                try:
                    missing = missing_migrations(settings.database_url())
                except Exception as error:  # Any driver's error: the database is not answering.
                    logger.warning("The database is not answering: %s", error)
                    self.detail = "The database is not answering."
                    return None
                if missing:
                    self.detail = not_migrated(RELEASE_COMMAND)
                    logger.warning("%s Missing: %s.", self.detail, "; ".join(missing))
                    return None
                self.application = self.build()
            return self.application

    def unavailable(self, environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        started = time.perf_counter()
        token = REQUEST_ID.set(request_id(environ.get("HTTP_X_REQUEST_ID")))
        try:
            body = json.dumps(problem(503, "Service Unavailable", self.detail)).encode()
            headers = [
                ("Content-Type", PROBLEM_CONTENT_TYPE),
                ("Content-Length", str(len(body))),
                (REQUEST_ID_HEADER, REQUEST_ID.get()),
                *SECURITY_HEADERS.items(),
            ]
            start_response("503 Service Unavailable", headers)
            drain_unread_body(environ)
            duration_ms = (time.perf_counter() - started) * 1000
            method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "/")
            log_access(method, path, 503, duration_ms, environ.get("REMOTE_ADDR"))
            return [body]
        finally:
            REQUEST_ID.reset(token)
