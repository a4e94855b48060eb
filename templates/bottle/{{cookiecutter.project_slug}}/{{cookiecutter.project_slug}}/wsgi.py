"""The WSGI entry point the servers import (see Procfile).

They load `{{ cookiecutter.project_slug }}.wsgi:app`.
"""

from . import create_app, logs
from .error_reports import start_error_reports

# Logging and error reports are the process's, set up where the servers start it: before the
# app logs or fails anything.
logs.configure()
start_error_reports()
app = create_app()
