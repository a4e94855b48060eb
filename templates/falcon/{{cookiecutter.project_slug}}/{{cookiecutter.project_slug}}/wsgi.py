"""The WSGI app the production server imports (Procfile), and `falcon-inspect-app` lists."""

from dotenv import load_dotenv

from . import logs
from .app import create_app
from .config import settings_from_environment
from .database import Database

load_dotenv()
# Logging is the process's, set up where production starts it: before the app logs anything.
logs.configure()
settings = settings_from_environment()
app = create_app(Database(settings.database_url), settings)
