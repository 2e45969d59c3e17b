"""The goals (apps/goals/views.py): the dashboard and goal settings are staff-only and answer
404 to every other signed-in role; the progress page and its feed are public."""

from .rules import PUBLIC, Rule, roles

FORM = ("GET", "POST")

RULES = {
    "goals:progress": Rule(PUBLIC),
    "progress_feed": Rule(PUBLIC),
    # kwargs "current_goal": no URL arguments, but the sample makes sure a goal exists.
    "goals:dashboard": roles("staff", denied=404, kwargs="current_goal"),
    "goals:dashboard_for": roles("staff", denied=404, kwargs="goal"),
    "goals:export": roles("staff", denied=404, kwargs="goal_table"),
    "goals:goal_create": roles("staff", denied=404, methods=FORM),
    "goals:goal_edit": roles("staff", denied=404, methods=FORM, kwargs="goal"),
}


def samples(personas):
    from tests.goals.builders import reboot_goal

    goal = reboot_goal()
    return {
        "current_goal": {},
        "goal": {"pk": goal.pk},
        "goal_table": {"pk": goal.pk, "table": "months"},
    }
