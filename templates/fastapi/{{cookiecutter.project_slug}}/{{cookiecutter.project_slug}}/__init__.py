"""{{ cookiecutter.project_name }}: a FastAPI service (the app is built in main.py)."""
