"""The export form (sent with GET, so the password check can bring the analyst back to it) and
the paper returns upload."""
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (GovCheckboxInput, GovFileInput, GovSelect, GovSubmitInput,
                                                GovTextInput)
from wtforms import BooleanField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import Length, ValidationError

from surveys.forms import BaseForm, clean_text


class ExportForm(BaseForm):
    class Meta:
        csrf = False  # a GET that only reads; the officer cookie is SameSite=Strict
        locales = False

    survey = SelectField("Survey", widget=GovSelect(), default="",
                         invalid_choice_message="Select a survey from the list")
    round = SelectField("Round", widget=GovSelect(), default="", invalid_choice_message="Select a round from the list")
    area = SelectField("Area", widget=GovSelect(), default="", invalid_choice_message="Select an area from the list")
    street = SelectField("Street", widget=GovSelect(), default="", invalid_choice_message="Select a street from the list")
    original = BooleanField("Include the original text of written answers", widget=GovCheckboxInput(),
                            description="Only if you need the exact words, for example for a crime report. "
                                        "Without this, names, phone numbers, vehicle registrations and "
                                        "addresses are removed. Recorded in the audit log.")
    reason = StringField("Why do you need the original text?", filters=[clean_text], widget=GovTextInput(),
                         description="Recorded in the audit log.",
                         validators=[Length(max=200, message="Reason must be between 5 and 200 characters")])

    def set_choices(self, choices):
        for name, everything in (("survey", "All surveys"), ("round", "All rounds"), ("area", "All areas"),
                                 ("street", "All streets")):
            self[name].choices = [SelectChoice("", everything)] + [SelectChoice(str(k), v)
                                                                   for k, v in choices[name + "s"]]

    def validate_reason(self, field):
        if self.original.data and not field.data:
            raise ValidationError("Enter why you need the original text")
        if self.original.data and len(field.data) < 5:
            raise ValidationError("Reason must be between 5 and 200 characters")


class ImportForm(BaseForm):
    import_survey = SelectField("Survey", widget=GovSelect(), invalid_choice_message="Select a survey from the list")
    import_file = FileField("Upload a file", widget=GovFileInput(),
                     description="A CSV file made from the template, saved as CSV UTF-8.")
    submit = SubmitField("Check and import", widget=GovSubmitInput())

    def validate_import_file(self, field):
        if not field.data or not getattr(field.data, "filename", ""):
            raise ValidationError("Select a CSV file")
        if not field.data.filename.lower().endswith(".csv"):
            raise ValidationError("The selected file must be a CSV")
