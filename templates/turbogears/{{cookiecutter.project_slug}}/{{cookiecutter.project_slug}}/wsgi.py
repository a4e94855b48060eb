"""The WSGI entry point the production server imports (see Procfile): production.ini's app."""

import logging
from pathlib import Path

from paste.deploy import loadapp

from . import logs
from .error_reports import start_error_reports

INI_FILE = Path(__file__).resolve().parents[1] / "production.ini"

# Production logs as logs.py sets it up, from LOG_LEVEL and LOG_FORMAT, before the app logs
# anything: production.ini has no logging sections to set up instead. Its errors go to Sentry
# from here too, once a process (lib/problems.py logs each with its traceback, which Sentry's
# logging integration reports); `gearbox serve` reports none: a developer reads the traceback
# in the terminal.
logs.configure()
start_error_reports()
# Alembic's notes at INFO (its plugins, the context of each worker's migration check) are the
# release step's business, not the server's.
logging.getLogger("alembic").setLevel(logging.WARNING)
app = loadapp(f"config:{INI_FILE}")
