"""The WSGI entry point the production server imports (see Procfile)."""

from . import create_app

app = create_app()
