"""The WSGI entry point the production server imports (see Procfile): production.ini's app."""

from pathlib import Path

from pyramid.paster import get_app, setup_logging

INI_FILE = str(Path(__file__).resolve().parents[1] / "production.ini")

setup_logging(INI_FILE)
app = get_app(INI_FILE, "main")
