from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from apps.core.i18n import local_path, localized

from . import selectors, services
from .forms import PreferencesForm
from .kinds import Category, categories_for
from .models import Notification
from .tokens import InvalidToken, read_token

PAGE_SIZE = 20


@require_safe
@login_required
def inbox(request):
    page = Paginator(selectors.inbox(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "notifications/inbox.html",
        {"page": page, "unread": services.unread_count(request.user)},
    )


@require_POST
@login_required
def mark_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(user=request.user, notification_id=notification.pk)
    notification.refresh_from_db()
    if request.htmx:
        return TemplateResponse(
            request,
            "notifications/_item.html",
            {"notification": notification, "unread": services.unread_count(request.user)},
        )
    return redirect("notifications:inbox")


@require_POST
@login_required
def open_notification(request, pk):
    """Mark read and go where the notification points."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(user=request.user, notification_id=notification.pk)
    # Stored in the language it was made in; opened in the language of this page.
    target = local_path(notification.url or "/", request) or "/"
    return HttpResponseRedirect(localized(target, get_language()))


@require_POST
@login_required
def mark_all_read(request):
    count = services.mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:inbox")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def preferences(request):
    current = services.preferences_for(request.user)
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        initial_choices=current,
        categories=categories_for(request.user.role),
    )
    if request.method == "POST" and form.is_valid():
        services.set_preferences(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your email choices are saved."))
        return redirect("notifications:preferences")
    return TemplateResponse(
        request,
        "notifications/preferences.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@csrf_exempt  # the signed token is the credential; mail clients POST here (RFC 8058)
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET (and HEAD, which link checkers send) shows what the link would turn off; POST turns
    it off. No sign-in needed."""
    try:
        payload = read_token(token)
    except InvalidToken:
        return TemplateResponse(request, "notifications/unsubscribe_invalid.html", status=400)
    category_label = dict(Category.choices).get(payload.get("c"), "")
    if request.method != "POST":
        return TemplateResponse(
            request,
            "notifications/unsubscribe.html",
            {"token": token, "category_label": category_label, "email": payload.get("e")},
        )
    try:
        services.unsubscribe(token)
    except InvalidToken:
        return TemplateResponse(request, "notifications/unsubscribe_invalid.html", status=400)
    return TemplateResponse(
        request,
        "notifications/unsubscribe_done.html",
        {"category_label": category_label, "email": payload.get("e")},
    )
