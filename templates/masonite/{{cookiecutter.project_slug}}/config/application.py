"""The application's own settings. Masonite reads every UPPERCASE name of config/*.py once, at
start: `config("application.name")`."""

NAME = {{ cookiecutter.project_name | tojson }}

# Masonite's debug pages show source and settings to whoever meets the error, and the scaffold
# turns them on in .env: off here. Every error is answered as problem details anyway
# (app/problems.py), and logged with its traceback.
DEBUG = False
