"""The JSON API's ground rules: RFC 9457 problem details for every error, and its base view.

Plain Django views, not Django REST framework or Django Ninja: the contract fixes every
status code and error body, which those frameworks would each produce in their own shape.
"""

import logging
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View, defaults
from django.views.decorators.csrf import csrf_exempt

from . import contract

logger = logging.getLogger(__name__)

# Raised by the driver when the database cannot be reached: the service is unavailable.
DATABASE_DOWN = (OperationalError, InterfaceError)
# manage.py's own settings; any other settings module is named in the migrate command.
MANAGE_PY_SETTINGS = "{{ cookiecutter.project_slug }}.settings.development"


def problem(status: int, detail: str, **extra: Any) -> JsonResponse:
    body = contract.problem(status, HTTPStatus(status).phrase, detail, **extra)
    return JsonResponse(body, status=status, content_type=contract.PROBLEM_CONTENT_TYPE)


class ApiError(Exception):
    """Raised inside an API view to answer with a problem; ApiView turns it into a response."""

    def __init__(self, status: int, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.response = problem(status, detail, **extra)


class MigrationCheck:
    """Whether the database has every migration, asked as runserver asks at its start.

    Asked on each API request until the answer is yes, so that `manage.py migrate` is enough,
    without a restart; then kept for the life of the process, so /health costs nothing more.
    """

    current = False

    def pending(self) -> list[str]:
        """The migrations the database lacks, in the order `migrate` would apply them."""
        if self.current:
            return []
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        pending = [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
        self.current = not pending
        return pending

    @property
    def command(self) -> str:
        command = "uv run python manage.py migrate"
        if settings.SETTINGS_MODULE != MANAGE_PY_SETTINGS:
            command += f" --settings {settings.SETTINGS_MODULE}"
        return command


MIGRATIONS = MigrationCheck()


def require_api_token(request: HttpRequest) -> None:
    """A 401 for a write without `Authorization: Bearer <token>` naming one of API_TOKENS.

    Reads are public. Asked before anything else, so that a client that may not write learns
    nothing: not whether the item exists, nor whether the database is migrated.
    """
    if request.method not in contract.WRITE_METHODS:
        return
    authorization = request.headers.get("Authorization")
    if not contract.bearer_token_is_valid(authorization, settings.API_TOKENS):
        error = ApiError(401, contract.UNAUTHORIZED_DETAIL)
        error.response["WWW-Authenticate"] = contract.WWW_AUTHENTICATE
        raise error


def require_migrated() -> None:
    """A 503 naming `manage.py migrate` while the database lacks a migration."""
    if MIGRATIONS.current:
        return
    pending = MIGRATIONS.pending()
    if pending:
        detail = contract.not_migrated(MIGRATIONS.command)
        # A new database lacks some twenty (Django's own apps included): name a few.
        more = f" and {len(pending) - 3} more" if len(pending) > 3 else ""
        logger.warning("%s Missing: %s%s.", detail, ", ".join(pending[:3]), more)
        raise ApiError(503, detail)


# The API reads no cookies: writes authenticate with a token in the Authorization header, which
# browsers never add by themselves, so there is nothing for CSRF to protect; and cross-site
# forms cannot send its application/json bodies (anything else is a 415).
@method_decorator(csrf_exempt, name="dispatch")
class ApiView(View):
    """Base of the API views: answers problems, whatever DEBUG says, 401 to a write without a
    valid token, and 503 without a database or while it lacks a migration."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            require_api_token(request)
            require_migrated()
            return super().dispatch(request, *args, **kwargs)
        except ApiError as raised:
            return raised.response
        except Http404 as error:
            return problem(404, str(error) or "Not found.")
        except DATABASE_DOWN:
            return problem(503, "The database is not answering.")

    def http_method_not_allowed(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        response = problem(405, f"{request.method} is not allowed here.")
        allowed = [method.upper() for method in self.http_method_names if hasattr(self, method)]
        response["Allow"] = ", ".join(allowed)
        return response


@csrf_exempt
def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """Any other path under /api, with any method."""
    return problem(404, f"There is nothing at {request.path}.")


def is_api(request: HttpRequest) -> bool:
    return request.path == "/health" or request.path.startswith("/api/")


# Django's error views (handler400, handler404 and handler500 in urls.py), for errors outside
# the API views: problems under /api and for /health, Django's pages elsewhere.


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return problem(400, "The request cannot be processed.")
    return defaults.bad_request(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return problem(404, f"There is nothing at {request.path}.")
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return problem(500, "The server failed to answer; the error is logged.")
    return defaults.server_error(request)
