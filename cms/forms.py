from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class SohoaLoginForm(LoginForm):
    """Wagtail's login form with labels that go through the catalogue.

    Wagtail's password field has no label of its own, so Django derives an untranslatable
    "Password" from the field name.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["username"].widget.attrs["placeholder"] = _("Enter your username")
        self.fields["password"].label = _("Password")
