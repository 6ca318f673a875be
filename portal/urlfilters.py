"""Filters that live in a page's URL, so a view can be shared by copying the address.

Each page subclasses `UrlFilters` as a frozen dataclass of strings: `from_args` reads the query
string (trimmed, cut to `MAX_LENGTH`, then `clean` puts anything unexpected back to its default,
so a bad value is ignored rather than an error) and `args()` gives back only what differs from
the defaults, for `url_for(..., **filters.args())`.
"""
from dataclasses import fields


class UrlFilters:
    MAX_LENGTH = 80
    #: Fields that must be whole numbers (ids); anything else is dropped.
    NUMERIC = ()

    @classmethod
    def from_args(cls, args, **defaults):
        values = {f.name: (args.get(f.name) or "").strip()[:cls.MAX_LENGTH] for f in fields(cls)}
        for name in cls.NUMERIC:
            if not values[name].isdigit():
                values[name] = ""
        for name, value in defaults.items():
            values[name] = values[name] or value
        return cls(**cls.clean(values))

    @classmethod
    def clean(cls, values):
        """Put values a page does not know back to their defaults (override per page)."""
        return values

    def args(self):
        default = type(self)()
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) != getattr(default, f.name)}
