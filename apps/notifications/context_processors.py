from .services import unread_count


def inbox(request):
    """The unread count for the header's notifications link."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user)}
