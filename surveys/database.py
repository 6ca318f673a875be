"""The SQLAlchemy handle for the survey domain.

`db` lives here rather than in `portal.extensions` so that dependencies point one way
(portal -> surveys -> analysis): `portal.extensions` re-exports it, unbound, and
`create_app` binds it.
"""
from datetime import UTC, datetime

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints so Alembic migrations are identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)


def utcnow():
    """Aware UTC now; used as a column default callable, never evaluated at import."""
    return datetime.now(UTC)


def this_hour():
    """The current time rounded down to the hour: all a response keeps of when it came."""
    return utcnow().replace(minute=0, second=0, microsecond=0)
