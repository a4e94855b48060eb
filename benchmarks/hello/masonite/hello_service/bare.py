"""What a bare Masonite app needs: Masonite's kernel, the request and route providers, a kernel
of its own with configuration without files and the app's routes, and Masonite's response
handler behind a lock."""

import threading
from collections.abc import Callable, Iterable
from typing import Any

from masonite.configuration import Configuration
from masonite.foundation import Application, Kernel, response_handler
from masonite.providers import FrameworkProvider, RouteProvider
from masonite.utils.location import base_path


def kernel_with_routes(routes: Callable[[], list[Any]]) -> type:
    """The app's kernel: its routes are made once the application exists (Masonite finds a
    controller through the application, which wsgi.py holds)."""

    class BareKernel:
        def __init__(self, app: Application) -> None:
            self.application = app

        def register(self) -> None:
            self.application.bind("config", Configuration(self.application))
            self.application.bind("controllers.location", "controllers")
            self.application.make("router").add(routes())
            self.application.set_response_handler(one_at_a_time)

    return BareKernel


LOCK = threading.Lock()


def one_at_a_time(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
    """Masonite's response handler, one request at a time: Masonite keeps the request in
    progress in the application's container, one per process (as the template's app/http.py)."""
    with LOCK:
        return response_handler(environ, start_response)  # type: ignore[no-any-return]


def register(application: Application, routes: Callable[[], list[Any]]) -> None:
    application.register_providers(Kernel, kernel_with_routes(routes))
    application.add_providers(FrameworkProvider, RouteProvider)


def new_application() -> Application:
    return Application(base_path())
