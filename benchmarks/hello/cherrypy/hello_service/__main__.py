"""A bare CherryPy app answering /health on CherryPy's own server, configured as the template's
(server.py)."""

import cherrypy

from .server import serve


class Root:
    @cherrypy.expose
    @cherrypy.tools.json_out()
    def health(self) -> dict[str, str]:
        return {"status": "ok"}


serve(Root())
