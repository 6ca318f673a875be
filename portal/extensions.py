"""Flask extensions, created unbound; `create_app` binds them to an app."""
from flask_babel import Babel
from flask_limiter import Limiter
import hashlib
import hmac

from flask import current_app
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


def client_key():
    """The rate limiter's key for a client: a keyed hash of its address (through the trusted
    proxies), so the limiter's store (Redis, and its snapshots on disk) never holds an address."""
    address = (get_remote_address() or "").encode()
    return hmac.new(current_app.secret_key.encode(), address, hashlib.sha256).hexdigest()[:24]


limiter = Limiter(key_func=client_key, default_limits=[])
