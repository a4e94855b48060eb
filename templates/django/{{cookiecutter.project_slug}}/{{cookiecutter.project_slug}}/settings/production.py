"""Settings for production: the WSGI server (wsgi.py) and the release step (Procfile).

Django's `manage.py check --deploy` reviews them: with the environment the README gives for
production, it reports no issue.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .environment import env_flag

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set: production needs a long random value, from the environment "
        "or the project's .env file. Make one with: "
        'python -c "import secrets; print(secrets.token_urlsafe(48))"'
    )

# TLS ends at the platform's proxy, which says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Off by default because many platforms redirect at their proxy already and the service must
# also answer plain HTTP on loopback; /health stays plain HTTP for the container health check.
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT")
SECURE_REDIRECT_EXEMPT = [r"^health$"]
# Browsers send the session and CSRF cookies over HTTPS only (and to http://localhost).
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS: only sent over HTTPS. An hour to begin with; raise it to a year (31536000) once HTTPS
# works for every subdomain.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "3600"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", default=True)
