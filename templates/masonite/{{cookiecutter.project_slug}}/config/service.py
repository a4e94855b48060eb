"""What the HTTP contract needs configured: `config("service.api_tokens")`, ..."""

import os

from {{ cookiecutter.project_slug }}.contract import comma_separated

# The tokens that writes (POST, PUT, DELETE) accept, comma-separated. None: every write is
# refused.
API_TOKENS = comma_separated(os.environ.get("API_TOKENS", ""))

# The origins whose browsers may call the API, comma-separated. None by default.
CORS_ALLOWED_ORIGINS = comma_separated(os.environ.get("CORS_ALLOWED_ORIGINS", ""))
