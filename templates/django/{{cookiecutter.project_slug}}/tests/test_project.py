"""The project as Django sees it: system checks, and migrations that match the models."""

from io import StringIO

import pytest
from django.core.management import call_command


def test_system_checks_pass() -> None:
    output = StringIO()
    call_command("check", fail_level="WARNING", stdout=output)
    assert "no issues" in output.getvalue()


@pytest.mark.django_db
def test_migrations_match_the_models() -> None:
    # Fails, naming the app, when a model changed without `manage.py makemigrations`.
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)


@pytest.mark.django_db
def test_migrations_are_applied() -> None:
    output = StringIO()
    call_command("showmigrations", "items", "posts", stdout=output)
    assert "[ ]" not in output.getvalue()
