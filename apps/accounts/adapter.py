import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from django.utils import translation

from apps.core.i18n import localized, remember_language
from apps.notifications.services import queue_rendered_email

from .models import Language, User
from .permissions import is_staff_account
from .services import accept_invitation, create_organization_for_owner
from .signup import INVITATION_SESSION_KEY, ORGANIZATION_ACCOUNT_TYPES, pending_invitation

# The outbox kind of each allauth email (staff see it in the delivery view); any other
# allauth email (password changed, email changed, …) is a security notice.
OUTBOX_KINDS = {
    "account/email/email_confirmation_signup": "account_confirmation",
    "account/email/email_confirmation": "account_confirmation",
    "account/email/password_reset_key": "password_reset",
    "account/email/unknown_account": "password_reset",
}


class AccountAdapter(DefaultAccountAdapter):
    """Ties allauth's sign-up to our roles, organizations, invitations and languages."""

    @transaction.atomic
    def save_user(self, request, user, form, commit=True):
        language = translation.get_language() or Language.ENGLISH
        user.preferred_language = Language.SPANISH if language.startswith("es") else "en"
        user = super().save_user(request, user, form, commit=True)

        invitation = pending_invitation(request)
        if invitation is not None and invitation.email.lower() == user.email.lower():
            accept_invitation(invitation=invitation, user=user)
            request.session.pop(INVITATION_SESSION_KEY, None)
            return user

        kind = ORGANIZATION_ACCOUNT_TYPES.get(form.cleaned_data.get("account_type"))
        if kind is not None:
            create_organization_for_owner(
                owner=user, name=form.cleaned_data["organization_name"], kind=kind
            )
        return user

    def get_reauthentication_methods(self, user):
        """Staff confirm access with their authenticator app first: their decisions on
        people's data ask for a fresh check (permissions.fresh_mfa_required), which a
        password would not give."""
        methods = super().get_reauthentication_methods(user)
        if is_staff_account(user):
            methods.sort(key=lambda method: not method["id"].startswith("mfa_"))
        return methods

    def post_login(self, request, user, **kwargs):
        """Signed in: the browser keeps the account's language, also after signing out."""
        response = super().post_login(request, user, **kwargs)
        if user.preferred_language:
            remember_language(response, user.preferred_language)
        return response

    def get_login_redirect_url(self, request):
        """After signing in with nowhere asked for: the dashboard in the account's language."""
        url = super().get_login_redirect_url(request)
        language = request.user.preferred_language
        return localized(url, language) if language else url

    def add_message(self, request, level, message_template=None, message_context=None, **kwargs):
        """Messages to a signed-in person speak their language, even on the request that
        signed them in (which began in the language of the page they signed in from)."""
        user = getattr(request, "user", None)
        language = getattr(user, "preferred_language", "") if user else ""
        if user is None or not user.is_authenticated or not language:
            return super().add_message(request, level, message_template, message_context, **kwargs)
        with translation.override(language):
            return super().add_message(request, level, message_template, message_context, **kwargs)

    def send_mail(self, template_prefix, email, context):
        """Render in the account's language, then hand it to the notifications outbox: a
        worker does the SMTP round trip, and staff can see and retry it."""
        user = User.objects.filter(email__iexact=email).only("preferred_language").first()
        language = user.preferred_language if user else translation.get_language()
        request = allauth_context.request
        # Its links were made in the language of the page that asked for the email.
        context = {
            key: localized(value, language)
            if key.endswith("_url") and isinstance(value, str)
            else value
            for key, value in context.items()
        }
        with translation.override(language):
            message = self.render_mail(
                template_prefix,
                email,
                {
                    "request": request,
                    "email": email,
                    "current_site": get_current_site(request),
                    **context,
                },
            )
        html = next(
            (
                body
                for body, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            None,
        )
        queue_rendered_email(
            kind=OUTBOX_KINDS.get(template_prefix, "account_security"),
            email=email,
            language=language,
            subject=message.subject,
            text=message.body,
            html=html or "",
            dedupe_key=f"account-email:{uuid.uuid4().hex}",
        )
