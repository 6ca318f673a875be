"""Editing the codebook in the browser: analysts add, change, retire and merge themes; every save
is a new version with who changed what; past tags keep their theme; officers only read."""
from sqlalchemy import func, select

import analysis

from portal import create_app
from portal.audit import AuditEvent
from portal.codebooks import services as codebooks
from portal.codebooks.models import CodebookVersion
from portal.extensions import db
from portal.review.models import AnswerTag
from surveys.forms import clean_text
from surveys.models import Answer, Street
from tests.answers import add_answers, machine_themes, review
from tests.conftest import ResidentClient, complete_journey, make_officer, naughty_strings

# The default codebook file's version (the first stored one) and the version after it: the
# file moves on as the default codebook improves, these tests should not have to.
FILE = analysis.load_codebook().version
NEXT = FILE + 1
NEW_THEME = {"label": "Skateboarding", "description": "Skateboards and scooters on pavements and benches.",
             "keywords": "skateboarders\nskateboard, skateboarding", "examples": "Skateboarders on the benches all night"}


def versions_count():
    return db.session.scalar(select(func.count(CodebookVersion.id)))


def test_officers_read_the_codebook_but_cannot_change_it(officer_client, survey):
    client = officer_client("officer")
    page = client.get("/officer/codebook")
    assert page.status == 200
    assert "Kerb crawling and being approached" in page.text_of("#theme-kerb_crawling")
    assert not page.select("a[href='/officer/codebook/themes/new']")
    assert not page.select("#emerging-phrases")
    assert "Analysts change the codebook" in page.html
    assert client.get("/officer/codebook/versions").status == 200
    for path in ("/officer/codebook/themes/new", "/officer/codebook/themes/drugs",
                 "/officer/codebook/themes/drugs/retire", "/officer/codebook/themes/drugs/merge"):
        assert client.get(path).status == 403
    token = page.csrf_token() or client.get("/officer/account").csrf_token()
    for path in ("/officer/codebook/themes/new", "/officer/codebook/retrain", "/officer/codebook/reanalyse"):
        with client._request():
            assert client.client.post(path, data={"csrf_token": token, **NEW_THEME}).status_code == 403
    assert versions_count() == 1


def test_an_analyst_adds_a_theme_as_a_new_version_that_says_who_did_what(officer_client, survey):
    client = officer_client("analyst", name="Ana Lyst")
    page = client.post("/officer/codebook/themes/new", NEW_THEME)
    assert page.status == 302
    page = client.get("/officer/codebook")
    assert f"Added theme 'Skateboarding'. The codebook is now version {NEXT}." in page.text_of(".govuk-notification-banner")
    card = page.text_of("#theme-skateboarding")
    assert "skateboarders, skateboard, skateboarding" in card and "Skateboarders on the benches" in card
    versions = client.get("/officer/codebook/versions")
    assert "Added theme 'Skateboarding'" in versions.text_of("#versions") and "Ana Lyst" in versions.text_of("#versions")
    assert "Loaded from the codebook file" in versions.text_of("#versions")
    old = client.get(f"/officer/codebook/versions/{FILE}")
    assert old.status == 200 and "Skateboarding" not in old.html
    assert client.get("/officer/codebook/versions/99").status == 404
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "codebook_changed"))
    assert event.officer.name == "Ana Lyst" and event.detail["version"] == NEXT
    # the machine uses it for the next answer
    answer, = add_answers(["Skateboarders on the benches again"])
    tag = db.session.scalar(select(AnswerTag).where(AnswerTag.answer_id == answer.id))
    assert (tag.theme_id, tag.codebook_version) == ("skateboarding", NEXT)


def test_errors_read_like_gov_uk_and_keep_the_answers(officer_client, survey):
    client = officer_client("analyst")
    page = client.post("/officer/codebook/themes/new", {"label": "  ", "description": "Kept <b>as typed</b>",
                                                        "keywords": "", "examples": "An example"})
    assert page.status == 400
    assert page.title.startswith("Error: ")
    assert page.error_messages == ["Enter a name for the theme", "Enter at least one keyword or phrase"]
    assert page.soup.select_one("textarea[name=description]").get_text() == "Kept <b>as typed</b>"
    assert page.soup.select_one("textarea[name=examples]").get_text() == "An example"
    page = client.post("/officer/codebook/themes/new", {**NEW_THEME, "label": "drugs AND drug dealing"})
    assert page.error_messages == ["A theme with this name is already in the codebook: choose another name"]
    assert page.soup.select_one("input[name=label]")["value"] == "drugs AND drug dealing"
    page = client.post("/officer/codebook/themes/new", {**NEW_THEME, "keywords": "fine\n!!!"})
    assert page.error_messages == ["Keyword 2 must contain a letter or a number"]
    page = client.post("/officer/codebook/themes/new", {**NEW_THEME, "label": "x" * 101})
    assert page.error_messages == ["Name must be 100 characters or fewer"]
    drugs = codebooks.theme("drugs")
    page = client.post("/officer/codebook/themes/drugs", {"label": drugs.label, "description": drugs.description,
                                                           "keywords": "\n".join(drugs.keywords),
                                                           "examples": "\n".join(drugs.examples)})
    assert page.error_messages == ["You have not changed anything. Change the theme, or go back to the codebook"]
    assert versions_count() == 1


