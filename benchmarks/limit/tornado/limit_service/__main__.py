"""Tornado's raw-driver limit: the service's /health and reads through sqlite3 (on the IOLoop's
thread) or an asyncpg pool alone, on the hello app's server, served like the template
(hello_service/server.py, which the benchmark copies beside this package).
"""

import json

from hello_service.server import serve
from tornado.web import HTTPError, RequestHandler

from . import raw_database

# Its asyncpg pool is made on first use, in each forked process: it belongs to that event loop.
database = raw_database.AsyncDatabase()


class HealthHandler(RequestHandler):
    async def get(self) -> None:
        await database.healthy()
        self.write({"status": "ok"})


class ItemsHandler(RequestHandler):
    async def get(self) -> None:
        # write() takes dicts only: a list goes out as its JSON text.
        self.set_header("Content-Type", "application/json")
        self.write(json.dumps(await database.items()))


class ItemHandler(RequestHandler):
    async def get(self, item_id: str) -> None:
        found = await database.item(int(item_id))
        if found is None:
            raise HTTPError(404)
        self.write(found)


serve(
    [
        (r"/health", HealthHandler),
        (r"/api/items", ItemsHandler),
        (r"/api/items/([0-9]+)", ItemHandler),
    ]
)
