"""A bare TurboGears app answering /health, on the minimal configurator."""
