from .rules import PUBLIC, SIGNED_IN, Rule

RULES = {
    "home": Rule(PUBLIC),
    "healthz": Rule(PUBLIC),
    "contact": Rule(PUBLIC),
    "skills:options": Rule(SIGNED_IN),
    "set_language": Rule(PUBLIC, methods=("POST",)),
    "dashboard": Rule(SIGNED_IN),
}


def samples(personas):
    return {}