def test_an_edit_made_from_an_old_version_is_refused_not_lost(officer_client, survey):
    first, second = officer_client("analyst"), officer_client("analyst", email="second@example.police.uk")
    assert first.get("/officer/codebook/themes/drugs").soup.select_one("input[name=based_on]")["value"] == str(FILE)
    assert second.post("/officer/codebook/themes/drugs/retire", {}).status == 302  # now version NEXT, drugs retired
    edit = {"label": "Noise at night", "keywords": "noise\nshouting"}
    page = first.post("/officer/codebook/themes/noise_disturbance", {**edit, "based_on": str(FILE)})
    assert page.status == 409
    assert page.error_messages == [f"Someone else saved a new version of the codebook (now version {NEXT}) since you "
                                   "opened this page. Check the themes and save again."]
    assert page.soup.select_one("input[name=label]")["value"] == "Noise at night"  # kept
    assert page.soup.select_one("input[name=based_on]")["value"] == str(NEXT)          # saving again goes through
    assert first.post("/officer/codebook/themes/noise_disturbance", {**edit, "based_on": str(NEXT)}).status == 302
    assert codebooks.theme("noise_disturbance").label == "Noise at night"
    assert codebooks.theme("drugs") is None  # the other analyst's retirement was not undone


def test_a_rename_keeps_the_theme_so_past_tags_show_the_new_name(officer_client, survey):
    answer, = add_answers(["Dealers on the corner every night"])
    officer = make_officer("officer", email="reviewer@example.police.uk")
    review(officer, answer, {"drugs"})
    client = officer_client("analyst")
    page = client.post("/officer/codebook/themes/drugs", {
        "label": "Drug dealing and drug use", "description": "Dealing and using in the street.",
        "keywords": "\n".join(codebooks.theme("drugs").keywords) + "\nnitrous oxide\nballoons",
        "examples": ""})
    assert page.status == 302
    note = db.session.scalar(select(CodebookVersion.note).order_by(CodebookVersion.id.desc()).limit(1))
    assert note.startswith("Renamed 'Drugs and drug dealing' to 'Drug dealing and drug use'; changed the description")
    assert "added 'nitrous oxide', 'balloons' to the keywords" in note
    assert "changed the examples" in note
    tag = db.session.scalar(select(AnswerTag).where(AnswerTag.answer_id == answer.id))
    assert (tag.theme_id, tag.codebook_version) == ("drugs", FILE)  # the version it was made with
    shown = client.get(f"/officer/responses/{answer.response_id}")
    assert "Drug dealing and drug use" in shown.text_of(f"[data-answer='{answer.id}']")


def test_a_retired_theme_is_never_silently_lost(officer_client, survey):
    answer, = add_answers(["Our house prices have gone through the floor"])
    assert "area_reputation" in machine_themes(answer)
    client = officer_client("analyst")
    confirm = client.get("/officer/codebook/themes/area_reputation/retire")
    assert "answers already tagged with it keep their tags" in confirm.text_of("main")
    assert client.post("/officer/codebook/themes/area_reputation/retire", {}).status == 302
    page = client.get("/officer/codebook")
    assert not page.select("#theme-area_reputation")
    assert f"Area reputation and wanting to move Retired {FILE}" in page.text_of("#past-themes + p + table")
    assert codebooks.theme_labels()["area_reputation"] == ("Area reputation and wanting to move", False)
    shown = client.get(f"/officer/responses/{answer.response_id}")
    assert "Area reputation and wanting to move (retired)" in shown.text_of(f"[data-answer='{answer.id}']")
    assert client.get("/officer/codebook/themes/area_reputation").status == 404
    new, = add_answers(["Our house prices have gone through the floor"])
    assert "area_reputation" not in machine_themes(new)
    assert "area_reputation" in machine_themes(answer)  # past tag kept until an analysis run says otherwise


def test_merging_moves_the_words_and_records_where_the_theme_went(officer_client, survey):
    client = officer_client("analyst")
    page = client.get("/officer/codebook/themes/area_reputation/merge")
    choices = [i["value"] for i in page.select("input[name=target]")]
    assert "crime_property" in choices and "area_reputation" not in choices
    assert client.post("/officer/codebook/themes/area_reputation/merge", {}).error_messages == [
        "Select the theme to merge it into"]
    assert client.post("/officer/codebook/themes/area_reputation/merge", {"target": "nonsense"}).status == 400
    assert client.post("/officer/codebook/themes/area_reputation/merge", {"target": "crime_property"}).status == 302
    target = codebooks.theme("crime_property")
    assert {"house prices", "Area reputation and wanting to move"} <= set(target.keywords)
    assert codebooks.merged_into() == {"area_reputation": "crime_property"}
    page = client.get("/officer/codebook")
    assert "Merged into Crime and damage to property" in page.text_of("#past-themes + p + table")
    new, = add_answers(["Nobody wants to buy on this street, house prices are rock bottom"])
    assert "crime_property" in machine_themes(new)


