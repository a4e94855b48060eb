"""The WSGI app the production server imports (Procfile), and `falcon-inspect-app` lists."""

from dotenv import load_dotenv

from . import logs, problems
from .app import create_app
from .config import settings_from_environment
from .database import Database
from .error_reports import start_error_reports

load_dotenv()
# Logging and error reports are the process's, set up where production starts it: before the
# app logs or fails anything.
logs.configure()
# Sentry's Falcon integration reports an unexpected error itself, with the request: the error
# handler's log line of it is not reported a second time.
start_error_reports(reported_by_the_framework=[problems.logger.name])
settings = settings_from_environment()
app = create_app(Database(settings.database_url), settings)
