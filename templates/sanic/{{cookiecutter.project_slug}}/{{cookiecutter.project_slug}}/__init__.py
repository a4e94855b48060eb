"""{{ cookiecutter.project_name }}: a Sanic service."""
