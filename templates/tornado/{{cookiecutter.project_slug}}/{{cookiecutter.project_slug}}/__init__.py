"""{{ cookiecutter.project_name }}: a Tornado service."""
