"""Django's raw-driver limit: the service's /health and reads through sqlite3 or psycopg alone
(not Django's ORM or connection handling), served like the template (its Procfile web command).

One module is the URLconf and the WSGI entry point; the hello app's settings configure Django
(hello_service/settings.py, which the benchmark copies beside this package).
"""

from django.core.wsgi import get_wsgi_application
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import path
from hello_service.settings import configure

from . import raw_database

configure(__name__)


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
