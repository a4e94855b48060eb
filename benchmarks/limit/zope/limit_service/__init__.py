"""Zope's raw-storage limit: the service's /health and reads straight from the object database
(ZODB on RelStorage, the service's storage) in a plain WSGI app, without Zope's publisher,
traversal or security. The items are read as stored, as dicts of their attributes. Zope stores
no SQL rows, so raw_database's queries do not apply."""
