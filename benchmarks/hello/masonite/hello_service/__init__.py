"""A bare Masonite app answering /health (server.py), served like the template."""
