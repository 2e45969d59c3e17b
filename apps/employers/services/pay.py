"""Pay: the limits a job's pay range and a hire's starting wage both keep to.

Forms and services both ask :func:`pay_problem`, so a form says field by field what the
service would refuse.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from apps.core.numbers import money

from ..models import PayUnit

# Per hour: at least the federal minimum wage ($7.25 since 2009; part-time tech jobs pay no
# less) and at most $500. Per year: at least $10,000 (a smaller yearly figure is almost
# always an hourly wage in the wrong unit) and at most $1,000,000.
MIN_WAGE = {PayUnit.HOUR: Decimal("7.25"), PayUnit.YEAR: Decimal("10000")}
MAX_WAGE = {PayUnit.HOUR: Decimal("500"), PayUnit.YEAR: Decimal("1000000")}


def pay_problem(amount, unit: str) -> str:
    """Why `amount` per `unit` can't be real pay, or "". Forms and services both ask."""
    if amount is None or unit not in PayUnit.values:
        return ""
    if amount < MIN_WAGE[unit]:
        if unit == PayUnit.HOUR:
            return _("Enter an hourly wage of at least %(minimum)s, the federal minimum wage.") % {
                "minimum": money(MIN_WAGE[PayUnit.HOUR])
            }
        if amount <= MAX_WAGE[PayUnit.HOUR]:
            return _(
                "Enter a yearly salary of at least %(minimum)s. If this amount is per hour, "
                "choose “per hour”."
            ) % {"minimum": money(MIN_WAGE[PayUnit.YEAR])}
        return _("Enter a yearly salary of at least %(minimum)s.") % {
            "minimum": money(MIN_WAGE[PayUnit.YEAR])
        }
    if amount > MAX_WAGE[unit]:
        if unit == PayUnit.HOUR:
            return _(
                "Enter an hourly wage of at most %(maximum)s. For a yearly salary, "
                "choose “per year”."
            ) % {"maximum": money(MAX_WAGE[PayUnit.HOUR])}
        return _("Enter a yearly salary of at most %(maximum)s.") % {
            "maximum": money(MAX_WAGE[PayUnit.YEAR])
        }
    return ""
