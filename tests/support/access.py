"""What every service the suite starts accepts: an API token for writes (API_TOKENS) and one
origin whose browsers may call it (CORS_ALLOWED_ORIGINS). The token is new each session."""

from __future__ import annotations

import secrets

API_TOKEN = secrets.token_urlsafe(32)
ALLOWED_ORIGIN = "https://browser-client.test"
AUTHORIZATION = {"Authorization": f"Bearer {API_TOKEN}"}
# For the production process, and for the project's contract tests pointed at it.
SERVER_ENVIRONMENT = {"API_TOKENS": API_TOKEN, "CORS_ALLOWED_ORIGINS": ALLOWED_ORIGIN}
CONTRACT_ENVIRONMENT = {"CONTRACT_API_TOKEN": API_TOKEN, "CONTRACT_ALLOWED_ORIGIN": ALLOWED_ORIGIN}
