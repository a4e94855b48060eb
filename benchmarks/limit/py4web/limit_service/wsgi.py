"""py4web's raw-driver app (`_default/`), served like the template (its Procfile web command):
this folder is py4web's apps folder, and `_default/` the app it serves at the root."""

from pathlib import Path

from py4web.core import wsgi

application = wsgi(
    apps_folder=str(Path(__file__).resolve().parent), app_names="_default", dashboard_mode="none"
)
