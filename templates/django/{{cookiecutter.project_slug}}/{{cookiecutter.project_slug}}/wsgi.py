"""The WSGI application the production server imports (see Procfile): production settings.
`runserver` serves it too (WSGI_APPLICATION), with manage.py's development settings."""

import os

from django.core.wsgi import get_wsgi_application
{%- if cookiecutter.observability == "opentelemetry" %}
from opentelemetry.instrumentation.django import DjangoInstrumentor
{%- if cookiecutter.database == "postgresql" %}
from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor
{%- else %}
from opentelemetry.instrumentation.sqlite3 import SQLite3Instrumentor
{%- endif %}
{%- endif %}

from .contract import DrainUnreadBody
from .error_reports import start_error_reports
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry import start_telemetry
{%- endif %}

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{{ cookiecutter.project_slug }}.settings.production")

# Error reports are the process's, started where production starts it: before Django handles
# (and fails) anything. Logging is set up by Django itself, from LOGGING (settings/base.py).
start_error_reports()
{%- if cookiecutter.observability == "opentelemetry" %}
if start_telemetry():
    # A server span per request, with the matched URL pattern as its http.route, and the request
    # metrics: the instrumentation puts its middleware first in MIDDLEWARE, so it runs before
    # get_wsgi_application() loads them.
    DjangoInstrumentor().instrument()
    # A span per SQL statement, beneath the request's (Django runs them in the request's thread):
    # the DB-API instrumentation wraps the driver's connect, which Django's backend calls for
    # each connection it opens (none is open yet).
{%- if cookiecutter.database == "postgresql" %}
    PsycopgInstrumentor().instrument()
{%- else %}
    SQLite3Instrumentor().instrument()
{%- endif %}
{%- endif %}

# WSGI middleware, as Django's deployment guide applies it. Granian closes a connection whose
# request body the app left unread (a 413, a 415, a PUT to a missing item); the middleware reads
# the rest (bounded), so the client gets the answer and the connection stays usable.
application = DrainUnreadBody(get_wsgi_application())
