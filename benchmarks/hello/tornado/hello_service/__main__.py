"""A bare Tornado app answering /health, served like the template (server.py)."""

from tornado.web import RequestHandler

from .server import serve


class HealthHandler(RequestHandler):
    def get(self) -> None:
        self.write({"status": "ok"})


serve([(r"/health", HealthHandler)])
