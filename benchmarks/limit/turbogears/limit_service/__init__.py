"""TurboGears' raw-driver limit: the service's /health and reads through sqlite3 or psycopg."""
