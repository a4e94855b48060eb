"""CherryPy's raw-driver limit: the service's /health and reads through sqlite3 or psycopg
alone, on CherryPy's own server configured as the template's (`python -m limit_service --host H
--port P`: 8 threads, backlog 128, production, log to screen)."""

import argparse
import json

import cherrypy

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    cherrypy.config.update(
        {
            "server.socket_host": args.host,
            "server.socket_port": args.port,
            "server.thread_pool": 8,
            "server.socket_queue_size": 128,
            "log.screen": True,
            "environment": "production",
        }
    )
    cherrypy.tree.mount(Root(), "/")
    cherrypy.engine.signals.subscribe()
    cherrypy.engine.start()
    cherrypy.engine.block()


main()
