"""The service's own settings, read from the environment (see .env.example). Zope's are in
etc/zope.conf, the server's pipeline in etc/zope.ini."""

import os

from .contract import comma_separated

# Writes to the API (POST, PUT, DELETE) accept these tokens; none: every write is refused.
API_TOKENS = comma_separated(os.environ.get("API_TOKENS", ""))
# The origins whose browsers may call the API (CORS); none by default.
CORS_ALLOWED_ORIGINS = comma_separated(os.environ.get("CORS_ALLOWED_ORIGINS", ""))
