"""One style for numbers and money in both languages: "$48,000", "$600.50", "1,000"."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from apps.core.numbers import money, number


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    ("amount", "cents", "written"),
    [
        (Decimal("48000"), "auto", "$48,000"),
        (Decimal("600.00"), "auto", "$600"),
        (Decimal("600.5"), "auto", "$600.50"),
        (Decimal("1200"), "always", "$1,200.00"),
        (Decimal("350.50"), "never", "$351"),
        (1000000, "auto", "$1,000,000"),
        (None, "auto", ""),
    ],
)
def test_money_reads_the_same_in_english_and_spanish(language, amount, cents, written):
    with translation.override(language):
        assert money(amount, cents=cents) == written


@pytest.mark.parametrize("language", ["en", "es"])
def test_numbers_group_thousands_with_a_comma(language):
    with translation.override(language):
        assert number(1000) == "1,000"
        assert number(2080) == "2,080"
        assert number(Decimal("12.5")) == "12.5"


def test_the_template_filters_are_the_helpers():
    template = Template(
        '{% load portal %}{{ pay|money }} · {{ cost|money:"never" }} · {{ n|number }}'
    )
    context = Context({"pay": Decimal("52000.50"), "cost": Decimal("1199.5"), "n": 12000})
    with translation.override("es"):
        assert template.render(context) == "$52,000.50 · $1,200 · 12,000"


def test_unknown_cents_choice_is_a_programming_error():
    with pytest.raises(ValueError):
        money(5, cents="sometimes")
