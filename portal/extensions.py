"""Flask extensions, created unbound; `create_app` binds them to an app."""
import hashlib
import hmac
import ipaddress
from datetime import UTC, datetime

from flask import current_app
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect
from govuk_frontend_wtf.main import WTFormsHelpers

from surveys.database import db

__all__ = ["babel", "csrf", "db", "limiter", "login_manager", "migrate", "wtforms_helpers"]

migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
# Sessions are checked by the officer guard (session version, idle and absolute expiry);
# Flask-Login's own protection would keep a hash of the client's address in the cookie.
login_manager.session_protection = None
babel = Babel()
wtforms_helpers = WTFormsHelpers()


def _network(address):
    """The address a limit counts: an IPv6 client by its /64 (one household or phone gets a
    whole /64, and can pick any address in it), an IPv4 one (or IPv4 mapped into IPv6) as it is."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def client_key(today=None):
    """The rate limiter's key for a client: a keyed hash of its address (through the trusted
    proxies), so the limiter's store (Redis, and its snapshots on disk) never holds an address.
    The hash key is derived from SECRET_KEY and the UTC date, so it changes every day: a key
    kept in the store cannot be matched with the same address's key on another day, and
    yesterday's keys cannot be recomputed from an address without the secret."""
    day = (today or datetime.now(UTC).date()).isoformat()
    daily = hmac.new(current_app.secret_key.encode(), b"client-key:" + day.encode(), hashlib.sha256).digest()
    address = _network(get_remote_address() or "").encode()
    return hmac.new(daily, address, hashlib.sha256).hexdigest()[:24]


limiter = Limiter(key_func=client_key, default_limits=[])
