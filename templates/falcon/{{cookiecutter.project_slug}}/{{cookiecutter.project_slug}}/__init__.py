"""{{ cookiecutter.project_name }}: a Falcon WSGI service (the app is built in app.py)."""
