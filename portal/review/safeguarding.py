"""The safeguarding list and actioning a flag.

URLs: /officer/safeguarding (open flags, oldest first, and the ones closed lately),
/officer/safeguarding/<flag id> (one flag: the answer, the guidance, what was done).
"""
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from portal.officer import access
from portal.review import flags
from portal.review.forms import FlagActionForm
from portal.review.highlight import evidence_marks, segments
from portal.review.views import bp


@bp.get("/safeguarding")
@access.requires("officer")
def safeguarding():
    open_flags = flags.open_flags(current_user)
    rows = [(flag, segments(flag.answer.value, evidence_marks(flag.evidence, "risk", flag.category)))
            for flag in open_flags]
    return render_template("officer/review/safeguarding.html", rows=rows, guidance=flags.guidance(),
                           closed=flags.recently_closed(current_user))


@bp.route("/safeguarding/<int:flag_id>", methods=["GET", "POST"])
@access.requires("officer")
def flag(flag_id):
    flag = flags.flag_for(flag_id, current_user)
    if flag is None:
        abort(404)
    form = FlagActionForm()
    status = 200
    if form.validate_on_submit():
        try:
            flags.action(flag, current_user, form.outcome.data, form.referred_to.data, form.reason.data)
        except flags.FlagError as exc:
            form.fail(str(exc), exc.field)
            status = 400 if exc.field else 409
        else:
            flash(f"Flag {flag.id} ({flags.guidance()[flag.category]['label']}) closed: {flag.status_text}.")
            return redirect(url_for(".safeguarding"))
    shown = segments(flag.answer.value, evidence_marks(flag.evidence, "risk", flag.category))
    return render_template("officer/review/flag.html", flag=flag, form=form, segments=shown,
                           guidance=flags.guidance()[flag.category]), status
