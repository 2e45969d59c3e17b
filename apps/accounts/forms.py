from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context as allauth_context
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from .models import Language, Organization, User
from .services import organization_name_taken
from .signup import AccountType, pending_invitation

# A name is required wherever a person gives it: at sign-up and in account settings.
NAME_ERRORS = {
    "first_name": {"required": _("Enter your first name.")},
    "last_name": {"required": _("Enter your last name.")},
}

SIGNUP_REQUIRED = {
    "email": _("Enter your email address."),
    "password1": _("Choose a password."),
    "password2": _("Enter the same password again."),
}


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, asking who you are; an organization sign-up names the organization."""

    account_type = forms.ChoiceField(
        label=_("Who are you?"),
        choices=AccountType.choices,
        widget=forms.RadioSelect,
        initial=AccountType.SEEKER,
        error_messages={
            "required": _("Choose who you are: a job seeker, or who you represent."),
            "invalid_choice": _("Choose who you are: a job seeker, or who you represent."),
        },
    )
    first_name = forms.CharField(
        label=_("First name"), max_length=150, error_messages=NAME_ERRORS["first_name"]
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, error_messages=NAME_ERRORS["last_name"]
    )
    organization_name = forms.CharField(
        label=_("Organization name"),
        max_length=200,
        required=False,
        help_text=_(
            "Only if you represent an organization. Workforce Solutions Borderplex reviews "
            "new organizations before they can publish."
        ),
    )

    field_order = [
        "account_type",
        "first_name",
        "last_name",
        "organization_name",
        "email",
        "password1",
        "password2",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = allauth_context.request
        self.invitation = pending_invitation(request)
        chosen = request.GET.get("as") if request is not None else None
        if not self.is_bound and chosen in AccountType.values:
            # "Register your company", "List your programs", "Join as a partner" choose for you.
            self.initial["account_type"] = chosen
        if self.invitation is not None:
            # Joining a team: the organization decides the role; the address is the invited one.
            del self.fields["account_type"]
            del self.fields["organization_name"]
            self.fields["email"].initial = self.invitation.email
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        # allauth's own fields, with messages that say what to do.
        for name, message in SIGNUP_REQUIRED.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message
        if "organization_name" in self.fields:
            self.fields["organization_name"].widget.attrs["autocomplete"] = "organization"

    def validate_unique_email(self, value):
        # Sign-up tells plainly that an address is taken (rate limits apply); password reset
        # keeps allauth's enumeration protection.
        if User.objects.filter(email__iexact=value).exists():
            raise ValidationError(
                _(
                    "An account with this email address already exists. Sign in, or reset "
                    "your password if you forgot it."
                ),
                code="email_taken",
            )
        return super().validate_unique_email(value)

    def clean(self):
        cleaned = super().clean()
        if self.invitation is not None:
            return cleaned
        if "organization_name" in self.errors:
            # Already refused (too long, say): one error for the field is enough.
            return cleaned
        account_type = cleaned.get("account_type")
        name = (cleaned.get("organization_name") or "").strip()
        if account_type and account_type != AccountType.SEEKER:
            if not name:
                self.add_error(
                    "organization_name", _("Enter the name of the organization you represent.")
                )
            elif organization_name_taken(name=name, kind=account_type):
                self.add_error(
                    "organization_name",
                    _(
                        "An organization with this name is already on the portal. "
                        "Ask its owner to invite you instead."
                    ),
                )
        return cleaned


class AccountSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "preferred_language"]
        labels = {"first_name": _("First name"), "last_name": _("Last name")}
        error_messages = {
            **NAME_ERRORS,
            "preferred_language": {
                "required": _("Choose the language for the portal and your emails.")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model allows blank names (accounts made in the admin); people editing their
        # own account keep the names sign-up asked for.
        for name in ("first_name", "last_name"):
            self.fields[name].required = True
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"


class OrganizationProfileForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("For example: https://www.example.org"),
    )
    logo_url = forms.URLField(
        label=_("Logo (optional)"),
        required=False,
        assume_scheme="https",
        max_length=200,
        # Its own code: the field's "invalid" message would replace this one.
        validators=[
            URLValidator(
                schemes=["https"],
                message=_("Enter an address that starts with https://."),
                code="not_https",
            )
        ],
        help_text=Organization._meta.get_field("logo_url").help_text,
    )

    class Meta:
        model = Organization
        fields = ["website", "logo_url", "city", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "city": {"required": _("Enter the city your organization is in, like El Paso, TX.")}
        }


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Teammate's email address"),
        error_messages={
            "required": _("Enter the email address of the teammate you invite."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation email"),
        choices=Language.choices,
        error_messages={
            "required": _("Choose the language of the invitation email."),
            "invalid_choice": _("Choose the language of the invitation email."),
        },
    )


class RejectOrganizationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The owner reads this in the email we send them."),
        error_messages={"required": _("Give the reason, so the organization knows what to fix.")},
    )
