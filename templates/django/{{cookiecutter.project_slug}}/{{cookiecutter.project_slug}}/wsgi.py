"""The WSGI application the production server imports (see Procfile): production settings."""

import os
from collections.abc import Iterable
from wsgiref.types import StartResponse, WSGIEnvironment

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{{ cookiecutter.project_slug }}.settings.production")

# Granian closes a connection whose request body the app left unread (a 413, a 415, a PUT to a
# missing item) once it has answered, and a client that reuses the connection meanwhile loses
# its next request. Reading such a body to its end, up to this size, keeps the connection open.
MAX_UNREAD_BODY = 16 * 1024 * 1024
CHUNK = 64 * 1024

django_application = get_wsgi_application()


def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
    response = django_application(environ, start_response)
    body = environ["wsgi.input"]
    for _ in range(MAX_UNREAD_BODY // CHUNK):
        if not body.read(CHUNK):
            break
    return response
