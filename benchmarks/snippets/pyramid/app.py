# The article's single-file Pyramid app, run as the article runs it: `python app.py` (the
# standard library's wsgiref server). Only change: loopback and $PORT instead of 0.0.0.0:6543.
import os
from wsgiref.simple_server import make_server

from pyramid.config import Configurator
from pyramid.response import Response


def hello_world(request):
    return Response("Hello from Pyramid!")


if __name__ == "__main__":
    with Configurator() as config:
        config.add_route("hello", "/")
        config.add_view(hello_world, route_name="hello")
        app = config.make_wsgi_app()
    server = make_server("127.0.0.1", int(os.environ.get("PORT", "6543")), app)
    server.serve_forever()
