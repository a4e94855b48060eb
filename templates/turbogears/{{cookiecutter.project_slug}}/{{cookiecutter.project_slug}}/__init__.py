"""{{ cookiecutter.project_name }}: a TurboGears application.

`config/` builds the app (`application.make_app`, the PasteDeploy factory the .ini files load),
`controllers/` answers the requests, `model/` holds the database, `lib/` what they share.
"""
