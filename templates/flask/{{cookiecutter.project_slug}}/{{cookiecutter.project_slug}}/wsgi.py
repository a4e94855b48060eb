"""The WSGI entry point the production server imports (see Procfile)."""

from collections.abc import Iterable
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from . import create_app

# Granian closes a connection whose request body the app left unread (a 413, a chunked body,
# which WSGI gives no length) once it has answered, without saying so: a client that reuses
# the connection loses its next request. Reading the rest, up to this size, keeps it open.
MAX_UNREAD_BODY = 16 * 1024 * 1024
CHUNK = 64 * 1024


class DrainUnreadBody:
    """WSGI middleware: after the app, read and drop what is left of the request body.

    Only from servers whose stream ends with the body (wsgi.input_terminated: Granian sets it).
    """

    def __init__(self, wsgi_app: WSGIApplication) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        response = self.wsgi_app(environ, start_response)
        if not environ.get("wsgi.input_terminated"):
            return response  # A read past the body could wait for the client.
        body = environ["wsgi.input"]
        for _ in range(MAX_UNREAD_BODY // CHUNK):
            if not body.read(CHUNK):
                break
        return response


app = create_app()
# Flask's documented way to add WSGI middleware: `app` stays the Flask object.
app.wsgi_app = DrainUnreadBody(app.wsgi_app)  # type: ignore[method-assign]
