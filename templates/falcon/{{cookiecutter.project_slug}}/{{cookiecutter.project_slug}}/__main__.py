"""The development server: `python -m {{ cookiecutter.project_slug }}` serves the app with the
standard library's wsgiref on 127.0.0.1, as Falcon's quick start does. One request at a time and
no reloader: production runs the Procfile's Granian."""

from contextlib import suppress
from wsgiref.simple_server import WSGIRequestHandler, make_server

from dotenv import load_dotenv

from . import logs
from .app import create_app
from .config import settings_from_environment
from .database import Database


class RequestHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """wsgiref's own access line: the app's (middleware.RequestLog) replaces it."""


def main() -> None:
    load_dotenv()
    logs.configure()  # Readable lines on a terminal (logs.py).
    settings = settings_from_environment()
    app = create_app(Database(settings.database_url), settings)
    with (
        make_server("127.0.0.1", settings.port, app, handler_class=RequestHandler) as server,
        suppress(KeyboardInterrupt),
    ):
        print(f"Serving on http://127.0.0.1:{settings.port} (Ctrl-C stops)")
        server.serve_forever()


if __name__ == "__main__":
    main()
