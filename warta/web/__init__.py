"""HTTP API and web page over a warta store: ``create_app(store_url)``."""

from .app import create_app
from .auth import create_token, verify_token

__all__ = ["create_app", "create_token", "verify_token"]
