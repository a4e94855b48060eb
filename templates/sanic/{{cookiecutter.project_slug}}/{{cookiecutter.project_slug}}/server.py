"""The app Sanic's server runs: `sanic {{ cookiecutter.project_slug }}.server:app` (the Procfile).

Sanic's CLI imports this module in its main process, which manages the workers, then forks the
workers, which serve this same app: each opens its own database in a listener (app.py).
"""

import tracerite
from dotenv import load_dotenv
from sanic import Sanic

from . import logs
from .app import create_app
from .context import ServiceApp
from .error_reports import start_error_reports

# Workers forked, not spawned (Sanic's default): a spawned worker imports the whole app again,
# which took seconds per worker on a busy 2-core machine, and Sanic gives up on a worker that
# has not started within 30 s. Nothing the app holds at import belongs to one process: the
# database is opened in each worker, after the fork.
Sanic.start_method = "fork"


async def send_pending_reports(_app: ServiceApp) -> None:
    """after_server_stop: a worker ends with os._exit (multiprocessing's), which skips the SDK's
    exit hook; the reports it still holds are sent before."""
    import sentry_sdk  # Imported by start_error_reports already.

    sentry_sdk.flush()


load_dotenv()  # .env, under the environment's own SANIC_ variables and DATABASE_URL.
# Logging and error reports are the process's, set up before Sanic logs or fails anything; the
# forked workers inherit both (Sentry's SDK starts no thread before it sends). Sentry's Sanic
# integration reports an unexpected error as the error handler is looked up, before the
# handler logs it: the SDK drops the report of that log line as a duplicate.
logs.configure()
reporting = start_error_reports()
# Sanic's CLI has TraceRite (a dependency of Sanic) print the traceback of a logged error
# itself, after the handler's line: the traceback belongs in that line (JSON's exc_info).
tracerite.unload_logging_capture()
app = create_app()
if reporting:
    app.after_server_stop(send_pending_reports)
