"""{{ cookiecutter.project_name }}: py4web's apps folder, and the modules its app shares.

py4web imports this folder as the package `apps` and the app in `_default/` (served at the
root of the site) as `apps._default`; `wsgi.py` is what the servers load.
"""
