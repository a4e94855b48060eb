"""Settings for a developer machine: manage.py's default (runserver, makemigrations, shell)."""

import os

from .base import *  # noqa: F403
from .environment import env_flag

DEBUG = env_flag("DEBUG", default=True)
# The generated .env holds a random key; without one, a fixed key that is good for nothing
# but local development (production.py refuses to start without a real one).
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-development-only"
