"""The database's readiness: a 503 naming the migrate command while a migration is missing."""

import logging

from sqlalchemy import Connection
from tg import app_globals
from tg.exceptions import HTTPServiceUnavailable

logger = logging.getLogger(__name__)


def require_migrated_database() -> None:
    """require_migrated on a pooled connection of its own, while the answer is not yet yes: the
    request's session is left for its first statement, which a read may run outside a
    transaction (outside_transactions)."""
    if not app_globals.migration_check.current:
        with app_globals.health_engine.connect() as connection:
            require_migrated(connection)


def require_migrated(connection: Connection) -> None:
    """Asked until the answer is yes, then kept for the life of the app (lib/app_globals.py)."""
    check = app_globals.migration_check
    if check.current:
        return
    pending = check.pending(connection)
    if pending:
        logger.warning("%s Missing: %s.", check.detail, ", ".join(pending))
        raise HTTPServiceUnavailable(check.detail)
