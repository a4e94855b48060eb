"""The application's service provider, the last of config/providers.py."""

from masonite.foundation import Application
from masonite.providers import Provider
from masonite.utils.location import migrations_path

from ..commands.MigrateCommand import MigrateCommand
from ..problems import ProblemExceptionHandler


class AppProvider(Provider):  # type: ignore[misc]
    def __init__(self, application: Application) -> None:
        self.application = application

    def register(self) -> None:
        # Every error as problem details (app/problems.py).
        self.application.bind("exception_handler", ProblemExceptionHandler(self.application))
        # `craft migrate` under the migration lock (app/commands/MigrateCommand.py), in place of
        # the one ORMProvider, registered before this provider, added.
        self.application.make("commands").swap(
            MigrateCommand(directory=migrations_path(absolute=False))
        )

    def boot(self) -> None:
        pass
