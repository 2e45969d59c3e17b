from .rules import PUBLIC, Rule

RULES = {
    "root": Rule(PUBLIC, check=False, notes="redirects to /en/ or /es/ (test_language_addresses)"),
    "healthz": Rule(PUBLIC),
    "contact": Rule(PUBLIC),
    "security_txt": Rule(PUBLIC),
}


def samples(personas):
    return {}
