#!/usr/bin/env python
"""Django's command-line utility: development settings unless --settings or the
DJANGO_SETTINGS_MODULE variable name others (the Procfile's release step uses production)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{{ cookiecutter.project_slug }}.settings.development")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
