"""A bare Tornado app answering /health, served like the template (`python -m hello_service`):
$WEB_CONCURRENCY (2) processes forked by fork_processes, each with its own SO_REUSEPORT socket on
$PORT, access log on.
"""

import asyncio
import logging
import os

from tornado.netutil import bind_sockets
from tornado.process import fork_processes
from tornado.web import Application, RequestHandler


class HealthHandler(RequestHandler):
    def get(self) -> None:
        self.write({"status": "ok"})


async def serve(port: int) -> None:
    application = Application([(r"/health", HealthHandler)])
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
