"""Serve the application with CherryPy's own multi-threaded HTTP server (the Procfile's web).

SIGTERM (or Ctrl-C) stops the engine: the server stops accepting connections and finishes the
requests in flight, the database plugin disposes of its engine, and the process exits 0.
"""

import argparse
import threading

import cherrypy
from dotenv import load_dotenv

from . import logs, mount
from .config import server_config, settings_from_environment
from .error_reports import start_error_reports


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=f"python -m {__package__}",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    parser.add_argument("--port", type=int, help="port to listen on (default: $PORT, else 8080)")
    parser.add_argument(
        "--dev",
        action="store_true",
        help="development: restart on code changes, tracebacks in error responses",
    )
    return parser.parse_args(argv)


def exit_once_started(stop_requested: threading.Event) -> None:
    """The SIGTERM handler. CherryPy's own exits 70 at once when the signal arrives while the
    engine still starts (the server already answers then), which a deploy that stops a freshly
    started process would see as a crash; this one lets the start finish, then stops cleanly.
    """
    if cherrypy.engine.state == cherrypy.engine.states.STARTING:
        stop_requested.set()  # the interrupted engine.start() runs on; main() exits after it
    else:
        cherrypy.engine.exit()


def main(argv: list[str] | None = None) -> None:
    load_dotenv()
    args = parse_args(argv)
    # Before CherryPy logs anything: its engine and error logs go through the root logger.
    logs.configure()
    # Sentry has no CherryPy integration: its logging one reports the error log's records,
    # such as the traceback of a request's unexpected error, once each.
    start_error_reports()
    settings = settings_from_environment()
    cherrypy.config.update(
        server_config(
            host=args.host,
            port=settings.port if args.port is None else args.port,
            threads=settings.threads,
            development=args.dev,
        )
    )
    mount(
        settings.database_url,
        pool_size=settings.threads,
        api_tokens=settings.api_tokens,
        cors_allowed_origins=settings.cors_allowed_origins,
    )
    stop_requested = threading.Event()
    cherrypy.engine.signal_handler.handlers["SIGTERM"] = lambda: exit_once_started(stop_requested)
    cherrypy.engine.signals.subscribe()
    cherrypy.engine.start()
    if stop_requested.is_set():
        cherrypy.engine.exit()
    cherrypy.engine.block()


if __name__ == "__main__":
    main()
