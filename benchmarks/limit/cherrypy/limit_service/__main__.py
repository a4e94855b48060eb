"""CherryPy's raw-driver limit: the service's /health and reads through sqlite3 or psycopg
alone, on the hello app's server, configured as the template's (hello_service/server.py, which
the benchmark copies beside this package)."""

import json

import cherrypy
from hello_service.server import serve

from . import raw_database


class Api:
    @cherrypy.expose
    def items(self, item_id: str | None = None) -> bytes:
        """/api/items, and /api/items/<id>: CherryPy hands a further path segment over as an
        argument."""
        # json_out() takes dicts; the list and the item are written here as JSON text.
        cherrypy.response.headers["Content-Type"] = "application/json"
        if item_id is None:
            return json.dumps(raw_database.items()).encode()
        if not item_id.isdigit() or (found := raw_database.item(int(item_id))) is None:
            raise cherrypy.NotFound()
        return json.dumps(found).encode()


class Root:
    api = Api()

    @cherrypy.expose
    @cherrypy.tools.json_out()
    def health(self) -> dict[str, str]:
        raw_database.healthy()
        return {"status": "ok"}


serve(Root())
