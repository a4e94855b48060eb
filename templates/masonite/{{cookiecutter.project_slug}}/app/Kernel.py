"""The kernels Masonite registers before the providers (wsgi.py): the framework's, which loads
the environment, then the application's, which loads the configuration, sets where things
live, and adds the middleware, the routes, the database and the response handler."""

from typing import ClassVar

from dotenv import load_dotenv
from masonite.configuration import Configuration, config
from masonite.foundation import Application
from masonite.foundation import Kernel as MasoniteKernel
from masonite.routes import Route
from masonite.utils.structures import load
from masoniteorm.query import QueryBuilder

{% if cookiecutter.database == "sqlite" -%}
from app.database import configure_sqlite
{% endif -%}
from app.http import ResponseHandler
from app.middlewares.ApiTokenMiddleware import ApiTokenMiddleware
from app.middlewares.MigratedDatabaseMiddleware import MigratedDatabaseMiddleware
{%- if cookiecutter.observability == "opentelemetry" %}
from app.telemetry import instrument
{%- endif %}
from {{ cookiecutter.project_slug }}.contract import DrainUnreadBody
{%- if cookiecutter.observability == "opentelemetry" %}
from {{ cookiecutter.project_slug }}.telemetry import start_telemetry
{%- endif %}


class FrameworkKernel(MasoniteKernel):  # type: ignore[misc]
    """Masonite's own kernel (the framework's capsules and craft's commands), registered
    first, but for its environment: Masonite's LoadEnvironment lets .env override the real
    environment. Here a variable set by the platform, the container or the tests wins over
    the file."""

    def load_environment(self) -> None:
        load_dotenv(override=False)


class Kernel:
    # Middleware every request goes through: none. The contract's headers, the request log and
    # CORS are the response handler's (app/http.py), since Masonite skips a middleware's
    # `after` when a route raises or no route matches.
    http_middleware: ClassVar[list[type]] = []

    # Middleware groups a route names: `Route.group(..., middleware=["api"])`.
    route_middleware: ClassVar[dict[str, list[type]]] = {
        "web": [],
        "api": [MigratedDatabaseMiddleware],
        "api.token": [ApiTokenMiddleware],
        "migrated": [MigratedDatabaseMiddleware],
    }

    def __init__(self, app: Application) -> None:
        self.application = app

    def register(self) -> None:
        self.register_configurations()
        self.register_middleware()
        self.register_routes()
        self.register_database()
        # What the app leaves of a request body is read after the answer (contract.py).
        self.application.set_response_handler(DrainUnreadBody(ResponseHandler(self.application)))
{%- if cookiecutter.observability == "opentelemetry" %}
        if start_telemetry():
            instrument(self.application)
{%- endif %}

    def register_configurations(self) -> None:
        self.application.bind("config.location", "config")
        configuration = Configuration(self.application)
        configuration.load()
        self.application.bind("config", configuration)
        # Where craft's make commands write, and Masonite finds, each kind of class.
        self.application.bind("controllers.location", "app/controllers")
        self.application.bind("middlewares.location", "app/middlewares")
        self.application.bind("models.location", "app/models")
        self.application.bind("observers.location", "app/observers")
        self.application.bind("providers.location", "app/providers")
        self.application.bind("commands.location", "app/commands")
        self.application.bind("jobs.location", "app/jobs")
        self.application.bind("mailables.location", "app/mailables")
        self.application.bind("policies.location", "app/policies")
        self.application.bind("views.location", "templates")
        self.application.bind("tests.location", "tests")

    def register_middleware(self) -> None:
        self.application.make("middleware").add(self.route_middleware).add(self.http_middleware)

    def register_routes(self) -> None:
        Route.set_controller_locations(self.application.make("controllers.location"))
        self.application.bind("routes.location", "routes/web")
        self.application.bind("routes.api.location", "routes/api")
        router = self.application.make("router")
        router.add(
            Route.group(
                load(self.application.make("routes.location"), "ROUTES", []), middleware=["web"]
            )
        )
        router.add(
            Route.group(
                load(self.application.make("routes.api.location"), "ROUTES", []),
                prefix="/api",
                middleware=["api"],
            )
        )

    def register_database(self) -> None:
        self.application.bind(
            "builder", QueryBuilder(connection_details=config("database.databases"))
        )
        self.application.bind("migrations.location", "databases/migrations")
        self.application.bind("seeds.location", "databases/seeds")
        self.application.bind("resolver", config("database.db"))
{%- if cookiecutter.database == "sqlite" %}
        configure_sqlite(config("database.databases.main.database"))
{%- endif %}
