"""{% goal_headline %}: the current goal's headline, for pages of other apps (the staff home
page) that must not import the goals app. Two queries."""

from django import template

from apps.goals import public
from apps.goals.selectors import current_goal, latest_snapshot

register = template.Library()


@register.inclusion_tag("goals/_headline_card.html", takes_context=True)
def goal_headline(context):
    goal = current_goal()
    snapshot = latest_snapshot(goal) if goal else None
    return {
        "request": context.get("request"),
        "goal": goal,
        "headline": public.headline_of(snapshot, public=False) if snapshot else None,
    }
