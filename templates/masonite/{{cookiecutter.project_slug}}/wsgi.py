"""The Masonite application: what craft, the tests and the production server load. Masonite
finds it here, by this module's name."""

from masonite.foundation import Application
from masonite.utils.location import base_path

from app.Kernel import FrameworkKernel, Kernel
from config.providers import PROVIDERS

application = Application(base_path())
# The kernels first: the environment (.env), the configuration, the middleware, the routes,
# the database and the response handler; then the providers, booted on every request.
application.register_providers(FrameworkKernel, Kernel)
application.add_providers(*PROVIDERS)
