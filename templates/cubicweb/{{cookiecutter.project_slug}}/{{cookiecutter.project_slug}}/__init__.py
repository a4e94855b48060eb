"""{{ cookiecutter.project_name }}: the CubicWeb instance that serves the cube
cubicweb_{{ cookiecutter.project_slug }}, made from the environment (instance.py), migrated by
the release step (release.py) and served by wsgi.py."""
