"""Settings for a developer machine: manage.py's default (runserver, makemigrations, shell)."""

import os

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .environment import env_flag

DEBUG = env_flag("DEBUG", default=True)
# The generated .env holds a random key. Without one (a fresh clone), a new random key each
# start: sign-ins do not outlive a restart, and no key is ever written in the code
# (production.py refuses to start without a real one).
SECRET_KEY = os.environ.get("SECRET_KEY") or get_random_secret_key()
