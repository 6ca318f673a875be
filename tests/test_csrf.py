"""Every POST route of the app, found by walking app.url_map, refuses a request without this
session's CSRF token, with another session's token, or from another site's page (its Origin
header), even for a signed-in admin, and changes nothing when it refuses. A route added later
is covered without touching this file."""
import re

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from tests.conftest import ResidentClient

REFUSED = "Sorry, we could not send that page"
ARGUMENTS = {"slug": "street-impact", "page_id": "your-street", "theme_id": "noise"}


def post_routes(app):
    routes = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        url = rule.rule
        for name in rule.arguments:
            url = re.sub(rf"<(?:[^:<>]+:)?{name}>", ARGUMENTS.get(name, "1"), url)
        routes.append((rule.endpoint, url))
    return sorted(routes)


def row_counts():
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


@pytest.fixture
def clients(app, survey, officer_client):
    admin = officer_client("admin")
    resident = ResidentClient(app.test_client())
    resident.post("/survey/street-impact/questions/your-street", {"street": "1"})  # a journey under way
    return {"officer": admin, "resident": resident,
            "tokens": {"officer": admin.get("/officer/account").csrf_token(),
                       "resident": resident.get("/feedback").csrf_token()}}


def send(client, url, **kwargs):
    with client._request():
        return client.client.post(url, **kwargs)


def test_the_walk_finds_every_kind_of_form(app):
    endpoints = {endpoint for endpoint, _url in post_routes(app)}
    assert {"survey.question_page", "survey.check_answers", "site.feedback", "officer.auth.sign_in",
            "officer.assisted.check_answers", "officer.admin.role", "officer.data.index",
            "officer.insights.publish", "officer.review.flag"} <= endpoints
    assert len(endpoints) >= 30


def test_every_post_route_refuses_a_missing_or_foreign_token_and_another_sites_origin(app, clients):
    before = row_counts()
    for endpoint, url in post_routes(app):
        side = "officer" if url.startswith("/officer") else "resident"
        client, own_token = clients[side], clients["tokens"][side]
        other_token = clients["tokens"]["resident" if side == "officer" else "officer"]
        form = {"street": "1", "feedback": "x", "email": "a@example.police.uk", "password": "p"}
        attempts = {
            "no token": send(client, url, data=form),
            "another session's token": send(client, url, data={**form, "csrf_token": other_token}),
            "a made-up token": send(client, url, data={**form, "csrf_token": "IjEyMyI.aaaa.bbbb"}),
            "another site's page": send(client, url, data={**form, "csrf_token": own_token},
                                        headers={"Origin": "https://attacker.example"}),
        }
        for what, response in attempts.items():
            assert response.status_code == 400, (endpoint, what, response.status_code)
            if what != "another site's page":
                assert REFUSED in response.get_data(as_text=True), (endpoint, what)
    assert row_counts() == before


def test_the_same_forms_go_through_with_the_token_and_the_sites_own_origin(app, clients):
    resident = clients["resident"]
    token = clients["tokens"]["resident"]
    sent = send(resident, "/feedback", data={"csrf_token": token, "feedback": "Clear pages"},
                headers={"Origin": "http://localhost"})
    assert sent.status_code == 200 and "Thank you" in sent.get_data(as_text=True)
    page = send(resident, "/survey/street-impact/questions/about-you", data={"csrf_token": token, "audience": "resident"})
    assert page.status_code == 302
