"""Falcon resources: classes whose `on_<method>` responders answer a route (see routes.py)."""
