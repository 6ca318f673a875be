"""Forms for what analysts publish: "you said, we did", rounds on the public page, quotes."""
from govuk_frontend_wtf.wtforms_widgets import (GovCharacterCount, GovCheckboxesInput, GovCheckboxInput,
                                                GovDateInput, GovSelect, GovSubmitInput)
from wtforms import (BooleanField, DateField, HiddenField, SelectChoice, SelectField, SelectMultipleField,
                     SubmitField, TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from portal.codebooks import services as codebooks
from portal.extensions import db
from surveys.forms import BaseForm, clean_text
from surveys.models import Area


class ConfirmForm(BaseForm):
    """Only a CSRF token: for one-button actions."""


class ActionForm(BaseForm):
    theme = SelectField("What residents raised", widget=GovSelect(), validators=[InputRequired("Select a theme")],
                        invalid_choice_message="Select a theme from the list")
    area = SelectField("Where", widget=GovSelect(), invalid_choice_message="Select an area from the list")
    said = TextAreaField("You said", filters=[clean_text], widget=GovCharacterCount(),
                         description="What residents told us, in a sentence, without quoting anyone.",
                         validators=[DataRequired("Enter what residents said"),
                                     Length(max=500, message="You said must be 500 characters or fewer")])
    did = TextAreaField("We did", filters=[clean_text], widget=GovCharacterCount(),
                        validators=[DataRequired("Enter what was done"),
                                    Length(max=1000, message="We did must be 1,000 characters or fewer")])
    done_on = DateField("When it was done", format="%d %m %Y", widget=GovDateInput(),
                        description="For example, 27 3 2027",
                        validators=[InputRequired("Enter the date it was done")])
    done_by = TextAreaField("Who did it", filters=[clean_text], widget=GovCharacterCount(),
                            description="The team or partner, as residents would know them, such as "
                                        "\u201cthe neighbourhood team and the council\u201d. No names.",
                            validators=[DataRequired("Enter who did it"),
                                        Length(max=200, message="Who did it must be 200 characters or fewer")])
    published = BooleanField("Show it on the public results page and in the meeting pack", widget=GovCheckboxInput())
    submit = SubmitField("Record the action", widget=GovSubmitInput())

    def validate_done_on(self, field):
        if field.data is None:
            field.errors[:] = []
            raise ValidationError("The date must be a real date, like 27 3 2027")


def theme_choices():
    book = codebooks.codebook_of(codebooks.current_row())
    return [SelectChoice("", "Select a theme")] + [SelectChoice(t.id, t.label) for t in book.themes]


def fill_action_choices(form):
    form.theme.choices = theme_choices()
    form.area.choices = [SelectChoice("", "Every area")] + [
        SelectChoice(str(a.id), a.name) for a in db.session.scalars(db.select(Area).order_by(Area.name))]


class PublishForm(BaseForm):
    rounds = SelectMultipleField("Rounds whose results residents can see", widget=GovCheckboxesInput(),
                                 validators=[Optional()], invalid_choice_message="Select rounds from the list")
    submit = SubmitField("Save", widget=GovSubmitInput())


def round_choices(rounds):
    return [SelectChoice(str(r.id), f"{r.survey.title}: {r.name}") for r in rounds]


class QuoteForm(BaseForm):
    answer_id = HiddenField(validators=[DataRequired("Choose an answer to quote from its response page")])
    theme = SelectField("Theme it illustrates", widget=GovSelect(), validators=[InputRequired("Select a theme")],
                        invalid_choice_message="Select a theme from the list")
    text = TextAreaField("Quote", filters=[clean_text], widget=GovCharacterCount(),
                         description="The resident's words with personal data removed. Shorten it if you need "
                                     "to, with \u2026 for what you leave out; never add words.",
                         validators=[DataRequired("Enter the quote"),
                                     Length(max=400, message="Quote must be 400 characters or fewer")])
    submit = SubmitField("Approve for publication", widget=GovSubmitInput())


def fill_quote_choices(form):
    form.theme.choices = theme_choices()
