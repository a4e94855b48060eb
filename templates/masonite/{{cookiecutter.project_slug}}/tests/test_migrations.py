"""The 503 of a database that lacks a migration, until the migrate command has run."""

from pathlib import Path

from cleo.testers.command_tester import CommandTester
from masonite.configuration import config
from masoniteorm.schema import Schema

from app.commands.MigrateCommand import MigrateCommand
from app.database import MIGRATIONS, MigrationCheck
from tests.TestCase import TestCase


def schema() -> Schema:
    return Schema(connection_details=config("database.databases"))


class TestMigrationCheck(TestCase):
    def test_a_migrated_database_lacks_nothing(self) -> None:
        check = MigrationCheck()
        assert check.pending(schema()) == []
        assert check.current
        assert check.pending(schema()) == []

    def test_a_migration_the_database_lacks_is_a_503(self) -> None:
        ahead = Path(self.fixture("tmp_path"))
        for migration in MIGRATIONS.glob("*.py"):
            (ahead / migration.name).write_text(migration.read_text())
        (ahead / "2999_01_01_000000_not_applied.py").write_text("")
        check = MigrationCheck(ahead)
        assert check.pending(schema()) == ["2999_01_01_000000_not_applied"]
        assert "craft migrate" in check.detail

        monkeypatch = self.fixture("monkeypatch")
        monkeypatch.setattr("app.middlewares.MigratedDatabaseMiddleware.MIGRATION_CHECK", check)
        unavailable = self.get("/health").assertIsStatus(503)
        unavailable.assertJsonPath("detail", check.detail)
        self.get("/api/items").assertIsStatus(503)


class TestMigrateCommand(TestCase):
    def test_craft_migrate_is_the_project_command(self) -> None:
        """`craft migrate` is the command that takes the migration lock on PostgreSQL; run on
        the migrated test database, it finds nothing to do, and leaves the lock free."""
        command = self.application.make("commands").command_application.find("migrate")
        assert isinstance(command, MigrateCommand)
        tester = CommandTester(command)
        assert tester.execute("--force") == 0
        assert "Nothing To Migrate!" in tester.io.fetch_output()
        # Once more: a lock left held would make this one wait for ever.
        assert CommandTester(command).execute("--force") == 0
