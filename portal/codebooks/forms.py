"""Forms for editing the codebook and retraining. The services check everything again (they
are also used from the command line); the forms give the first, field-by-field messages."""
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import HiddenField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from portal.codebooks.services import DESCRIPTION_MAX, LABEL_MAX
from surveys.forms import BaseForm, clean_text

LIST_MAX = 20000  # characters in the keywords box or the examples box


class ThemeForm(BaseForm):
    label = StringField(
        "Name", filters=[clean_text], widget=GovTextInput(),
        description="What officers see when they review answers. Describe the problem, never the people: "
                    "say 'people selling sex', not a slur.",
        validators=[DataRequired("Enter a name for the theme"),
                    Length(max=LABEL_MAX, message=f"Name must be {LABEL_MAX} characters or fewer")])
    description = TextAreaField(
        "Description (optional)", filters=[clean_text], widget=GovTextArea(),
        description="What belongs in this theme, so two officers tag the same answers.",
        validators=[Optional(), Length(max=DESCRIPTION_MAX,
                                       message=f"Description must be {DESCRIPTION_MAX:,} characters or fewer")])
    keywords = TextAreaField(
        "Keywords and phrases", filters=[clean_text], widget=GovTextArea(),
        description="Words and phrases residents use for this theme, each on its own line or separated by "
                    "commas. Add the forms people write: 'kerb crawler', 'kerb crawlers'.",
        validators=[DataRequired("Enter at least one keyword or phrase"),
                    Length(max=LIST_MAX, message=f"Keywords and phrases must be {LIST_MAX:,} characters or fewer")])
    examples = TextAreaField(
        "Example answers (optional)", filters=[clean_text], widget=GovTextArea(),
        description="One a line, in your own words. Never copy a resident's answer here: the codebook is "
                    "not personal data and must stay that way.",
        validators=[Optional(), Length(max=LIST_MAX, message=f"Example answers must be {LIST_MAX:,} characters "
                                                              "or fewer")])
    based_on = HiddenField()
    submit = SubmitField("Save a new version of the codebook", widget=GovSubmitInput())


class MergeForm(BaseForm):
    target = RadioField("Which theme should it become part of?", widget=GovRadioInput(), choices=[],
                        validators=[DataRequired("Select the theme to merge it into")],
                        invalid_choice_message="Select the theme to merge it into")
    based_on = HiddenField()
    submit = SubmitField("Merge themes", widget=GovSubmitInput())


class RetireForm(BaseForm):
    based_on = HiddenField()
    submit = SubmitField("Retire theme", widget=GovSubmitInput())


class RetrainForm(BaseForm):
    back = HiddenField()
    submit = SubmitField("Retrain the theme model", widget=GovSubmitInput())


class ReanalyseForm(BaseForm):
    submit = SubmitField("Re-analyse these answers now", widget=GovSubmitInput())
