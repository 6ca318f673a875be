"""Flask extensions, created unbound; `create_app` binds them to an app."""
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
# The client address is used only in the limiter's own store (memory or Redis), for the
# length of a window; it is never written to the database.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
