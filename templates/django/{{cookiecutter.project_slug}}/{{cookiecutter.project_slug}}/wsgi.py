"""The WSGI application the production server imports (see Procfile): production settings."""

import os

from django.core.wsgi import get_wsgi_application

from .contract import DrainUnreadBody

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{{ cookiecutter.project_slug }}.settings.production")

# WSGI middleware, as Django's deployment guide applies it. Granian closes a connection whose
# request body the app left unread (a 413, a 415, a PUT to a missing item); the middleware reads
# the rest (bounded), so the client gets the answer and the connection stays usable.
application = DrainUnreadBody(get_wsgi_application())
