"""Settings every way of running the project shares, read from the environment.

`.env` in the project folder is read first, without overriding variables that are already set:
it holds this machine's settings and the SECRET_KEY generated with the project (see
`.env.example`). The Django settings reference: https://docs.djangoproject.com/en/5.2/ref/settings/
"""

import os
from pathlib import Path

import django_stubs_ext
from dotenv import load_dotenv

from .. import contract, logs
from ..contract import MAX_BODY_BYTES, SECURITY_HEADERS, comma_separated
from .environment import database_from_url, env_flag, env_list

# Lets the generic views and admin classes take type parameters at run time, as the type
# checker wants them (ListView[Post], ModelAdmin[Post]).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parents[2]
PACKAGE_DIR = BASE_DIR / "{{ cookiecutter.project_slug }}"
load_dotenv(BASE_DIR / ".env")

SITE_NAME = {{ cookiecutter.project_name | python_string }}

# Off unless DEBUG=true: tracebacks in the browser, unhashed static files.
DEBUG = env_flag("DEBUG")
# Host names the service answers to: yours, and always loopback, which the container's health
# check asks (http://127.0.0.1:$PORT/health).
ALLOWED_HOSTS = [*env_list("ALLOWED_HOSTS"), "localhost", "127.0.0.1", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # django-cors-headers: its system checks reject a malformed CORS_ALLOWED_ORIGINS.
    "corsheaders",
    # Before staticfiles: runserver then serves static files as production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "{{ cookiecutter.project_slug }}.posts",
    "{{ cookiecutter.project_slug }}.items",
    # The project package itself, for its management commands (makemigrations runs ruff).
    "{{ cookiecutter.project_slug }}",
]

# The request's id and access line (request_log.py) wrap everything, so that every answer has
# them. The two middleware that set security headers follow, so that every response gets them,
# the static files and the errors other middleware raise included. CorsMiddleware comes next,
# before anything else that answers (WhiteNoise, CommonMiddleware): the preflights it answers
# itself pass back through the two above and get the security headers too.
MIDDLEWARE = [
    "{{ cookiecutter.project_slug }}.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "{{ cookiecutter.project_slug }}.urls"
WSGI_APPLICATION = "{{ cookiecutter.project_slug }}.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "{{ cookiecutter.project_slug }}.context_processors.site",
            ],
        },
    },
]

{% if cookiecutter.database == "postgresql" -%}
DEFAULT_DATABASE_URL = "postgresql://localhost:5432/{{ cookiecutter.project_slug }}"
{%- else -%}
# A relative SQLite path is a file in the project folder.
DEFAULT_DATABASE_URL = "sqlite:///{{ cookiecutter.project_slug }}.db"
{%- endif %}
DATABASES = {
    "default": database_from_url(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL), BASE_DIR)
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Larger request bodies are refused (the API answers 413).
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_BODY_BYTES

# Writes to the API need one of these as a Bearer token (api.require_api_token); without any,
# every write is refused.
API_TOKENS = comma_separated(os.environ.get("API_TOKENS", ""))

# Browsers on these origins may call the API (django-cors-headers' settings); other origins
# get no Access-Control-Allow-Origin. Only the API: the pages and the admin stay same-origin.
CORS_ALLOWED_ORIGINS = comma_separated(os.environ.get("CORS_ALLOWED_ORIGINS", ""))
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = contract.CORS_ALLOWED_METHODS
CORS_ALLOW_HEADERS = contract.CORS_ALLOWED_HEADERS
CORS_EXPOSE_HEADERS = contract.CORS_EXPOSED_HEADERS
CORS_PREFLIGHT_MAX_AGE = contract.CORS_MAX_AGE

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# `collectstatic` gathers the static files (the admin's) into STATIC_ROOT, where WhiteNoise
# serves them, compressed and with hashed names browsers may cache forever.
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The headers every response carries (SecurityMiddleware and XFrameOptionsMiddleware), with
# the values of contract.SECURITY_HEADERS (nosniff is X-Content-Type-Options' only value).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = SECURITY_HEADERS["Referrer-Policy"]
X_FRAME_OPTIONS = SECURITY_HEADERS["X-Frame-Options"]

# Logs go to standard error, where the server and the container collect them: JSON lines, or
# readable ones on a terminal (LOG_FORMAT, LOG_LEVEL; see logs.py). Django's own loggers go
# through the same one handler, not also through its default ones (console, mail_admins).
LOGGING = logs.logging_config()
LOGGING["loggers"] = {
    "django": {"handlers": [], "level": "NOTSET"},
    # The access line reports the 4xx answers: django.request logs only the 5xx ones, an
    # unexpected exception's with its traceback.
    "django.request": {"level": "ERROR"},
    # runserver's own access log: the access line replaces it.
    "django.server": {"level": "CRITICAL"},
}
