"""Limits on sign-in attempts, per client and per account.

Per client (the address the request came from, through the trusted proxies): every attempt
counts. Per account (a hash of the e-mail address typed, whether or not an account has it, so
the limit says nothing about which addresses exist): only failures count. Windows are fixed
and short, so an attacker who hammers an officer's address can keep that address refused for
at most the rest of the current window (15 minutes), never for longer.

Counts live in the rate limiter's store (Redis in production, shared by every worker), under
a keyed hash of the client address (portal.extensions.client_key), never the address itself.

Unlike the residents' limits, which fail open (a resident's answers matter more than a spam
limit), sign-in fails closed: if the store cannot be reached, no attempt is allowed, because an
unlimited sign-in form is an open door to password guessing. Every storage error becomes
StoreUnavailable, which the sign-in page shows as a plain message. With every limit switched
off (RATELIMIT_ENABLED=0, for load tests on loopback only) attempts are not counted either.
"""
import hashlib
import logging

from flask import current_app
from limits import parse

from portal.extensions import client_key, limiter

PER_CLIENT = parse("20 per 15 minutes")
PER_ACCOUNT = parse("10 per 15 minutes")
SECOND_FACTOR = parse("5 per 15 minutes")


def _keys(kind, email=None):
    if kind == "client":
        return ("signin", "client", client_key())
    digest = hashlib.sha256((email or "").strip().lower().encode()).hexdigest()[:32]
    return ("signin", kind, digest)


class StoreUnavailable(RuntimeError):
    """The store that counts attempts cannot be reached: no attempt is allowed meanwhile."""


def _store(method, *args):
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return True  # every limit switched off (RATELIMIT_ENABLED=0, loopback load tests only)
    try:
        return getattr(limiter.limiter, method)(*args)
    except Exception as exc:  # noqa: BLE001 - whatever the store raised, sign-in must not go on uncounted
        logging.getLogger(__name__).error(
            "Officer sign-in refused: the attempt counter's store (REDIS_URL) cannot be reached (%s)",
            exc.__class__.__name__)
        raise StoreUnavailable() from None


def allowed(email):
    """False if this client or this account has used up its attempts."""
    return _store("test", PER_CLIENT, *_keys("client")) and _store("test", PER_ACCOUNT, *_keys("account", email))


def count_attempt():
    _store("hit", PER_CLIENT, *_keys("client"))


def count_failure(email):
    _store("hit", PER_ACCOUNT, *_keys("account", email))


def second_factor_allowed(officer_id):
    return _store("test", SECOND_FACTOR, *_keys("2fa", str(officer_id)))


def count_second_factor_failure(officer_id):
    _store("hit", SECOND_FACTOR, *_keys("2fa", str(officer_id)))
