"""What the tests read from an HTML page, whichever client fetched it (the Flask test client in
tests/conftest.py, the HTTPS client of the deployment tests in tests/deploy/browser.py)."""
import re
from functools import cached_property

from bs4 import BeautifulSoup

# The first CSRF field of the page (every form of a page carries the same session token).
_CSRF = re.compile(r'<input[^>]*\bname="csrf_token"[^>]*\bvalue="([^"]+)"|'
                   r'<input[^>]*\bvalue="([^"]+)"[^>]*\bname="csrf_token"')


class HtmlPage:
    """`html` is set by the subclass; the parsed tree is built only when a test asks for it."""

    html = ""

    @cached_property
    def soup(self):
        return BeautifulSoup(self.html, "html.parser")

    def select(self, css):
        return self.soup.select(css)

    def text_of(self, css):
        found = self.soup.select_one(css)
        return " ".join(found.get_text(" ").split()) if found else None

    @property
    def title(self):
        return " ".join(self.soup.title.get_text().split())

    @property
    def error_messages(self):
        return [" ".join(a.get_text().split()) for a in self.soup.select(".govuk-error-summary__list a")]

    def csrf_token(self):
        found = _CSRF.search(self.html)
        return (found.group(1) or found.group(2)) if found else None
