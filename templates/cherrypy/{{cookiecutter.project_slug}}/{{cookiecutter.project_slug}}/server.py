"""The HTTP server: CherryPy's own, told to close its listening socket promptly on a stop."""

from cherrypy._cpwsgi_server import CPWSGIServer


class PromptlyStoppingServer(CPWSGIServer):
    """cheroot's connection loop notices a stop request once per `expiration_interval` (0.5 s
    by default), and only then closes the listening socket: until then, after SIGTERM, the
    kernel still accepts new connections that are reset moments later. Checking every 0.05 s
    refuses them at once, for twenty idle wake-ups a second.
    """

    expiration_interval = 0.05
