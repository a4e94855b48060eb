"""The WSGI entry point the production server imports (see Procfile): production.ini's app."""

import logging
from pathlib import Path

from pyramid.paster import get_app

from . import logs

INI_FILE = str(Path(__file__).resolve().parents[1] / "production.ini")

# Production logs as logs.py sets it up, from LOG_LEVEL and LOG_FORMAT, before the app logs
# anything: production.ini has no logging sections to set up instead.
logs.configure()
# Alembic's notes at INFO (its plugins, the context of each worker's migration check) are the
# release step's business, not the server's.
logging.getLogger("alembic").setLevel(logging.WARNING)
app = get_app(INI_FILE, "main")
