"""The welcome page and the health check."""

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.generic import TemplateView

from .api import ApiView


class HomeView(TemplateView):
    template_name = "home.html"


class HealthView(ApiView):
    def get(self, request: HttpRequest) -> JsonResponse:
        # A database that does not answer raises here: ApiView answers 503.
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})
