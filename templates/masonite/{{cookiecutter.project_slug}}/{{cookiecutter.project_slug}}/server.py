"""What the production server serves (the Procfile's Granian): the Masonite application of
wsgi.py, in a process whose logging and error reports are set up first."""

from wsgi import application

from . import logs
from .error_reports import start_error_reports

__all__ = ["application"]

# Once the environment is loaded (wsgi.py), before the app logs or fails anything. Masonite has
# no Sentry integration: the exception handler's log line of an unexpected error
# (app/problems.py) is what Sentry reports.
logs.configure()
start_error_reports()
