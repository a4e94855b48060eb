"""The application's configurator, `base_config`: what every environment shares. The .ini
files add theirs (the database URL, debug), and config/application.py builds the app.

A JSON service needs less than TurboGears' full stack: the minimal configurator, plus the
SQLAlchemy and transaction manager components. No sessions, templates, i18n or auth middleware.
"""

from tg import MinimalApplicationConfigurator
from tg.configurator.components.sqlalchemy import SQLAlchemyConfigurationComponent
from tg.configurator.components.transactions import TransactionManagerConfigurationComponent

import {{ cookiecutter.project_slug }}

from .. import model
from ..lib.base import QueryStringArgumentsWrapper
from ..lib.cors import CorsWrapper
from ..lib.headers import SecurityHeadersWrapper
from ..lib.problems import ProblemDetailsWrapper
from ..lib.request_log import RequestLogWrapper
{%- if cookiecutter.observability == "opentelemetry" %}, RouteNameWrapper{% endif %}

base_config = MinimalApplicationConfigurator()
base_config.register(SQLAlchemyConfigurationComponent)
base_config.register(TransactionManagerConfigurationComponent)

base_config.update_blueprint(
    {
        # Controllers come from the package: controllers/root.py's RootController.
        "package": {{ cookiecutter.project_slug }},
        "renderers": ["json"],
        "default_renderer": "json",
        # No templates, so no template helpers (lib/helpers.py in TurboGears' quickstart).
        "helpers": {},
        # The items list is a JSON array (controllers/items.py): TurboGears renders only
        # objects unless told otherwise, a guard against JSON hijacking in very old browsers.
        "json.allow_lists": True,
        # /api/items/1.5 is item "1.5" (a 404), not item 1 asked for as a ".5" document.
        "disable_request_extensions": True,
        "use_sqlalchemy": True,
        "model": model,
        "DBSession": model.DBSession,
        "tm.enabled": True,
    }
)

# Application wrappers, from the innermost out; each is registered further from the
# controllers than the one before, the transaction manager's (after=True) first. The problem
# details wrapper so answers a failed commit; CORS covers the problems; the security headers
# and the request log cover everything, the preflights included.
for wrapper in (ProblemDetailsWrapper, CorsWrapper, SecurityHeadersWrapper, RequestLogWrapper):
    base_config.register_application_wrapper(wrapper, after=True)
# Before the dispatch, nearest the controllers.
base_config.register_application_wrapper(QueryStringArgumentsWrapper, after=False)
{%- if cookiecutter.observability == "opentelemetry" %}
# Nearest the controllers, after the dispatch: the route names the request's span, when the
# telemetry is on (config/application.py).
base_config.register_application_wrapper(RouteNameWrapper, after=False)
{%- endif %}
