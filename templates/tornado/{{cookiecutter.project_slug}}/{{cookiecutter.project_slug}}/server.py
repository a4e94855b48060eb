"""Tornado's own HTTPServer: worker processes, and a graceful stop on SIGTERM.

`python -m <package> --host=0.0.0.0` listens on 0.0.0.0:$PORT (127.0.0.1 without it) with
$WEB_CONCURRENCY worker processes, forked by tornado.process.fork_processes; each runs the
application on its own event loop, database engine, database threads and listening socket. On
SIGTERM (or Ctrl-C) a worker stops accepting, lets the requests in progress finish (at most
SHUTDOWN_TIMEOUT seconds), closes its connections, its database threads and its engine, sends
the error reports{% if cookiecutter.observability == "opentelemetry" %}, spans and metrics{% endif %} it still holds, and exits 0.
"""

import asyncio
import logging
import os
import signal
import socket
import sys
from dataclasses import replace

from dotenv import load_dotenv
{%- if cookiecutter.observability == "opentelemetry" %}
from opentelemetry import metrics, trace
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
from opentelemetry.instrumentation.tornado import TornadoInstrumentor
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import Span
from sqlalchemy.engine import Engine
{%- endif %}
from tornado.httpserver import HTTPServer
from tornado.log import app_log
from tornado.netutil import bind_sockets
from tornado.options import define, options, parse_command_line
from tornado.process import fork_processes
{%- if cookiecutter.observability == "opentelemetry" %}
from tornado.routing import PathMatches
from tornado.web import RequestHandler
{%- endif %}

from . import logs
from .config import Settings, settings_from_environment
from .contract import MAX_BODY_BYTES
from .database import create_engine
from .error_reports import start_error_reports
from .routes import make_app
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry import start_telemetry
{%- endif %}

define("debug", default=False, help="one process that reloads on code changes")
# Loopback unless asked: only a container or a platform's router should reach the server.
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0 in a container)")


class Service:
    """The application on an HTTPServer listening on `sockets`.

    Create it inside the event loop of the process that serves, after any fork: the engine's
    pooled connections and the executor's threads belong to that process (a forked child
    would share its parent's connections, and have none of its threads).
    """

    def __init__(self, settings: Settings, sockets: list[socket.socket]) -> None:
        self.settings = settings
        self.engine = create_engine(settings.database_url)
{%- if cookiecutter.observability == "opentelemetry" %}
        if start_telemetry():
            # Before the app exists, with this process's engine (see instrument).
            instrument(self.engine)
{%- endif %}
        self.application = make_app(settings, self.engine)
        # Handlers stream bodies and answer 413 above 1 MiB (see handlers/base.py).
        self.server = HTTPServer(self.application, max_body_size=MAX_BODY_BYTES)
        self.server.add_sockets(sockets)

    async def stop(self) -> None:
        """Stop accepting, let requests in progress finish, then close everything."""
        self.server.stop()
        # Every request read from now on is answered with `Connection: close`, and its connection
        # closed after it: the connection parameters are the server's, shared by its connections
        # and read for each request. A client keeping a connection busy would otherwise hold
        # the worker until SHUTDOWN_TIMEOUT.
        self.server.conn_params.no_keep_alive = True
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.settings.shutdown_timeout
        while self.application.requests_in_flight and loop.time() < deadline:
            await asyncio.sleep(0.05)
        if self.application.requests_in_flight:
            app_log.warning(
                "Stopping with %d requests unfinished after %s s",
                len(self.application.requests_in_flight),
                self.settings.shutdown_timeout,
            )
        for websocket in list(self.application.websockets):
            websocket.close(1001, "The server is stopping.")
        await self.server.close_all_connections()
        # No waiting for a database thread that a request still unfinished holds: the process
        # exits without it (see main).
        self.application.executor.shutdown(wait=False, cancel_futures=True)
        self.engine.dispose()


{%- if cookiecutter.observability == "opentelemetry" %}


def instrument(engine: Engine) -> None:
    """Trace each request (a server span with its route and status, and the request metrics)
    and each statement of `engine` beneath it. Once a process, as production makes its one
    Service: Tornado's instrumentation patches the process's handler classes."""
    TornadoInstrumentor().instrument(server_request_hook=record_route)  # type: ignore[no-untyped-call]
    # skip_dep_check: the instrumentation declares SQLAlchemy < 2.1, and works with 2.1
    # (tests/test_observability.py).
    SQLAlchemyInstrumentor().instrument(engine=engine, skip_dep_check=True)


