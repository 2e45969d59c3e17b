from .rules import PUBLIC, Rule

RULES = {
    "healthz": Rule(PUBLIC),
}


def samples(personas):
    return {}
