"""What this service shares with every service of its template family: the contract's rules
(contract.py), the item schema (schemas.py), logging (logs.py) and error reports
(error_reports.py); and what the production server serves (server.py). The Masonite
application itself is app/, config/, routes/ and wsgi.py."""
