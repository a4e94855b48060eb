"""The WSGI entry point the production server imports (see Procfile)."""

from . import create_app, logs
from .contract import DrainUnreadBody
from .error_reports import start_error_reports

# Logging and error reports are the process's, set up where production starts it: before the
# app logs or fails anything.
logs.configure()
start_error_reports()
app = create_app()
# Flask's documented way to add WSGI middleware: `app` stays the Flask object. Granian closes a
# connection whose request body the app left unread; the middleware reads the rest (bounded).
app.wsgi_app = DrainUnreadBody(app.wsgi_app)  # type: ignore[method-assign]
