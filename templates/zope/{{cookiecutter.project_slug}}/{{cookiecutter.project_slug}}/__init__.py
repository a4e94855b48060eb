"""{{ cookiecutter.project_name }}

A Zope package, registered through ZCML (configure.zcml), which etc/site.zcml includes; wsgi.py
is what the servers load, release.py the release step.
"""
