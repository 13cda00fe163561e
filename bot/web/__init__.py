"""The gateway's HTTP side: the ASGI app and its routes."""
