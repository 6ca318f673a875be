"""Importing the street gazetteer from CSV."""
import io

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from surveys.models import Area, Street
from surveys.streets import ImportFileError, import_streets

GOOD = "street,area,postcode_district,lat,lon\nGrange Road,Middlefield,ts1,54.57,-1.23\nAlbert Terrace,Gresham,TS3 ,,\n"


def streets():
    return db.session.execute(select(Street.name, Street.postcode_district, Area.name).join(Area)
                              .order_by(Street.name)).all()


def test_import_adds_streets_and_areas(app):
    report = import_streets(io.StringIO(GOOD))
    assert (report.added, report.updated, report.rejected) == (2, 0, [])
    assert streets() == [("Albert Terrace", "TS3", "Gresham"), ("Grange Road", "TS1", "Middlefield")]


def test_import_is_idempotent_and_updates_changed_rows(app):
    import_streets(io.StringIO(GOOD))
    again = import_streets(io.StringIO(GOOD))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    moved = import_streets(io.StringIO("street,area,postcode_district\nAlbert Terrace,St Hilda's,TS3\n"))
    assert (moved.added, moved.updated) == (0, 1)
    assert db.session.scalar(select(func.count()).select_from(Street)) == 2
    assert ("Albert Terrace", "TS3", "St Hilda's") in streets()


@pytest.mark.parametrize("row, reason", [
    (",Middlefield,TS1,,", "street is empty"),
    ("Grange Road,,TS1,,", "area is empty"),
    ("Grange Road,Middlefield,NOTAPOSTCODE,,", "is not a postcode district"),
    ("Grange Road,Middlefield,TS1,95,1", "outside -90 to 90"),
    ("Grange Road,Middlefield,TS1,north,1", "is not a number"),
    ("Grange Road,Middlefield,TS1,54.5,", "give both lat and lon"),
    ("Grange Road,Middlefield,TS1,1,2,3", "more values than the header"),
])
def test_bad_rows_are_rejected_with_line_and_reason_and_good_rows_still_load(app, row, reason):
    report = import_streets(io.StringIO(f"street,area,postcode_district,lat,lon\nUnion Street,Gresham,TS5,,\n{row}\n"))
    assert report.added == 1
    assert len(report.rejected) == 1 and report.rejected[0][0] == 3 and reason in report.rejected[0][1]


@pytest.mark.parametrize("content, message", [
    ("name,area\nGrange Road,Middlefield\n", "missing street, postcode_district"),
    ("street,area,postcode_district\n\x00\x00", "not a CSV text file"),
])
def test_files_with_the_wrong_shape_are_refused_whole(app, content, message):
    with pytest.raises(ImportFileError, match=message):
        import_streets(io.StringIO(content))
    assert streets() == []


def test_a_street_listed_twice_in_one_file_is_added_once(app):
    report = import_streets(io.StringIO("street,area,postcode_district\nGrange Road,Middlefield,TS1\nGrange Road,Middlefield,TS1\n"))
    assert (report.added, report.updated, report.unchanged) == (1, 0, 1)
    assert streets() == [("Grange Road", "TS1", "Middlefield")]
