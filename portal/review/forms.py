"""Forms for reviewing answers and actioning safeguarding flags."""
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import RadioField, SelectChoice, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from portal.review.flags import OUTCOMES
from surveys.forms import BaseForm, clean_text


class ReviewForm(BaseForm):
    """The theme checkboxes are built in the template from the codebook (one group per
    answer); this form carries the CSRF token and the button."""

    submit = SubmitField("Save and mark as reviewed", widget=GovSubmitInput())


class RevealForm(BaseForm):
    reason = StringField("Why do you need the original text?", filters=[clean_text], widget=GovTextInput(),
                         description="For example, a crime report needs the exact words. This is recorded in the audit log.",
                         validators=[DataRequired("Enter why you need the original text"),
                                     Length(min=5, max=200, message="Reason must be between 5 and 200 characters")])
    submit = SubmitField("Show the original text", widget=GovSubmitInput())


class FlagActionForm(BaseForm):
    outcome = RadioField("What was done?", choices=[SelectChoice(value, label) for value, label in OUTCOMES.items()], widget=GovRadioInput(),
                         validators=[DataRequired("Select what was done")],
                         invalid_choice_message="Select what was done")
    referred_to = StringField("Referred to", filters=[clean_text], widget=GovTextInput(),
                              description="If you referred it: the team or agency, and any reference number",
                              validators=[Optional(), Length(max=200, message="Referred to must be 200 characters or fewer")])
    reason = TextAreaField("Notes", filters=[clean_text], widget=GovCharacterCount(),
                           description="Why no further action, or why this is not a disclosure. Do not copy the answer's words here.",
                           validators=[Optional(), Length(max=1000, message="Notes must be 1,000 characters or fewer")])
    submit = SubmitField("Save and close the flag", widget=GovSubmitInput())
