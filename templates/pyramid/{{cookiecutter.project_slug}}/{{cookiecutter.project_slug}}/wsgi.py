"""The WSGI entry point the production server imports (see Procfile): production.ini's app."""

import logging
from pathlib import Path

from pyramid.paster import get_app

from . import logs
from .error_reports import start_error_reports
from .views import errors

INI_FILE = str(Path(__file__).resolve().parents[1] / "production.ini")

# Production logs as logs.py sets it up, from LOG_LEVEL and LOG_FORMAT, before the app logs
# anything: production.ini has no logging sections to set up instead. Its errors go to Sentry
# from here too, once a process; `pserve development.ini` reports none, as it logs by the .ini's
# own sections: a developer reads the traceback in the terminal.
logs.configure()
# Sentry's Pyramid integration reports an unexpected error with its request once the exception
# view has answered; the view's own error line, which Sentry's logging integration would report
# first, would make that report a dropped duplicate.
start_error_reports(reported_by_the_framework=[errors.logger.name])
# Alembic's notes at INFO (its plugins, the context of each worker's migration check) are the
# release step's business, not the server's.
logging.getLogger("alembic").setLevel(logging.WARNING)
app = get_app(INI_FILE, "main")
