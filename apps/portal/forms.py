"""Forms of the portal's own pages: deleting one's account, staff acting on a person's
request, and the audit trail's filters."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Organization
from apps.audit.models import Action
from apps.core.forms import DateInput

# What a person without a password types to confirm (translated: they type it in their words).
DELETE_PHRASE = _("delete my account")


class DeleteAccountForm(forms.Form):
    """The person confirms with their password, or, for an account without one, by typing
    the phrase."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            self.fields["password"] = forms.CharField(
                label=_("Your password"),
                strip=False,
                widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
                error_messages={"required": _("Enter your password to confirm.")},
            )
        else:
            self.fields["phrase"] = forms.CharField(
                label=_("Type “%(phrase)s” to confirm") % {"phrase": DELETE_PHRASE},
                error_messages={"required": _("Type the words to confirm.")},
            )

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password. Nothing was deleted."))
        return password

    def clean_phrase(self):
        phrase = " ".join(self.cleaned_data["phrase"].split()).casefold()
        if phrase != str(DELETE_PHRASE).casefold():
            raise forms.ValidationError(
                _("Type the words exactly as shown. Nothing was deleted."), code="phrase"
            )
        return phrase


class PeopleSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Email address or name"),
        min_length=3,
        max_length=200,
        error_messages={
            "required": _("Type part of a name or an email address."),
            "min_length": _("Type at least 3 characters."),
        },
    )


class StaffEraseForm(forms.Form):
    """Staff erase an account on the person's request: they retype its address and say how
    the person asked."""

    email = forms.CharField(
        label=_("Type the account's email address to confirm"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Type the account's email address to confirm.")},
    )
    request_note = forms.CharField(
        label=_("How the person asked"),
        max_length=200,
        help_text=_(
            "For the audit trail, e.g. “email of March 3 to the help desk”. No other "
            "personal details."
        ),
        error_messages={"required": _("Say how the person asked, for the audit trail.")},
    )

    def __init__(self, *args, account, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email.casefold() != self.account.email.casefold():
            raise forms.ValidationError(
                _("This is not the account's email address. Nothing was erased.")
            )
        return email


class OrganizationSelect(forms.Select):
    """Hundreds of organizations: options rendered in one template loop."""

    template_name = "goals/widgets/select.html"


class AuditFilterForm(forms.Form):
    """The audit trail's filters (GET); empty means everything."""

    person = forms.CharField(
        label=_("Person affected"),
        required=False,
        max_length=200,
        help_text=_("Part of a name or email address, or an erased person's key."),
    )
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        empty_label=_("All organizations"),
        widget=OrganizationSelect,
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[("", _("All actions")), *Action.choices],
        required=False,
    )
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("Choose a day on or after the first one."))
        return cleaned

    def filters(self) -> dict:
        """Keyword arguments for audit.selectors.entries (days in the portal's time zone)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        zone = timezone.get_current_timezone()
        since, until = data.get("since"), data.get("until")
        organization = data.get("organization")
        return {
            "person": data.get("person", "").strip(),
            "organization_id": organization.pk if organization else None,
            "action": data.get("action", ""),
            "since": datetime.combine(since, time.min, tzinfo=zone) if since else None,
            "before": (
                datetime.combine(until + timedelta(days=1), time.min, tzinfo=zone)
                if until
                else None
            ),
        }
