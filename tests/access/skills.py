from .rules import SIGNED_IN, Rule

RULES = {
    # The skill picker's search (htmx): the taxonomy is public data, but only forms behind a
    # sign-in use it.
    "skills:options": Rule(SIGNED_IN),
}


def samples(personas):
    return {}
