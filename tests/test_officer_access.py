"""Who may open which officer page: one guard, deny by default, roles and areas."""
import re

import pytest
from sqlalchemy import select

from portal.officer.access import LEVELS, level_of
from surveys.models import Area
from tests.conftest import ResidentClient

PUBLIC = {"/officer/sign-in"}


def officer_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/officer")]


def sample_path(rule):
    """A concrete path for a rule: ids 1, slug of the default survey, page 'your-street'."""
    values = {"slug": "street-impact", "page_id": "your-street"}
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda m: values.get(m.group(1), "1"), rule.rule)


def test_every_officer_route_has_an_access_rule(app):
    missing = [rule.endpoint for rule in officer_rules(app) if level_of(rule.endpoint) not in LEVELS]
    assert officer_rules(app) and not missing


def test_only_the_sign_in_page_is_public(app):
    public = {rule.rule for rule in officer_rules(app) if level_of(rule.endpoint) == "public"}
    assert public == PUBLIC


def test_a_route_without_a_rule_is_refused(app, officer_client):
    from portal.officer import access

    client = officer_client("admin")
    endpoint = "officer.review.overview"
    view = app.view_functions[endpoint]
    level = view.officer_access
    del view.officer_access
    try:
        assert level_of(endpoint) is None
        assert client.get("/officer/").status == 403
    finally:
        view.officer_access = level
    assert access.level_of(endpoint) == "officer"


def test_signed_out_every_officer_page_but_sign_in_redirects_to_sign_in(app, survey, client):
    resident = ResidentClient(client)
    for rule in officer_rules(app):
        path = sample_path(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(path, method=method)
            if rule.rule in PUBLIC:
                assert response.status_code == (200 if method == "GET" else 400), path
            elif method == "POST":
                # No session means no CSRF token: refused before anything runs, never a 200.
                assert response.status_code in (302, 400), (method, path, response.status_code)
                if response.status_code == 302:
                    assert "/officer/sign-in" in response.headers["Location"]
            else:
                assert response.status_code == 302, (method, path, response.status_code)
                assert response.headers["Location"].startswith("/officer/sign-in"), path
    assert resident.get("/officer/sign-in").status == 200


ROLE_PAGES = {  # path: the least role that may open it
    "/officer/": "officer", "/officer/review": "officer", "/officer/safeguarding": "officer",
    "/officer/codebook": "officer", "/officer/assisted": "officer", "/officer/account": "officer",
    "/officer/import": "analyst", "/officer/accounts": "admin", "/officer/audit": "admin",
}


@pytest.mark.parametrize("role", ["officer", "analyst", "admin"])
def test_each_role_opens_its_pages_and_is_refused_the_others(officer_client, survey, role):
    client = officer_client(role)
    order = ["officer", "analyst", "admin"]
    for path, needs in ROLE_PAGES.items():
        status = client.get(path).status
        assert status == (200 if order.index(role) >= order.index(needs) else 403), (role, path, status)


def test_an_officer_limited_to_an_area_cannot_open_a_response_elsewhere(app, survey, officer_client, resident):
    from portal.extensions import db
    from surveys.models import Response, Street
    from tests.conftest import complete_journey

    streets = {s.name: s for s in db.session.scalars(select(Street))}
    complete_journey(resident, streets["Grange Road"].id)       # Middlefield
    resident.post("/survey/street-impact/check-answers", {"website": ""})
    complete_journey(resident, streets["Cleveland Street"].id)  # Gresham
    resident.post("/survey/street-impact/check-answers", {"website": ""})
    middlefield = db.session.scalar(select(Area).filter_by(name="Middlefield"))
    client = officer_client("officer")
    client.officer.areas = [middlefield]
    db.session.commit()
    ids = {r.street.name: r.id for r in db.session.scalars(select(Response))}
    assert client.get(f"/officer/responses/{ids['Grange Road']}").status == 200
    assert client.get(f"/officer/responses/{ids['Cleveland Street']}").status == 404
    queue = client.get("/officer/review?reviewed=all")
    assert "Grange Road" in queue.html and "Cleveland Street" not in queue.html
    analyst = officer_client("analyst")
    assert analyst.get(f"/officer/responses/{ids['Cleveland Street']}").status == 200
