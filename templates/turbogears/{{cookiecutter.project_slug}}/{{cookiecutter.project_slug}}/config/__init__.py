"""How the app is built: `app_cfg` (the configurator), `application` (the PasteDeploy factory),
`settings` (the environment over the .ini files)."""
