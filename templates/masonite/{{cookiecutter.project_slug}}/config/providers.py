"""The service providers Masonite registers and boots on every request, in this order.

An API needs few of the scaffold's: no sessions, views, mail, queues or exceptionite's debug
pages (whose provider also adds a POST route). AppProvider, last, adds the service's own.
"""

from masonite.providers import FrameworkProvider, ORMProvider, RouteProvider

from app.providers.AppProvider import AppProvider

PROVIDERS = [FrameworkProvider, RouteProvider, ORMProvider, AppProvider]
