"""What the template's web command serves (`hello_service.server:application`): the bare app
of wsgi.py."""

from wsgi import application

__all__ = ["application"]
