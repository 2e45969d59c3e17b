from .rules import PUBLIC, Rule, roles

RULES = {
    "trainings:catalog": Rule(PUBLIC),
    "trainings:provider_options": Rule(PUBLIC),
    "trainings:program": Rule(PUBLIC, kwargs="published_program"),
    "trainings:apply": roles("seeker", methods=("POST",), kwargs="open_cohort"),
}


def samples(personas):
    from tests.factories.trainings import CohortFactory

    cohort = CohortFactory(program__provider=personas.orgs.provider, program__status="published")
    return {
        "published_program": {"slug": cohort.program.slug},
        "open_cohort": {"pk": cohort.pk},
    }
