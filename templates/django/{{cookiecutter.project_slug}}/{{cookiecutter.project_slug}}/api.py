"""The JSON API's ground rules: RFC 9457 problem details for every error, and its base view.

Plain Django views, not Django REST framework or Django Ninja: the contract fixes every
status code and error body, which those frameworks would each produce in their own shape.
"""

from http import HTTPStatus
from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View, defaults
from django.views.decorators.csrf import csrf_exempt

from . import contract

# Raised by the driver when the database cannot be reached: the service is unavailable.
DATABASE_DOWN = (OperationalError, InterfaceError)


def problem(status: int, detail: str, **extra: Any) -> JsonResponse:
    body = contract.problem(status, HTTPStatus(status).phrase, detail, **extra)
    return JsonResponse(body, status=status, content_type=contract.PROBLEM_CONTENT_TYPE)


class ApiError(Exception):
    """Raised inside an API view to answer with a problem; ApiView turns it into a response."""

    def __init__(self, status: int, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.response = problem(status, detail, **extra)


# The API reads no cookies and authenticates nobody, so there is nothing for CSRF to protect;
# and cross-site forms cannot send its application/json bodies (anything else is a 415).
@method_decorator(csrf_exempt, name="dispatch")
class ApiView(View):
    """Base of the API views: answers problems, whatever DEBUG says, and 503 without a database."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
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
