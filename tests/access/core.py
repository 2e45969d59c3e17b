from .rules import PUBLIC, Rule

RULES = {
    "healthz": Rule(PUBLIC),
    "contact": Rule(PUBLIC),
}


def samples(personas):
    return {}
