"""Two session cookies: one for residents, one for the officer area.

A resident's unfinished journey and an officer's sign-in never share a cookie: the officer
cookie is sent with SameSite=Strict (so no other site can start a request that carries it)
and, in production, Secure under the `__Host-` prefix (no subdomain can set or read it).
Which cookie a request uses depends only on its path.
"""
from flask import request
from flask.sessions import SecureCookieSessionInterface


def _officer_request():
    return request.path.startswith("/officer/") or request.path == "/officer"


class SplitSessionInterface(SecureCookieSessionInterface):
    def get_cookie_name(self, app):
        return app.config["OFFICER_SESSION_COOKIE_NAME"] if _officer_request() else super().get_cookie_name(app)

    def get_cookie_samesite(self, app):
        return "Strict" if _officer_request() else super().get_cookie_samesite(app)

    def get_cookie_secure(self, app):
        return app.config["OFFICER_SESSION_COOKIE_SECURE"] if _officer_request() else super().get_cookie_secure(app)

    def get_cookie_path(self, app):
        return "/"  # required by the __Host- prefix; the resident cookie is site-wide too
