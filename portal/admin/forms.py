"""Account forms for admins."""
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import RadioField, SelectChoice, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from surveys.forms import BaseForm, clean_text

ROLE_CHOICES = [
    SelectChoice("officer", "Officer: review answers, act on safeguarding flags, enter responses for residents"),
    SelectChoice("analyst", "Analyst: also edit the codebook, retrain, import and export, see original text"),
    SelectChoice("admin", "Admin: also manage accounts and read the audit log")]
AREAS_HINT = ("An officer with areas sees only responses from streets in them; with none, every area. "
              "Analysts and admins always see every area.")


def _areas_field():
    return SelectMultipleField("Areas", choices=[], coerce=str, widget=GovCheckboxesInput(), description=AREAS_HINT,
                               invalid_choice_message="Select areas from the list")


def _role_field():
    return RadioField("Role", choices=ROLE_CHOICES, widget=GovRadioInput(),
                      validators=[DataRequired("Select a role")], invalid_choice_message="Select a role")


class AccountForm(BaseForm):
    name = StringField("Full name", filters=[clean_text], widget=GovTextInput(),
                       validators=[DataRequired("Enter the officer's full name"),
                                   Length(max=120, message="Full name must be 120 characters or fewer")])
    email = StringField("Email address", filters=[clean_text], widget=GovTextInput(),
                        description="Their work email address. They sign in with it.",
                        validators=[DataRequired("Enter the officer's email address"),
                                    Length(max=254, message="Email address must be 254 characters or fewer")])
    role = _role_field()
    areas = _areas_field()
    submit = SubmitField("Create account", widget=GovSubmitInput())


class RoleForm(BaseForm):
    role = _role_field()
    submit = SubmitField("Change role", widget=GovSubmitInput())


class AreasForm(BaseForm):
    areas = _areas_field()
    submit = SubmitField("Save areas", widget=GovSubmitInput())


class ConfirmForm(BaseForm):
    """A button that does what the page says, with its CSRF token."""

    submit = SubmitField("Confirm", widget=GovSubmitInput())
    problem = None

    def fail(self, message, field=None):
        """A refusal of the whole action (there is no field to show it against)."""
        self.problem = message
        return False
