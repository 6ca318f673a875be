"""The street gazetteer: import from CSV, idempotently, with a report of every row."""
import csv
import io
import re
from dataclasses import dataclass, field

from sqlalchemy import select

from surveys.database import db
from surveys.models import Area, Street

REQUIRED_COLUMNS = ("street", "area", "postcode_district")
# The outward code of a UK postcode: TS1, NE10, W1A, EC1V.
DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
MAX_NAME = 120


class ImportFileError(ValueError):
    """The file as a whole cannot be read (wrong columns, not CSV, not UTF-8)."""


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list = field(default_factory=list)  # (line number, reason)

    def summary(self):
        return (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{len(self.rejected)} rejected")


def import_streets(stream):
    """Import streets from a CSV text stream; one transaction for the whole file.

    Rows are keyed by (street, postcode district), so importing the same file twice adds
    nothing. Bad rows are rejected with their line number and reason; good rows still load.
    """
    try:
        text = stream.read()
    except UnicodeDecodeError:
        raise ImportFileError("The file is not UTF-8 text") from None
    if "\x00" in text:
        raise ImportFileError("The file is not a CSV text file")
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ImportFileError(f"The file needs the columns street, area, postcode_district; missing {', '.join(missing)}")
    reader.fieldnames = columns
    report = ImportReport()
    areas = {a.name: a for a in db.session.scalars(select(Area))}
    # One query for the whole gazetteer rather than one per row.
    existing = {(s.name, s.postcode_district): s for s in db.session.scalars(select(Street))}
    for line, row in enumerate(reader, start=2):
        parsed = _parse_row(row)
        if isinstance(parsed, str):
            report.rejected.append((line, parsed))
            continue
        name, area_name, district, lat, lon = parsed
        area = areas.get(area_name)
        if area is None:
            area = areas[area_name] = Area(name=area_name)
            db.session.add(area)
        street = existing.get((name, district))
        if street is None:
            existing[name, district] = Street(name=name, postcode_district=district, area=area, lat=lat, lon=lon)
            db.session.add(existing[name, district])
            report.added += 1
        elif (street.area, street.lat, street.lon) != (area, lat, lon):  # areas are all in the identity map
            street.area, street.lat, street.lon = area, lat, lon
            report.updated += 1
        else:
            report.unchanged += 1
    db.session.commit()
    return report


def _parse_row(row):
    """(name, area, district, lat, lon), or a reason string when the row is rejected."""
    if None in row:
        return "has more values than the header has columns"
    name = " ".join((row.get("street") or "").split())
    area = " ".join((row.get("area") or "").split())
    district = "".join((row.get("postcode_district") or "").split()).upper()
    if not name:
        return "street is empty"
    if not area:
        return "area is empty"
    if len(name) > MAX_NAME or len(area) > MAX_NAME:
        return f"street and area must be {MAX_NAME} characters or fewer"
    if not DISTRICT.match(district):
        return f"postcode_district {district[:12]!r} is not a postcode district like TS1"
    try:
        lat = _coordinate(row.get("lat"), -90, 90)
        lon = _coordinate(row.get("lon"), -180, 180)
    except ValueError as exc:
        return str(exc)
    if (lat is None) != (lon is None):
        return "give both lat and lon, or neither"
    return name, area, district, lat, lon


def _coordinate(value, low, high):
    value = (value or "").strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{value[:20]!r} is not a number") from None
    if not low <= number <= high:
        raise ValueError(f"{number} is outside {low} to {high}")
    return round(number, 6)
