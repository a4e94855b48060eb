"""SIGTERM (or Ctrl-C) stops the server within 2 s, even while a worker is still starting.

Sanic's worker manager (Sanic 25) acts on the signal inside its signal handler: it asks the
worker state it shares with the workers through a multiprocessing manager, on the connection
that the interrupted main loop may be waiting on, and it reads no stop message before every
worker has acknowledged its start. A SIGTERM as a worker was still starting, as when a deploy
stops a server that just started, held the main process for 30 s (Sanic's ack threshold) in
3 of 3 tries. So, from main_process_ready on, the main process's handler only starts a thread,
which does what Sanic's handler does (on its own connection to the shared state), lets the
manager stop waiting for the workers it has just stopped, closes the main process's listening
socket (once the workers have closed theirs, new clients are refused), and kills a worker still
alive after GRACEFUL_SHUTDOWN_TIMEOUT and a margin.
"""

import logging
import os
import signal
import socket
import threading
import time
from types import FrameType
from typing import cast

from sanic.worker.manager import WorkerManager

from .context import ServiceApp

logger = logging.getLogger("sanic.root")

# How long, past its own GRACEFUL_SHUTDOWN_TIMEOUT, a stopped worker may take to exit.
EXIT_MARGIN_SECONDS = 0.5


class StoppableWorkerManager(WorkerManager):
    """Sanic's manager, which stops waiting for its workers to start once they are stopping."""

    stopping = False

    def _all_workers_ack(self) -> bool:
        # Sanic leaves its manager's methods unannotated.
        return self.stopping or bool(super()._all_workers_ack())  # type: ignore[no-untyped-call]


def stop_workers(
    manager: StoppableWorkerManager, sockets: list[socket.socket], grace: float
) -> None:
    for sock in sockets:
        sock.close()
    manager.stopping = True
    # Sanic's own stop: it tells each worker to finish its requests, and its monitor loop to end.
    manager.shutdown_signal(signal.SIGTERM, None)  # type: ignore[no-untyped-call]
    deadline = time.monotonic() + grace + EXIT_MARGIN_SECONDS
    while time.monotonic() < deadline:
        if not any(process.is_alive() for process in manager.processes):
            return
        time.sleep(0.05)
    for process in manager.processes:
        if process.is_alive():
            # Such as a worker the stop met between two of Sanic's signal settings.
            logger.warning("Killing worker %s: still running after the stop.", process.pid)
            os.kill(process.pid, signal.SIGKILL)


async def take_over_stop_signals(app: ServiceApp) -> None:
    """main_process_ready: Sanic has made its manager and the listening sockets."""
    app.manager.__class__ = StoppableWorkerManager
    manager = cast(StoppableWorkerManager, app.manager)
    sockets = [info.settings["sock"] for info in app.state.server_info if "sock" in info.settings]
    grace = app.config.GRACEFUL_SHUTDOWN_TIMEOUT
    stopping = threading.Event()

    def stop_in_a_thread(_signum: int, _frame: FrameType | None) -> None:
        # The thread starts here, not before: Sanic forks its workers after this listener,
        # and a process should have one thread when it forks.
        if not stopping.is_set():
            stopping.set()
            args = (manager, sockets, grace)
            threading.Thread(target=stop_workers, args=args, name="stop", daemon=True).start()

    signal.signal(signal.SIGTERM, stop_in_a_thread)
    signal.signal(signal.SIGINT, stop_in_a_thread)
    # A worker forked from here starts with the system's handling (it ends at once) until Sanic
    # sets its own, which finishes the worker's requests first.
    os.register_at_fork(after_in_child=restore_default_signals)


def restore_default_signals() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


async def close_connections_after_their_request(app: ServiceApp) -> None:
    """before_server_stop, in a worker: each connection answers the request it reads next with
    `Connection: close` and closes, instead of holding the worker until GRACEFUL_SHUTDOWN_TIMEOUT
    while a busy client keeps it alive (Sanic reads KEEP_ALIVE for every request)."""
    app.config.KEEP_ALIVE = False


def register(app: ServiceApp) -> None:
    app.main_process_ready(take_over_stop_signals)
    app.before_server_stop(close_connections_after_their_request)
