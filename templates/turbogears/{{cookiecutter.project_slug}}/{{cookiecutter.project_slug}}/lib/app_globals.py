"""`tg.app_globals`: what every request shares for the life of the app."""

from functools import cached_property
from pathlib import Path

import tg
from sqlalchemy import Engine

from ..migration_check import MigrationCheck
from ..outside_transactions import outside_transactions

MIGRATIONS = Path(__file__).resolve().parents[2] / "migration"


class Globals:
    """TurboGears makes one at start (and adds `sa_engine`, the SQLAlchemy engine)."""

    sa_engine: Engine

    @cached_property
    def migration_check(self) -> MigrationCheck:
        """Whether the database has every migration; the command the 503 names comes from
        make_app, which knows the .ini file."""
        return MigrationCheck(MIGRATIONS, tg.config["migrate_command"])

    @cached_property
    def health_engine(self) -> Engine:
        """`sa_engine` outside transactions, for the health check's SELECT 1 (see
        outside_transactions)."""
        return outside_transactions(self.sa_engine)
