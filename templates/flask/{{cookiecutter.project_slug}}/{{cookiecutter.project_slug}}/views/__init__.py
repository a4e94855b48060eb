"""Blueprints: `main` for the site and health check, `items` for the JSON API."""
