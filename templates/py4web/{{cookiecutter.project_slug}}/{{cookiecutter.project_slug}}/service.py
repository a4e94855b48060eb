"""py4web's WSGI application, serving the app in `_default/` at the root of the site."""

import logging
from pathlib import Path
from typing import Any

from py4web.core import Reloader, wsgi
{%- if cookiecutter.observability == "opentelemetry" %}

from . import tracing
from .telemetry import start_telemetry
{%- endif %}

# This folder is py4web's apps folder; py4web imports it as `apps`.
APPS_FOLDER = Path(__file__).resolve().parent
# The one app py4web serves at the root of the site rather than under /<app name>/.
APP_NAME = "_default"
# py4web's service folder (its session secret, its error tickets), in the apps folder.
SERVICE_FOLDER = APPS_FOLDER / ".service"


def load_apps() -> Any:
    """Import the app (its models, fixtures and actions) and return py4web's WSGI app.

    Without the dashboard, and at the log level logs.py has set: py4web would set WARNING.
    """
    # py4web checks for its service folder, then creates it: two of the server's workers that
    # import the app at the same moment on a fresh checkout can both find it missing, and the
    # second fails to create it (FileExistsError) and to boot, which stops the server
    # altogether. Made here, where one that exists is no error, py4web finds it.
    SERVICE_FOLDER.mkdir(exist_ok=True)
    application = wsgi(
        apps_folder=str(APPS_FOLDER),
        app_names=APP_NAME,
        dashboard_mode="none",
        logging_level=logging.getLogger().getEffectiveLevel(),
    )
    # py4web logs an app that fails to import and serves the rest: here that would be a 404
    # for every path. Fail where the server starts instead.
    if error := Reloader.ERRORS.get(APP_NAME):
        raise RuntimeError(f"py4web could not import the app:\n{error}")
{%- if cookiecutter.observability == "opentelemetry" %}
    if start_telemetry():
        return tracing.instrument(application)
{%- endif %}
    return application
