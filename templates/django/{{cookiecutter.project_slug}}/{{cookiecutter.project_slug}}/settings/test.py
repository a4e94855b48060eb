"""Settings for the tests (pytest-django reads DJANGO_SETTINGS_MODULE from pyproject.toml)."""

import os

from django.core.management.utils import get_random_secret_key

from .. import logs
from .base import *  # noqa: F403
from .base import BASE_DIR, LOGGING
from .environment import database_from_url

# A new key for each test run: nothing the tests sign needs to outlive it.
SECRET_KEY = get_random_secret_key()
# The tests run on TEST_DATABASE_URL's database when it is set (the CI's PostgreSQL service,
# for example), as it is: tests/conftest.py migrates it and leaves it in place. Otherwise
# conftest.py puts a SQLite file in the session's temporary folder.
DATABASES = {
    "default": database_from_url(
        os.environ.get("TEST_DATABASE_URL") or "sqlite:///test.db", BASE_DIR
    )
}
# The tests' own token and browser origin, whatever .env says (tests/conftest.py hands them to
# the tests as the `api_token` and `allowed_origin` fixtures).
API_TOKENS = ("test-api-token",)
CORS_ALLOWED_ORIGINS = ("https://app.example.com",)
# Fast hashing for the test users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Static files as in development: found in the apps, with no collectstatic run.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Every record reaches pytest (caplog, and the report of a failing test), whatever LOG_LEVEL
# .env sets; what reaches stderr is readable, and pytest shows it only for a failing test.
LOGGING = {
    **logs.logging_config({"LOG_LEVEL": "INFO", "LOG_FORMAT": "console"}),
    "loggers": LOGGING["loggers"],
}
