"""What the template's web command serves (`limit_service.server:application`): the app of
wsgi.py."""

from wsgi import application

__all__ = ["application"]
