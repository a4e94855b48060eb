"""The WSGI entry point the production server imports (see Procfile):
`{{ cookiecutter.project_slug }}.wsgi:application`."""

from cubicweb_{{ cookiecutter.project_slug }} import problems

from . import logs
from .error_reports import start_error_reports
from .service import Service

# Logging and error reports are the process's, set up before CubicWeb logs anything. Sentry's
# Pyramid integration reports an unexpected error once the exception view has answered; the
# view's own error line would make that report a duplicate.
logs.configure()
start_error_reports(reported_by_the_framework=[problems.logger.name])
application = Service()
