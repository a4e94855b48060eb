"""The URLs of the site: pages, the admin, the posts app, the health check and the API."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from . import api
from .views import HealthView, HomeView

admin.site.site_header = admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("posts/", include("{{ cookiecutter.project_slug }}.posts.urls")),
    path("admin/", admin.site.urls),
    path("health", HealthView.as_view(), name="health"),
    path("api/", include("{{ cookiecutter.project_slug }}.items.urls")),
    # Last: every other path under /api is a 404 problem, even with DEBUG on.
    re_path(r"^api(?:/(?P<path>.*))?$", api.not_found),
]

handler400 = api.bad_request
handler404 = api.page_not_found
handler500 = api.server_error
