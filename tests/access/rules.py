"""Access rules, one module per app: each defines RULES (URL name → Rule) and samples().

`samples(personas)` returns {sample name: URL kwargs}, making the rows a URL needs.
tests/test_access.py merges every module of this package and enforces the rules.
"""

from dataclasses import dataclass, field

PUBLIC = "public"
ENTRANCE = "entrance"  # public; people already signed in are sent to their dashboard
SIGNED_IN = "signed-in"
ALL_ROLES = {"seeker", "employer", "provider", "partner", "staff"}
ORG_ROLES = {"employer", "provider", "partner", "staff"}


@dataclass(frozen=True)
class Rule:
    who: str | frozenset  # PUBLIC, ENTRANCE, SIGNED_IN, or the roles allowed
    owner_only: bool = False
    methods: tuple = ("GET",)
    kwargs: str | None = None  # name of a sample in the module's `samples()`
    check: bool = True  # False: behaviour is covered by allauth/Django and our own flow tests
    denied: int = 403  # what a signed-in person of another role gets (404: the page is hidden)
    # Shows or acts on other people's data: only for organizations approved now. Members of a
    # pending organization, or one whose approval was withdrawn, get 403 (not_approved.html).
    people: bool = False
    notes: str = field(default="", compare=False)


def roles(*names, **kw):
    return Rule(who=frozenset(names), **kw)


STAFF = roles("staff")
