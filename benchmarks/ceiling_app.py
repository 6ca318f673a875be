"""The ceiling for benchmarks/load.py: the resident journey as a minimal Flask +
Flask-SQLAlchemy app would do it, to say how far the portal is from what the stack allows.

The same URLs and journey shape as the portal's default survey (read from its YAML): a start
page, one page per page of the definition (the street page lists the streets from the
database), check your answers, and on sending one INSERT; the draft lives in Flask's signed
session cookie; CSRF tokens on every form (Flask-WTF), as any sensible minimal app has. It
has none of the rest: no drafts in the database, no analysis, no audit, no GOV.UK templates,
no rate limits, no request log.

Served by the portal's own gunicorn settings (portal/serving.py `options`: sync workers, the
same worker count, timeouts, keep-alive, recycling, loggers), with the same after-fork step
(drop the database connections inherited from the master).

    DATABASE_URL=postgresql+psycopg:///db .venv/bin/python benchmarks/ceiling_app.py --init
    DATABASE_URL=... SECRET_KEY=... .venv/bin/python benchmarks/ceiling_app.py --workers 5 --bind 127.0.0.1:8001
"""
import argparse
import csv
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import yaml
from flask import Flask, abort, redirect, render_template, request, session, url_for
from jinja2 import DictLoader
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import JSON, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.middleware.proxy_fix import ProxyFix

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFINITION = yaml.safe_load((ROOT / "surveys" / "definitions" / "street_impact.yaml").read_text(encoding="utf-8"))
STREETS_CSV = ROOT / "surveys" / "demo" / "streets.csv"
SLUG = DEFINITION["survey"]
PAGES = DEFINITION["pages"]
PAGE_IDS = [p["id"] for p in PAGES]

db = SQLAlchemy()
csrf = CSRFProtect()


