"""The WSGI entry point the servers import (see Procfile).

They load `{{ cookiecutter.project_slug }}.wsgi:app`.
"""

from . import create_app

app = create_app()
