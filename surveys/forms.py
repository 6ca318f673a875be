"""WTForms classes built from a survey definition, one form per question page.

Every field renders itself through the GOV.UK macros (govuk-frontend-wtf), and every error
reads like GOV.UK: "Select your street", "How it affects you must be 2,000 characters or fewer".
"""
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (GovCharacterCount, GovCheckboxesInput, GovRadioInput,
                                                GovSelect, GovSubmitInput, GovTextInput)
from wtforms import (RadioField, SelectChoice, SelectField, SelectMultipleField, StringField, SubmitField,
                     TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

# C0 control characters other than tab and newline: they cannot be stored in PostgreSQL
# text (NUL) and mean nothing to a reader.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value):
    """Normalise typed text: strip ends, unify newlines, drop control characters."""
    if value is None:
        return None
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


class BaseForm(FlaskForm):
    """The one base form: CSRF on, GOV.UK widgets, plain-English errors."""

    class Meta:
        locales = False

    def fail(self, message, field=None):
        """Show `message` against `field` (or the first field) after a service refused the
        answers: the error summary and the field show it, and every answer stays filled in."""
        names = [name for name in self._fields if name not in ("csrf_token", "submit")] or ["submit"]
        target = self[field] if field in names else self[names[0]]
        target.errors = [*getattr(target, "errors", ()), message]
        self._errors = None  # WTForms caches form.errors; recompute with this one
        return False


def _required(question):
    if question.required:
        message = question.error or (_l("Enter an answer") if question.type == "free_text"
                                     else _l("Select an answer"))
        # Typed text must have content once trimmed; a choice only needs to be sent.
        required = DataRequired if question.type == "free_text" else InputRequired
        return [required(message=message)]
    return [Optional()]


def build_field(question, street_choices=()):
    """The WTForms field for one question of a definition."""
    validators = _required(question)
    label, hint = question.label, question.hint
    if question.type == "street":
        choices = [SelectChoice("", _l("Select a street"))] + [SelectChoice(str(i), name) for i, name in street_choices]
        return SelectField(label, description=hint, choices=choices, validators=validators,
                           widget=GovSelect(), invalid_choice_message=_l("Select your street from the list"))
    if question.type == "free_text":
        too_long = _l("%(name)s must be %(limit)s characters or fewer",
                      name=question.short_label, limit=f"{question.max_length:,}")
        return TextAreaField(label, description=hint, filters=[clean_text],
                             validators=validators + [Length(max=question.max_length, message=too_long)],
                             widget=GovCharacterCount())
    choices = [SelectChoice(o.value, o.label) for o in question.options]
    if question.type == "multiple_choice":
        return SelectMultipleField(label, description=hint, choices=choices, validators=validators,
                                   widget=GovCheckboxesInput(),
                                   invalid_choice_message=_l("Select only options from the list"))
    return RadioField(label, description=hint, choices=choices, validators=validators,
                      widget=GovRadioInput(), invalid_choice_message=_l("Select one of the options"))


def page_form(page, street_choices=(), **kwargs):
    """A form instance for one page; kwargs go to FlaskForm (formdata, data)."""
    fields = {q.id: build_field(q, street_choices) for q in page.questions}
    fields["submit"] = SubmitField(_l("Continue"), widget=GovSubmitInput())
    form_class = type(f"Page_{page.id.replace('-', '_')}", (BaseForm,), fields)
    return form_class(**kwargs)


class DistrictForm(BaseForm):
    """Narrows the street list by postcode district; a GET form, so no CSRF."""

    class Meta:
        csrf = False
        locales = False

    district = StringField(_l("Postcode district"), widget=GovTextInput(), filters=[clean_text],
                           validators=[Optional(), Length(max=8, message=_l("Postcode district must be 8 characters or fewer"))])
    find = SubmitField(_l("Find streets"), widget=GovSubmitInput())


class CheckAnswersForm(BaseForm):
    # Honeypot: hidden from people and from assistive technology; bots fill it in.
    website = StringField(_l("Leave this field empty"), filters=[clean_text])
    submit = SubmitField(_l("Send your answers"), widget=GovSubmitInput())
