"""A bare Django app answering /health, served like the template (its Procfile web command).

One module is the URLconf and the WSGI entry point; settings.py configures Django.
"""

from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, JsonResponse
from django.urls import path

from .settings import configure

configure(__name__)


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


urlpatterns = [path("health", health)]
application = get_wsgi_application()