def record_route(span: Span, handler: RequestHandler) -> None:
    """Set the server span's http.route to the pattern of the URL table's route (routes.py) that
    took the request, such as `/api/items/([0-9]+)`: Tornado's instrumentation, which calls
    this as each request starts, leaves the attribute out. Tornado keeps no note of the route
    it matched, so match again."""
    for rule in handler.application.wildcard_router.rules:
        matcher = rule.matcher
        if (
            rule.target is type(handler)
            and isinstance(matcher, PathMatches)
            and matcher.match(handler.request) is not None
        ):
            # As routes.py writes it, without the $ that Tornado appends.
            span.set_attribute("http.route", matcher.regex.pattern.removesuffix("$"))
            return
{%- endif %}


async def serve(settings: Settings, sockets: list[socket.socket], stop_pipe: int | None) -> None:
    service = Service(settings, sockets)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    if stop_pipe is not None:
        # The parent closes its end of the pipe to stop the workers (and so does its death).
        def parent_says_stop() -> None:
            loop.remove_reader(stop_pipe)  # The closed pipe stays readable: listen once.
            stopping.set()

        loop.add_reader(stop_pipe, parent_says_stop)
    await stopping.wait()
    await service.stop()


def fork_workers(count: int) -> int:
    """Fork the workers; return, in each of them, the read end of the pipe that stops them.

    The parent stays in tornado.process.fork_processes, which restarts a worker that crashes
    and exits 0 once all have exited 0. On SIGTERM or SIGINT the parent closes its end of the
    pipe: each worker sees the pipe close and stops gracefully.
    """
    read_end, write_end = os.pipe()
    open_write_end = [write_end]

    def stop_workers(_signum: int, _frame: object) -> None:
        while open_write_end:
            os.close(open_write_end.pop())

    signal.signal(signal.SIGTERM, stop_workers)
    signal.signal(signal.SIGINT, stop_workers)
    fork_processes(count)  # Returns only in a worker.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if not open_write_end:
        sys.exit(0)  # Restarted after the parent was told to stop.
    os.close(open_write_end.pop())
    return read_end


def main() -> None:
    load_dotenv()
    parse_command_line()  # --debug and --host (--help lists them).
    # After Tornado's own logging setup, which it replaces; before the fork, so that the workers
    # log the same way. The error reports too, before the app exists: Sentry's SDK enables its
    # Tornado integration by itself, which patches RequestHandler.
    logs.configure()
    reporting = start_error_reports()
    settings = settings_from_environment()
    if options.debug:
        settings = replace(settings, debug=True, processes=1)
    address = options.host
    # Fails here, once, if the port is taken.
    sockets = bind_sockets(settings.port, address)
    app_log.info("Serving on http://%s:%d", address, settings.port)
    stop_pipe = None
    if settings.processes != 1:
        for sock in sockets:
            sock.close()
        stop_pipe = fork_workers(settings.processes)
        # A listening socket per worker (SO_REUSEPORT): the kernel spreads new connections
        # evenly. With one socket shared by all, one worker took most of them (measured on Linux).
        sockets = bind_sockets(settings.port, address, reuse_port=True)
    asyncio.run(serve(settings, sockets, stop_pipe))
    # Done: leave as multiprocessing's forked children do, without the interpreter teardown
    # (up to a second on a busy machine; a worker's parent does it anyway), which would also
    # wait for the executor's threads (they are not daemons) if a request past
    # SHUTDOWN_TIMEOUT still held one in the database. It skips the exit hooks too, where the
    # SDKs send what they still hold: send it first.
    send_pending(reporting)
    logging.shutdown()
    os._exit(0)


def send_pending(reporting: bool) -> None:
    """Send what the SDKs still hold, as their exit hooks would (os._exit skips them): the
    error reports{% if cookiecutter.observability == "opentelemetry" %}, the spans and the metrics{% endif %}."""
    if reporting:
        import sentry_sdk  # Already imported by start_error_reports.

        sentry_sdk.flush()
{%- if cookiecutter.observability == "opentelemetry" %}
    for provider in (trace.get_tracer_provider(), metrics.get_meter_provider()):
        if isinstance(provider, TracerProvider | MeterProvider):
            provider.force_flush()
{%- endif %}
