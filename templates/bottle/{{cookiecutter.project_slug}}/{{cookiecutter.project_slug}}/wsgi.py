"""The WSGI entry point the servers import (see Procfile).

They load `{{ cookiecutter.project_slug }}.wsgi:app`.
"""

from . import create_app, logs

# Logging is the process's, set up where the servers start it: before the app logs anything.
logs.configure()
app = create_app()
