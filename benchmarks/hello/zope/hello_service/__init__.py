"""A bare Zope answering /health, served like the template (its Procfile web command): Zope's
publisher with one browser view registered through ZCML, on an in-memory database."""
