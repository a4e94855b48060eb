"""What the production server loads: `application`, the pipeline of etc/zope.ini."""

from .app import load

application = load()
