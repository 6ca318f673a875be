"""Emerging phrases: what residents keep saying that no theme of the codebook covers yet.

Read from the stored redacted texts (never the originals, so no name, number or plate can show),
leaving out answers that raised a safeguarding flag (disclosures are never material for
themes or quotes). Cached per app until the codebook changes or new answers are analysed.
"""
from flask import current_app
from sqlalchemy import func, select

import analysis
from portal.codebooks import services as codebooks
from portal.extensions import db
from portal.review.models import AnswerAnalysis

TOP = 15


def phrases(top=TOP):
    """[analysis.Phrase] (phrase, count, score), the strongest first."""
    row = codebooks.current_row()
    count, newest = db.session.execute(select(func.count(AnswerAnalysis.id), func.max(AnswerAnalysis.id))).one()
    key = (row.id, count, newest, top)
    cache = current_app.extensions.setdefault("streetvoice.emerging_phrases", {})
    if key not in cache:
        texts = db.session.scalars(select(AnswerAnalysis.redacted_text)
                                   .where(AnswerAnalysis.safeguarding == "", AnswerAnalysis.error.is_(None))
                                   .order_by(AnswerAnalysis.id))
        cache.clear()
        cache[key] = analysis.emerging_phrases(texts, codebooks.codebook_of(row), top=top)
    return cache[key]
