"""APIRouters: `main` for the welcome and the health check, `items` for the JSON API."""
