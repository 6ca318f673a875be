"""Factories for the codebook and learning tests: stored, analysed answers and officers' reviews
(made through the services, as a page would; the tests that matter go through the pages)."""
from sqlalchemy import select

from portal.codebooks import services as codebooks
from portal.extensions import db
from portal.review import services as review_services
from portal.review.models import AnswerTag
from portal.tagging import analyse_pending
from surveys.models import Answer, Response, Round, Street, SurveyVersion


def add_answers(texts, street="Grange Road", question="impact"):
    """One response per text, its answer to `question`, stored and analysed; returns the answers."""
    version = db.session.scalar(select(SurveyVersion).order_by(SurveyVersion.id.desc()))
    street_id = db.session.scalar(select(Street.id).where(Street.name == street))
    round_id = db.session.scalar(select(Round.id).where(Round.survey_id == version.survey_id))
    responses = [Response(survey_version_id=version.id, round_id=round_id, street_id=street_id, audience="resident",
                          answers=[Answer(question_id=question, value=text)]) for text in texts]
    db.session.add_all(responses)
    db.session.commit()
    for response in responses:
        analyse_pending(response.id)
    return [response.answers[0] for response in responses]


def review(officer, answer, themes):
    """The officer reviews the response of `answer`, deciding it has `themes`."""
    response = db.session.get(Response, answer.response_id)
    allowed = set(codebooks.codebook_of(codebooks.current_row()).theme_ids) | set(themes)
    return review_services.save_review(response, officer, {answer.id: set(themes)}, allowed)


def machine_themes(answer):
    """The themes the machine suggests on `answer` now (active machine tags)."""
    return set(db.session.scalars(select(AnswerTag.theme_id).where(
        AnswerTag.answer_id == answer.id, AnswerTag.assigned_by_id.is_(None), AnswerTag.active)))


def post_from(client, page_url, url, data):
    """POST a form that `page_url` shows (a button posting elsewhere) and follow the redirect."""
    from tests.conftest import Page

    token = client.get(page_url).csrf_token()
    with client._request():
        return Page(client.client.post(url, data={"csrf_token": token, **data}, follow_redirects=True))