class Street(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    area: Mapped[str] = mapped_column(String(200))
    postcode_district: Mapped[str] = mapped_column(String(8))


class Response(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=lambda: datetime.now(UTC))
    answers: Mapped[dict] = mapped_column(JSON)


def _options(question):
    if question["type"] == "audience":
        return [(a["value"], a["label"]) for a in DEFINITION["audiences"]]
    if question["type"] == "likert":
        return [(o["value"], o["label"]) for o in DEFINITION["scales"][question["scale"]]]
    if question["type"] == "single_choice":
        return [(o["value"], o["label"]) for o in question["options"]]
    if question["type"] == "street":
        return [(str(s.id), f"{s.name}, {s.area} ({s.postcode_district})")
                for s in db.session.scalars(db.select(Street).order_by(Street.name))]
    return None  # free text


LAYOUT = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1>{% block body %}{% endblock %}</main></body></html>"""

START = LAYOUT.replace("{% block body %}{% endblock %}", """<p>{{ intro }}</p>
<a href="{{ url_for('page', page_id=first) }}">Start now</a>""")

PAGE = LAYOUT.replace("{% block body %}{% endblock %}", """
{% if errors %}<ul class="errors">{% for e in errors %}<li>{{ e }}</li>{% endfor %}</ul>{% endif %}
<form method="post" novalidate><input id="csrf_token" name="csrf_token" type="hidden" value="{{ csrf_token() }}">
{% for q, options in questions %}<fieldset><legend>{{ q.label }}</legend>
{% if options is none %}<textarea name="{{ q.id }}" maxlength="{{ q.max_length }}">{{ answers.get(q.id) or "" }}</textarea>
{% elif q.type == "street" %}<select name="{{ q.id }}"><option value="">Choose</option>
{% for value, label in options %}<option value="{{ value }}"{% if answers.get(q.id) == value %} selected{% endif %}>{{ label }}</option>{% endfor %}</select>
{% else %}{% for value, label in options %}<label><input type="radio" name="{{ q.id }}" value="{{ value }}"{% if answers.get(q.id) == value %} checked{% endif %}> {{ label }}</label>
{% endfor %}{% endif %}</fieldset>{% endfor %}
<button>Continue</button></form>""")

CHECK = LAYOUT.replace("{% block body %}{% endblock %}", """<dl>
{% for label, value, href in rows %}<dt>{{ label }}</dt><dd>{{ value }}</dd><dd><a href="{{ href }}">Change</a></dd>{% endfor %}
</dl><form method="post"><input id="csrf_token" name="csrf_token" type="hidden" value="{{ csrf_token() }}">
<input type="text" name="website" value="" hidden><button>Send</button></form>""")

CONFIRMATION = LAYOUT.replace("{% block body %}{% endblock %}", """<div class="govuk-panel">
<h1 class="govuk-panel__title">Answers sent</h1></div><p>Thank you.</p>""")


def create_app():
    app = Flask(__name__)
    app.config.update(SECRET_KEY=os.environ["SECRET_KEY"], SQLALCHEMY_DATABASE_URI=os.environ["DATABASE_URL"],
                      SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True}, SESSION_COOKIE_SECURE=True,
                      SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      WTF_CSRF_SSL_STRICT=False,  # browsers send no Referer (Referrer-Policy: no-referrer), as the portal
                      WTF_CSRF_TIME_LIMIT=4 * 3600,
                      STREETVOICE_PROXIES=int(os.environ.get("STREETVOICE_PROXIES", "1")))
    if app.config["STREETVOICE_PROXIES"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    # Templates from a loader, so Jinja compiles each once (render_template_string would
    # compile it again on every request, which no app does).
    app.jinja_loader = DictLoader({"start.html": START, "page.html": PAGE, "check.html": CHECK,
                                   "confirmation.html": CONFIRMATION})
    db.init_app(app)
    csrf.init_app(app)

    @app.get(f"/survey/{SLUG}/")
    def start():
        return render_template("start.html", title=DEFINITION["title"], intro=DEFINITION["intro"], first=PAGE_IDS[0])

    @app.route(f"/survey/{SLUG}/questions/<page_id>", methods=["GET", "POST"])
    def page(page_id):
        if page_id not in PAGE_IDS:
            abort(404)
        spec = PAGES[PAGE_IDS.index(page_id)]
        questions = [(q, _options(q)) for q in spec["questions"]]
        draft = session.get("draft", {})
        errors = []
        if request.method == "POST":
            given = {}
            for q, options in questions:
                value = request.form.get(q["id"], "").strip()
                if options is not None and value and value not in {v for v, _l in options}:
                    errors.append(q.get("error", "Select an answer"))
                elif options is None and len(value) > q.get("max_length", 2000):
                    errors.append("Too long")
                elif not value and q.get("required", True):
                    errors.append(q.get("error", "Answer the question"))
                given[q["id"]] = value
            if not errors:
                session["draft"] = {**draft, **given}
                index = PAGE_IDS.index(page_id)
                if index + 1 < len(PAGE_IDS):
                    return redirect(url_for("page", page_id=PAGE_IDS[index + 1]))
                return redirect(url_for("check"))
        return render_template("page.html", title=spec["title"], questions=questions, answers=draft, errors=errors)

    @app.route(f"/survey/{SLUG}/check-answers", methods=["GET", "POST"])
    def check():
        draft = session.get("draft")
        if not draft:
            return redirect(url_for("confirmation") if request.method == "POST" else url_for("start"))
        missing = [p["id"] for p in PAGES for q in p["questions"] if q.get("required", True) and not draft.get(q["id"])]
        if missing:
            return redirect(url_for("page", page_id=missing[0]))
        if request.method == "POST":
            if not request.form.get("website"):
                db.session.add(Response(answers=draft))
                db.session.commit()
            session.pop("draft", None)
            return redirect(url_for("confirmation"))
        street = db.session.get(Street, int(draft["street"]))
        rows = [(q.get("summary_label", q["label"]),
                 (f"{street.name}, {street.area}" if street else "") if q["type"] == "street" else draft.get(q["id"]) or "Not answered",
                 url_for("page", page_id=p["id"]))
                for p in PAGES for q in p["questions"]]
        return render_template("check.html", title="Check your answers", rows=rows)

    @app.get(f"/survey/{SLUG}/confirmation")
    def confirmation():
        return render_template("confirmation.html", title="Answers sent")

    return app


def init_database():
    app = create_app()
    with app.app_context():
        db.create_all()
        with STREETS_CSV.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        db.session.add_all(Street(name=r["street"], area=r["area"], postcode_district=r["postcode_district"])
                           for r in rows)
        db.session.commit()


def _post_fork(server, worker):
    """As portal/serving.py's: a forked worker must not share the master's connections."""
    app = server.app.wsgi()
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)


def serve(workers, bind):
    from portal.serving import Server, options

    app = create_app()
    with app.app_context():
        db.session.execute(db.select(Street.id).limit(1))  # fail early if --init was not run
        db.session.remove()
        db.engine.dispose()
    settings = options(app, workers, bind)
    settings["post_fork"] = _post_fork
    settings["proc_name"] = "streetvoice-ceiling"
    Server(app, settings).run()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="The ceiling app for benchmarks/load.py")
    parser.add_argument("--init", action="store_true", help="create the tables and load the demo streets, then exit")
    parser.add_argument("--workers", type=int)
    parser.add_argument("--bind")
    args = parser.parse_args()
    if args.init:
        init_database()
    else:
        serve(args.workers, args.bind)