def test_emerging_phrases_start_a_theme_and_show_no_personal_data(officer_client, survey):
    # words no theme of the default codebook uses
    add_answers([f"The takeaway extractor fan humming again, ring me on 07700 900{n:03d}" for n in range(4)]
                + ["Takeaway extractor fan humming since Easter"])
    client = officer_client("analyst")
    page = client.get("/officer/codebook")
    phrases = [" ".join(row.get_text(" ").split()) for row in page.select("#emerging-phrases tbody th")]
    assert "takeaway extractor fan" in phrases
    assert "07700" not in page.html
    link = page.soup.select_one("#emerging-phrases a[href*='takeaway']")["href"]
    form = client.get(link)
    assert form.soup.select_one("input[name=label]")["value"] == "Takeaway extractor fan"
    assert form.soup.select_one("textarea[name=keywords]").get_text() == "takeaway extractor fan"
    assert client.post(link, {"label": "Extractor fans", "keywords": "takeaway extractor fan\nextractor"}).status == 302
    assert "takeaway extractor fan" not in client.get("/officer/codebook").html.split('id="emerging"')[1]


def test_a_codebook_edit_reaches_a_second_app_without_a_restart(app, survey, officer_client):
    from portal import tagging

    other = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                        "RATELIMIT_STORAGE_URI": "memory://"})
    try:
        with other.app_context():
            before = tagging.analyser()
            assert "skateboarding" not in before.codebook.theme_ids
            assert tagging.analyser() is before  # cached between answers
        assert officer_client("analyst").post("/officer/codebook/themes/new", NEW_THEME).status == 302
        with other.app_context():
            engine = tagging.analyser()
            assert engine is not before and engine.codebook.version == NEXT
            assert "skateboarding" in engine.codebook.theme_ids
            resident = ResidentClient(other.test_client())
            street = db.session.scalar(select(Street.id).filter_by(name="Grange Road"))
            complete_journey(resident, street, {"effect": {"impact": "Skateboarders on the benches every night"}})
            assert resident.post("/survey/street-impact/check-answers", {"website": ""}).status == 302
            answer = db.session.scalar(select(Answer).where(Answer.question_id == "impact"))
            assert machine_themes(answer) == {"skateboarding"}
            tag = db.session.scalar(select(AnswerTag).where(AnswerTag.answer_id == answer.id))
            assert (tag.codebook_version, tag.source) == (NEXT, "codebook")
    finally:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


NAUGHTY = naughty_strings()


def _naughty_post(client, token, path, data):
    with client._request():
        response = client.client.post(path, data={"csrf_token": token, **data})
    assert response.status_code in (302, 400, 409, 413), (data, response.status_code)
    html = response.get_data(as_text=True)
    assert "<script>alert(" not in html and "Traceback" not in html
    return response.status_code


def test_every_naughty_string_in_every_codebook_text_box_is_stored_escaped_or_refused(officer_client, survey):
    client = officer_client("analyst")
    token = client.get("/officer/codebook/themes/drugs").csrf_token()
    stored = 0
    for n, value in enumerate(NAUGHTY):
        status = _naughty_post(client, token, "/officer/codebook/themes/drugs", {
            "label": value, "description": value, "keywords": "drugs\n" + value, "examples": value})
        if status == 302:
            stored += 1
            theme = codebooks.theme("drugs")
            assert theme.label == " ".join(clean_text(value).split())
            assert theme.description == clean_text(value) and theme.keywords[0] == "drugs"
        if n % 50 == 0:  # the pages that show them, now and then: escaped
            for path in ("/officer/codebook", "/officer/codebook/themes/drugs", "/officer/codebook/versions"):
                page = client.get(path)
                assert page.status == 200 and "<script>alert(" not in page.html
            if status == 302:
                form = client.get("/officer/codebook/themes/drugs")
                assert form.soup.select_one("input[name=label]")["value"] == codebooks.theme("drugs").label
        page = client.get("/officer/codebook/themes/new", query_string={"phrase": value})
        assert page.status == 200 and "<script>alert(" not in page.html
    assert stored > 400  # most are ordinary text to the codebook; the rest were refused with a message
    for value in NAUGHTY[::10]:  # new themes: a name becomes an id, always plain ASCII
        _naughty_post(client, token, "/officer/codebook/themes/new",
                      {"label": value, "description": value, "keywords": value, "examples": value})
    for value in NAUGHTY[::5]:  # the merge target is a choice: anything not on the list is refused
        if value in codebooks.codebook_of(codebooks.current_row()).theme_ids:
            continue  # a theme named "1" has the id "1": choosing it is a real merge
        assert _naughty_post(client, token, "/officer/codebook/themes/noise_disturbance/merge",
                             {"target": value}) == 400
    assert all(t.id.isascii() for t in codebooks.codebook_of(codebooks.current_row()).themes)
    page = client.get("/officer/codebook")
    assert page.status == 200 and "<script>alert(" not in page.html
