"""Masonite's raw-driver limit (server.py), served like the template."""
