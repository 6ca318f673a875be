"""Limits on sign-in attempts, per client and per account.

Per client (the address the request came from, through the trusted proxies): every attempt
counts. Per account (a hash of the e-mail address typed, whether or not an account has it, so
the limit says nothing about which addresses exist): only failures count. Windows are fixed
and short, so an attacker who hammers an officer's address can keep that address refused for
at most the rest of the current window (15 minutes), never for longer.

Counts live in the rate limiter's store (Redis in production, shared by every worker); the
client address is used there as a key for the length of a window and is never written
anywhere else.
"""
import hashlib

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


def allowed(email):
    """False if this client or this account has used up its attempts."""
    strategy = limiter.limiter
    return strategy.test(PER_CLIENT, *_keys("client")) and strategy.test(PER_ACCOUNT, *_keys("account", email))


def count_attempt():
    limiter.limiter.hit(PER_CLIENT, *_keys("client"))


def count_failure(email):
    limiter.limiter.hit(PER_ACCOUNT, *_keys("account", email))


def second_factor_allowed(officer_id):
    return limiter.limiter.test(SECOND_FACTOR, *_keys("2fa", str(officer_id)))


def count_second_factor_failure(officer_id):
    limiter.limiter.hit(SECOND_FACTOR, *_keys("2fa", str(officer_id)))
