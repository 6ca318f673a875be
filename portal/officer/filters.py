"""How times read in the officer area: local (UK) time, and ages in words."""
from datetime import UTC, datetime

try:
    from zoneinfo import ZoneInfo
    LOCAL = ZoneInfo("Europe/London")
except (ImportError, KeyError):  # no time zone database: show UTC
    LOCAL = UTC


def _aware(value):
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite hands back naive UTC


def hour(value):
    """'6 Dec 2026, 8pm': all a response keeps of when it came."""
    if value is None:
        return ""
    local = _aware(value).astimezone(LOCAL)
    h = local.hour % 12 or 12
    return f"{local.day} {local:%b %Y}, {h}{'am' if local.hour < 12 else 'pm'}"


def officer_time(value):
    if value is None:
        return ""
    local = _aware(value).astimezone(LOCAL)
    return f"{local.day} {local:%b %Y}, {local:%H:%M}"


def age(value, now=None):
    """'3 hours', '2 days': how long ago, in whole units."""
    if value is None:
        return ""
    seconds = max(0, ((now or datetime.now(UTC)) - _aware(value)).total_seconds())
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            n = int(seconds // size)
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return "less than a minute"


def init_app(app):
    app.add_template_filter(hour)
    app.add_template_filter(officer_time)
    app.add_template_filter(age)
