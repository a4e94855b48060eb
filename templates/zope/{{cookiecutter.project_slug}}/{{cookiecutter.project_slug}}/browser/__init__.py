"""The service's browser views, registered in configure.zcml."""
