from .rules import PUBLIC, Rule

RULES = {
    "healthz": Rule(PUBLIC),
    "contact": Rule(PUBLIC),
    "security_txt": Rule(PUBLIC),
}


def samples(personas):
    return {}
