"""The WSGI entry point the servers import (see Procfile).

They load `{{ cookiecutter.project_slug }}.wsgi:app`.
"""

from . import create_app, logs, problems
from .error_reports import start_error_reports

# Logging and error reports are the process's, set up where the servers start it: before the
# app logs or fails anything. Sentry's Bottle integration reports an unexpected error with its
# request; the plugin's error line would be a second report of it.
logs.configure()
start_error_reports(reported_by_the_framework=[problems.logger.name])
app = create_app()
