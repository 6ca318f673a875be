"""The second factor: TOTP (RFC 6238) codes from an authenticator app, and recovery codes.

The TOTP secret is encrypted at rest with a key derived from SECRET_KEY (and each of
SECRET_KEY_FALLBACKS, so rotating the secret key does not lock anyone out). A code is accepted
for the current 30-second step or the one either side, and never for a step at or before the
last one accepted, so a code seen over a shoulder cannot be used again.

Recovery codes are 10 random characters (50 bits) shown once; each is stored as a salted
SHA-256 and can be used once.
"""
import base64
import hashlib
import hmac
import io
import secrets
import time

import pyotp
import qrcode
import qrcode.image.svg
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

STEP = 30
RECOVERY_CODES = 10
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def _fernet_for(secret_key):
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
               info=b"streetvoice totp secret").derive(secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def _crypto():
    keys = [current_app.config["SECRET_KEY"], *(current_app.config.get("SECRET_KEY_FALLBACKS") or [])]
    return MultiFernet([_fernet_for(k) for k in keys])


def encrypt(secret):
    return _crypto().encrypt(secret.encode()).decode()


def decrypt(token):
    try:
        return _crypto().decrypt(token.encode()).decode()
    except InvalidToken:
        return None


def new_secret():
    return pyotp.random_base32()


def provisioning_uri(secret, email):
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=current_app.config["FORCE_NAME"])


def qr_svg_data_uri(uri):
    """The QR code as an SVG data: URI, made here (no image service sees the secret)."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def clean(code):
    return "".join(ch for ch in (code or "") if ch.isalnum()).upper()


def accepted_step(secret, code, last_step, now=None):
    """The time step `code` is valid for (now, or one step either side) if later than
    `last_step`; None if the code is wrong or was used already."""
    code = clean(code)
    if not (secret and len(code) == 6 and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret)
    current = int((time.time() if now is None else now) // STEP)
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.at(step * STEP), code) and (last_step is None or step > last_step):
            return step
    return None


def new_recovery_codes():
    """(codes to show once, hashes to store)."""
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes, [hash_recovery_code(c) for c in codes]


def hash_recovery_code(code, salt=None):
    salt = salt or secrets.token_hex(16)
    return f"{salt}${hashlib.sha256((salt + clean(code)).encode()).hexdigest()}"


def recovery_code_matches(stored, code):
    salt, _sep, _digest = stored.partition("$")
    return hmac.compare_digest(stored, hash_recovery_code(code, salt))


def looks_like_recovery_code(code):
    return len(clean(code)) == 10
