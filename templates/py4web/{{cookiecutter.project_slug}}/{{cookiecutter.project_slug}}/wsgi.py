"""The WSGI entry point the servers import (see Procfile).

They load `{{ cookiecutter.project_slug }}.wsgi:application`.
"""

from . import logs
from .error_reports import start_error_reports
from .service import load_apps

# Logging and error reports are the process's, set up before py4web imports the app. Sentry
# has no py4web integration: it reports the errors `problems.py` logs, with their traceback.
logs.configure()
start_error_reports()
application = load_apps()
