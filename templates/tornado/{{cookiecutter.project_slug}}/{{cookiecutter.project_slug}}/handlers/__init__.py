"""Request handlers: `base` for what they all share, `main` for the site, `items` for the API."""
