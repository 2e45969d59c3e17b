"""The shared vocabulary: technology skills and tech occupations, in English and Spanish.

Loaded from apps/skills/data/taxonomy.json by a data migration (see loader.py); people
pick from it, they never type new skills, so there are no duplicates to merge.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .text import fold


class Bilingual:
    """`label` in the active language."""

    def _pick(self, en: str, es: str) -> str:
        return es if (get_language() or "en").startswith("es") and es else en


class SkillCategory(Bilingual, models.Model):
    slug = models.SlugField(unique=True)
    name_en = models.CharField(max_length=100)
    name_es = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name_en"]
        verbose_name = _("skill category")
        verbose_name_plural = _("skill categories")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self._pick(self.name_en, self.name_es)


class SkillQuerySet(models.QuerySet):
    def search(self, query: str):
        """Skills whose English or Spanish label or an alias contains the query."""
        folded = fold(query)
        if not folded:
            return self.none()
        return (
            self.filter(search_text__contains=folded)
            .annotate(
                closeness=models.Case(
                    models.When(search_text__contains=f"|{folded}|", then=0),  # a whole name
                    models.When(search_text__contains=f"|{folded}", then=1),  # a name's start
                    default=2,
                    output_field=models.IntegerField(),
                )
            )
            .order_by("closeness", "name_en")
        )


class Skill(Bilingual, models.Model):
    slug = models.SlugField(unique=True)
    category = models.ForeignKey(SkillCategory, on_delete=models.PROTECT, related_name="skills")
    name_en = models.CharField(_("name in English"), max_length=100)
    name_es = models.CharField(_("name in Spanish"), max_length=100)
    aliases = models.JSONField(_("other names"), default=list, blank=True)
    # Folded labels and aliases, "|"-separated, for accent- and case-insensitive matching.
    search_text = models.TextField(editable=False, default="")

    objects = SkillQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        return self._pick(self.name_en, self.name_es)

    def build_search_text(self) -> str:
        return "|" + "|".join(fold(t) for t in [self.name_en, self.name_es, *self.aliases]) + "|"


class Occupation(Bilingual, models.Model):
    soc_code = models.CharField(_("SOC code"), max_length=7, unique=True)
    title_en = models.CharField(_("title in English"), max_length=200)
    title_es = models.CharField(_("title in Spanish"), max_length=200)
    is_tech = models.BooleanField(_("counts as a tech occupation"), default=True)

    class Meta:
        ordering = ["soc_code"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        constraints = [
            models.CheckConstraint(
                condition=Q(soc_code__regex=r"^[0-9]{2}-[0-9]{4}$"), name="skills_soc_code_format"
            )
        ]

    def __str__(self):
        return f"{self.soc_code} {self.label}"

    @property
    def label(self) -> str:
        return self._pick(self.title_en, self.title_es)
