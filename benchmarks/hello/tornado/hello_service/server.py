"""Tornado served like the template (`python -m <package>`): $WEB_CONCURRENCY (2) processes
forked by fork_processes, each with its own SO_REUSEPORT socket on $PORT, access log on; the
raw-driver app serves on it too."""

import asyncio
import logging
import os

from tornado.netutil import bind_sockets
from tornado.process import fork_processes
from tornado.web import Application, RequestHandler


async def listen(application: Application, port: int) -> None:
    application.listen(port, "0.0.0.0", reuse_port=True)
    await asyncio.Event().wait()


def serve(handlers: list[tuple[str, type[RequestHandler]]]) -> None:
    logging.basicConfig(level=logging.INFO)
    port = int(os.environ.get("PORT", "8888"))
    processes = int(os.environ.get("WEB_CONCURRENCY", "2"))
    # Fails here, once, if the port is taken; the workers then bind their own sockets.
    for sock in bind_sockets(port, "0.0.0.0"):
        sock.close()
    fork_processes(processes)
    asyncio.run(listen(Application(handlers), port))
