"""The app's blueprints: `main` for the site and the health check, `items` for the API."""
