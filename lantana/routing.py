"""WebSocket routes, beside lantana/urls.py's HTTP ones."""

websocket_urlpatterns: list = []
