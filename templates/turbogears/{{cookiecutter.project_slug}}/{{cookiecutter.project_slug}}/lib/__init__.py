"""What the controllers share: the base controller, the API token predicate and the
application wrappers every request passes through."""
