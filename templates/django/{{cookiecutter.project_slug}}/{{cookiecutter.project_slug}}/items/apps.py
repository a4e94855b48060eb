from django.apps import AppConfig


class ItemsConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.items"
    label = "items"
    verbose_name = "Items"
