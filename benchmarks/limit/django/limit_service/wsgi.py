"""Django's raw-driver limit: the service's /health and reads through sqlite3 or psycopg alone
(not Django's ORM or connection handling), served like the template (its Procfile web command).

One module is the settings, the URLconf and the WSGI entry point, as in the hello app.
"""

import secrets

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import path

from . import raw_database

settings.configure(
    DEBUG=False,
    # A throwaway app with nothing to sign: any key will do.
    SECRET_KEY=secrets.token_urlsafe(50),
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
)


def health(request: HttpRequest) -> JsonResponse:
    raw_database.healthy()
    return JsonResponse({"status": "ok"})


def items(request: HttpRequest) -> JsonResponse:
    return JsonResponse(raw_database.items(), safe=False)


def item(request: HttpRequest, item_id: int) -> JsonResponse:
    found = raw_database.item(item_id)
    if found is None:
        raise Http404
    return JsonResponse(found)


urlpatterns = [
    path("health", health),
    path("api/items", items),
    path("api/items/<int:item_id>", item),
]
application = get_wsgi_application()
