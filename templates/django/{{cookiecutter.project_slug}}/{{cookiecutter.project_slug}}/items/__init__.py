"""The items app: the JSON API at /api/items."""
