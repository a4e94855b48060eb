"""Zope's WSGI app for the instance in this folder (etc/zope.conf, etc/site.zcml)."""

import os
from pathlib import Path

from Zope2.Startup.run import make_wsgi_app

INSTANCE = Path(__file__).resolve().parent
os.environ.setdefault("INSTANCE_HOME", str(INSTANCE))

application = make_wsgi_app({}, str(INSTANCE / "etc" / "zope.conf"))
