"""Password rules and hashing (OWASP ASVS 5.0 level 2, NIST SP 800-63B).

12 to 128 characters, any characters (paste allowed, no composition rules), refused if it is
a common password or close to one (zxcvbn's 30,000 most common passwords and its pattern
checks), or if it contains the officer's own name or e-mail address. Hashed with Argon2id;
a hash made with older parameters is re-hashed at the next successful sign-in.
"""
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

MIN_LENGTH, MAX_LENGTH = 12, 128
MIN_SCORE = 3  # zxcvbn: 0 to 4; 3 is "safely unguessable" against an offline slow-hash attack

hasher = PasswordHasher()
# Verified when the e-mail address matches no account, so an unknown address takes as long
# as a wrong password and response times do not tell which addresses have accounts.
DUMMY_HASH = hasher.hash("not a password anybody has")


def problem(password, name="", email=""):
    """The GOV.UK-style message for a password that breaks a rule, or None if it is fine."""
    password = password or ""
    if len(password) < MIN_LENGTH:
        return f"Password must be {MIN_LENGTH} characters or more"
    if len(password) > MAX_LENGTH:
        return f"Password must be {MAX_LENGTH} characters or fewer"
    lowered = password.lower()
    personal = {part for part in re.split(r"[^a-z0-9]+", f"{name} {email}".lower()) if len(part) >= 4}
    local = (email or "").lower().partition("@")[0]
    if local and len(local) >= 4:
        personal.add(local)
    if any(part in lowered for part in personal):
        return "Password must not contain your name or email address"
    result = zxcvbn(password[:100], user_inputs=[name, email, local])
    if result["score"] < MIN_SCORE:
        return "Password is too easy to guess: use three or four random words, or a password manager"
    return None


def hash_password(password):
    return hasher.hash(password)


def verify(stored_hash, password):
    """True if `password` matches; a wrong password, a bad hash or None is False."""
    try:
        return hasher.verify(stored_hash or DUMMY_HASH, password or "") and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash):
    return hasher.check_needs_rehash(stored_hash)
