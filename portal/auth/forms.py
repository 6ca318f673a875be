"""Sign-in and account forms. Passwords can be pasted (password managers) and are never
trimmed; errors read like GOV.UK's."""
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from surveys.forms import BaseForm, clean_text


class SignInForm(BaseForm):
    email = StringField("Email address", filters=[clean_text], widget=GovTextInput(),
                        validators=[DataRequired("Enter your email address"), Length(max=254, message="Enter a correct email address and password")])
    password = PasswordField("Password", widget=GovPasswordInput(),
                             validators=[DataRequired("Enter your password"), Length(max=1024, message="Enter a correct email address and password")])
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class CodeForm(BaseForm):
    code = StringField("Security code", filters=[clean_text], widget=GovTextInput(),
                       validators=[DataRequired("Enter the 6-digit code from your authenticator app"), Length(max=20, message="Enter the 6-digit code from your authenticator app, or an unused recovery code")])
    submit = SubmitField("Continue", widget=GovSubmitInput())


class ChangePasswordForm(BaseForm):
    current = PasswordField("Current password", widget=GovPasswordInput(),
                            validators=[DataRequired("Enter your current password")])
    new = PasswordField("New password", widget=GovPasswordInput(),
                        validators=[DataRequired("Enter a new password")])
    submit = SubmitField("Change password", widget=GovSubmitInput())


class ConfirmPasswordForm(BaseForm):
    password = PasswordField("Password", widget=GovPasswordInput(),
                             validators=[DataRequired("Enter your password")])
    submit = SubmitField("Continue", widget=GovSubmitInput())
