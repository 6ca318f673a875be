"""One demonstration account per role, for development only."""
import secrets

from portal.auth import passwords
from portal.auth.services import by_email, create_officer
from portal.extensions import db

DEMO = (("officer@example.police.uk", "Demo Officer", "officer"),
        ("analyst@example.police.uk", "Demo Analyst", "analyst"),
        ("admin@example.police.uk", "Demo Admin", "admin"))


def demo_accounts():
    """Create the demo accounts or give them new random passwords; returns (email, role, password)."""
    out = []
    for email, name, role in DEMO:
        password = "-".join(secrets.token_hex(3) for _ in range(4))
        officer = by_email(email)
        if officer is None:
            create_officer(email, name, password, role)
        else:
            officer.password_hash = passwords.hash_password(password)
            officer.session_version += 1
            db.session.commit()
        out.append((email, role, password))
    return out
