"""The settings of a minimal Django app on the template's server; the raw-driver app's too."""

import secrets

from django.conf import settings


def configure(urlconf: str) -> None:
    settings.configure(
        DEBUG=False,
        # A throwaway app with nothing to sign: any key will do.
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=urlconf,
        MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    )
