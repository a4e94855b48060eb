"""The URLs of the site: pages, the admin, the posts app, the health check and the API."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from . import api
from .views import HealthView, HomeView

admin.site.site_header = admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    {# Wrapped exactly where ruff format wraps it: a slug over 56 characters. -#}
    {% if cookiecutter.project_slug | length <= 56 -%}
    path("posts/", include("{{ cookiecutter.project_slug }}.posts.urls")),
    {%- else -%}
    path(
        "posts/",
        include("{{ cookiecutter.project_slug }}.posts.urls"),
    ),
    {%- endif %}
    path("admin/", admin.site.urls),
    path("health", HealthView.as_view(), name="health"),
    {# Wrapped exactly where ruff format wraps it: a slug over 58 characters. -#}
    {% if cookiecutter.project_slug | length <= 58 -%}
    path("api/", include("{{ cookiecutter.project_slug }}.items.urls")),
    {%- else -%}
    path(
        "api/",
        include("{{ cookiecutter.project_slug }}.items.urls"),
    ),
    {%- endif %}
    # Last: every other path under /api is a 404 problem, even with DEBUG on.
    re_path(r"^api(?:/(?P<path>.*))?$", api.not_found),
]

handler400 = api.bad_request
handler404 = api.page_not_found
handler500 = api.server_error
