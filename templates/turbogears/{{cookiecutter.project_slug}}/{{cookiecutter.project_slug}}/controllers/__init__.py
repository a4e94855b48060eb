"""Controllers: `root` (the hello page, the health check, /api) and `items` (the items API)."""
