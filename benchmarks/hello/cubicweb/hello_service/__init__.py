"""A bare app of CubicWeb's web layer, Pyramid (the version CubicWeb pins), answering /health:
CubicWeb's own application needs an instance and its database before it answers anything."""
