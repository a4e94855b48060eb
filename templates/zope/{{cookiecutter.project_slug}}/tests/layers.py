"""The tests' Zope layer (zope.testing's layers, which zope.pytestlayer runs under pytest): one
Zope per test session on a freshly released database, and an empty items container per test.

Zope reads its configuration and the ZCML once a process, so the layer sets up once. The
database is TEST_DATABASE_URL when set (for example a PostgreSQL server), otherwise RelStorage's
SQLite files in a temporary folder.
"""

import os
import shutil
import tempfile
from typing import Any

import transaction

from {{ cookiecutter.project_slug }} import app, config, release
from {{ cookiecutter.project_slug }}.items import ITEMS_KEY, ItemContainer

ALLOWED_ORIGIN = "https://app.example.com"


def accepted_api_token() -> str:
    """The token the test app accepts for writes."""
    return "test-api-token"


class ServiceLayer:
    """zope.testing's layer protocol, in its names: setUp and tearDown around the tests that use
    the layer, testSetUp before each of them."""

    folder = ""
    database_url = ""
    app: Any = None

    @classmethod
    def setUp(cls) -> None:
        cls.folder = tempfile.mkdtemp(prefix="zope-tests-")
        default = f"sqlite:///{cls.folder}/test.db"
        cls.database_url = os.environ.get("TEST_DATABASE_URL", default)
        # What the environment would set: the settings were read when the tests imported them.
        os.environ["DATABASE_URL"] = cls.database_url
        config.API_TOKENS = (accepted_api_token(),)
        config.CORS_ALLOWED_ORIGINS = (ALLOWED_ORIGIN,)
        release.release(cls.database_url)
        cls.app = app.load(configure_logging="false")

    @classmethod
    def tearDown(cls) -> None:
        import Zope2

        Zope2.DB.close()
        shutil.rmtree(cls.folder, ignore_errors=True)

    @classmethod
    def testSetUp(cls) -> None:  # noqa: N802 (zope.testing's name)
        """An empty items container."""
        import Zope2

        connection = Zope2.DB.open()
        try:
            connection.root()[ITEMS_KEY] = ItemContainer()
            transaction.commit()
        finally:
            connection.close()
