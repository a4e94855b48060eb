"""CherryPy's own server configured as the template's (`python -m <package> --host H --port P`:
8 threads, backlog 128, production, log to screen); the raw-driver app serves on it too."""

import argparse

import cherrypy


def serve(root: object) -> None:
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
    cherrypy.tree.mount(root, "/")
    cherrypy.engine.signals.subscribe()
    cherrypy.engine.start()
    cherrypy.engine.block()
