"""Tornado's raw-driver limit: the service's /health and reads through sqlite3 (on the IOLoop's
thread) or an asyncpg pool alone, served like the template (`python -m limit_service`):
$WEB_CONCURRENCY (2) processes forked by fork_processes, each with its own SO_REUSEPORT socket on
$PORT, access log on.
"""

import asyncio
import json
import logging
import os

from tornado.netutil import bind_sockets
from tornado.process import fork_processes
from tornado.web import Application, HTTPError, RequestHandler

from . import raw_database

# One per process, after the fork: asyncpg's pool belongs to the process's event loop.
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


async def serve(port: int) -> None:
    application = Application(
        [
            (r"/health", HealthHandler),
            (r"/api/items", ItemsHandler),
            (r"/api/items/([0-9]+)", ItemHandler),
        ]
    )
    application.listen(port, "0.0.0.0", reuse_port=True)
    await asyncio.Event().wait()


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    port = int(os.environ.get("PORT", "8888"))
    processes = int(os.environ.get("WEB_CONCURRENCY", "2"))
    # Fails here, once, if the port is taken; the workers then bind their own sockets.
    for sock in bind_sockets(port, "0.0.0.0"):
        sock.close()
    fork_processes(processes)
    asyncio.run(serve(port))


main()
