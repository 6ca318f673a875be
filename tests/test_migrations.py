"""Migrations carry the data with them."""
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from portal.extensions import db
from portal.review.models import SafeguardingFlag
from surveys.models import Street
from tests.conftest import complete_journey

BEFORE_THE_WORKSPACE = "c7a8b66a91eb"


def test_flags_raised_before_the_officer_workspace_become_open_flags(app, survey, resident):
    street = db.session.scalar(select(Street.id).filter_by(name="Grange Road"))
    complete_journey(resident, street, {"effect": {"impact": "A girl who looks about 14 keeps getting into cars "
                                                             "with older men at night."}})
    resident.post("/survey/street-impact/check-answers", {"website": ""})
    expected = sorted((f.answer_id, f.category, f.source, f.raised_hour.replace(tzinfo=None))
                      for f in db.session.scalars(select(SafeguardingFlag)))
    assert expected
    db.session.remove()
    downgrade(revision=BEFORE_THE_WORKSPACE)
    assert db.session.execute(text("SELECT count(*) FROM answer_analysis WHERE safeguarding != ''")).scalar() == 1
    db.session.remove()
    upgrade()
    migrated = db.session.scalars(select(SafeguardingFlag)).all()
    assert sorted((f.answer_id, f.category, f.source, f.raised_hour.replace(tzinfo=None)) for f in migrated) == expected
    assert all(f.status == "open" and f.evidence for f in migrated)
