"""A job seeker's skills profile, private resume, and voluntary demographics.

Demographics live apart from the profile: they feed aggregate reports only and are never
an input to matching (nothing in apps/matching may import them).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.core.storage import private_storage
from apps.skills.models import Occupation, Skill
from apps.skills.vocabulary import AVAILABILITY, ChoiceSetField, Schedule, WorkSetting, values_of


class Education(models.TextChoices):
    NONE = "none", _("Did not finish high school")
    HIGH_SCHOOL = "high_school", _("High school diploma or GED")
    SOME_COLLEGE = "some_college", _("Some college, no degree")
    CERTIFICATE = "certificate", _("Certificate or license")
    ASSOCIATE = "associate", _("Associate degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    GRADUATE = "graduate", _("Graduate degree")


class SkillLevel(models.IntegerChoices):
    BEGINNER = 1, _("Beginner: I have learned the basics")
    INTERMEDIATE = 2, _("Intermediate: I use it with some help")
    ADVANCED = 3, _("Advanced: I use it on my own")
    EXPERT = 4, _("Expert: I teach it to others")


zip_validator = RegexValidator(r"^[0-9]{5}$", _("Enter a 5-digit ZIP code."))


class SeekerProfile(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seeker_profile"
    )
    headline = models.CharField(
        _("headline"),
        max_length=140,
        blank=True,
        help_text=_('One line employers read first, e.g. "Bilingual help desk technician".'),
    )
    zip_code = models.CharField(_("ZIP code"), max_length=5, blank=True, validators=[zip_validator])
    # Sets of vocabulary members, stored as bitmasks (see apps/skills/vocabulary.py).
    work_settings = ChoiceSetField(
        _("where you want to work"),
        vocabulary=WorkSetting,
        default=WorkSetting.mask(WorkSetting),
    )
    commute_miles = models.PositiveSmallIntegerField(
        _("how far you can travel (miles)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(150)],
    )
    availability = ChoiceSetField(
        _("when you can work or study"),
        vocabulary=Schedule,
        allowed=AVAILABILITY,
        default=0,
        blank=True,
    )
    target_occupations = models.ManyToManyField(
        Occupation, blank=True, related_name="+", verbose_name=_("jobs you want")
    )
    education = models.CharField(
        _("highest education"), max_length=16, choices=Education.choices, blank=True
    )
    discoverable = models.BooleanField(
        _("employers may find my profile"),
        default=False,
        help_text=_(
            "Approved employers can find your headline, skills and target jobs when they "
            "search for candidates. Your resume and contact details stay private until you "
            "apply to one of their jobs."
        ),
    )

    class Meta:
        verbose_name = _("job seeker profile")
        verbose_name_plural = _("job seeker profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(zip_code="") | Q(zip_code__regex=r"^[0-9]{5}$"),
                name="seekers_zip_format",
            ),
            models.CheckConstraint(
                condition=Q(work_settings__within=WorkSetting.values) & ~Q(work_settings=0),
                name="seekers_work_settings",
            ),
            models.CheckConstraint(
                condition=Q(availability__within=values_of(AVAILABILITY)),
                name="seekers_availability",
            ),
            models.CheckConstraint(
                condition=Q(education="") | Q(education__in=Education.values),
                name="seekers_education",
            ),
            models.CheckConstraint(
                condition=Q(commute_miles__isnull=True) | Q(commute_miles__lte=150),
                name="seekers_commute_range",
            ),
        ]

    def __str__(self):
        return f"{self.user} profile"

    @property
    def work_settings_display(self) -> str:
        if set(self.work_settings) == set(WorkSetting):
            return str(_("Any: on site, hybrid or remote"))
        return ", ".join(str(label) for label in self.work_settings.labels)

    @property
    def availability_display(self) -> str:
        return ", ".join(str(label) for label in self.availability.labels)


class SeekerSkill(models.Model):
    profile = models.ForeignKey(SeekerProfile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        _("level"), choices=SkillLevel.choices, default=SkillLevel.BEGINNER
    )
    # Verified by completing a training that teaches it (set by trainings' service).
    verified = models.BooleanField(_("verified"), default=False)
    verified_by = models.CharField(_("verified by"), max_length=200, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["skill__name_en"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="seekers_skill_once"),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=4), name="seekers_skill_level"
            ),
        ]
        # Matching reads who has a skill, and whether verified, from the index alone.
        indexes = [
            models.Index(fields=["skill", "profile", "verified"], name="seekers_skill_holders")
        ]

    def __str__(self):
        return f"{self.skill} ({self.level})"


def resume_path(instance, filename):
    # Never the uploaded name: a random one, under a folder nobody serves.
    return f"resumes/{uuid.uuid4().hex}.pdf"


class Resume(models.Model):
    profile = models.OneToOneField(SeekerProfile, on_delete=models.CASCADE, related_name="resume")
    file = models.FileField(storage=private_storage, upload_to=resume_path, max_length=200)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("resume")
        verbose_name_plural = _("resumes")

    def __str__(self):
        return self.original_name


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT = "prefer_not", _("Prefer not to say")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    ANOTHER = "another", _("Another way")
    PREFER_NOT = "prefer_not", _("Prefer not to say")


class Race(models.TextChoices):
    AMERICAN_INDIAN = "american_indian", _("American Indian or Alaska Native")
    ASIAN = "asian", _("Asian")
    BLACK = "black", _("Black or African American")
    PACIFIC_ISLANDER = "pacific_islander", _("Native Hawaiian or Other Pacific Islander")
    WHITE = "white", _("White")
    PREFER_NOT = "prefer_not", _("Prefer not to say")


# Education as a voluntary answer: the profile's levels, or "Prefer not to say", kept apart
# from a skipped question (blank) as for the other questions.
EducationAnswer = models.TextChoices(
    "EducationAnswer",
    [(level.name, (level.value, level.label)) for level in Education]
    + [("PREFER_NOT", ("prefer_not", _("Prefer not to say")))],
)


class Demographics(TimeStampedModel):
    """Voluntary, reporting only, never shown to employers, never used for matching."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="demographics"
    )
    veteran = models.CharField(_("veteran"), max_length=16, choices=Answer.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    birth_year_withheld = models.BooleanField(
        _("prefer not to give my year of birth"), default=False
    )
    long_term_unemployed = models.CharField(
        _("out of work for 27 weeks or more"), max_length=16, choices=Answer.choices, blank=True
    )
    education = models.CharField(
        _("highest education"), max_length=16, choices=EducationAnswer.choices, blank=True
    )
    sex = models.CharField(_("sex"), max_length=16, choices=Sex.choices, blank=True)
    hispanic_latino = models.CharField(
        _("Hispanic or Latino"), max_length=16, choices=Answer.choices, blank=True
    )
    race = models.JSONField(_("race"), default=list, blank=True)

    class Meta:
        verbose_name = _("demographics")
        verbose_name_plural = _("demographics")
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True)
                | Q(birth_year__gte=1920, birth_year__lte=2015),
                name="seekers_birth_year_range",
            ),
            models.CheckConstraint(
                condition=~Q(birth_year__isnull=False, birth_year_withheld=True),
                name="seekers_birth_year_or_withheld",
            ),
        ]

    def __str__(self):
        return f"demographics of {self.user}"
