"""The database's readiness: a 503 naming the migrate command while a migration is missing."""

import logging

from sqlalchemy import Connection
from tg import app_globals
from tg.exceptions import HTTPServiceUnavailable

logger = logging.getLogger(__name__)


def require_migrated(connection: Connection) -> None:
    """Asked until the answer is yes, then kept for the life of the app (lib/app_globals.py)."""
    check = app_globals.migration_check
    if check.current:
        return
    pending = check.pending(connection)
    if pending:
        logger.warning("%s Missing: %s.", check.detail, ", ".join(pending))
        raise HTTPServiceUnavailable(check.detail)
