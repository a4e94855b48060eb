"""Settings, one module per way of running the project, all driven by the environment.

- `production`: the WSGI server (wsgi.py) and the release step; SECRET_KEY is required.
- `development`: manage.py's default, for `runserver` and other local commands.
- `test`: pytest (see [tool.pytest.ini_options] in pyproject.toml).

Each starts from `base`, which reads the environment and the project's `.env` file.
"""
