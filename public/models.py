"""Documents the portal builds from the programme and keeps ready to serve: the programme booklets."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Booklet(models.Model):
    """One built programme booklet (PDF): a language, a grouping and a selection of the list's filters.

    Built the first time someone asks for it, then rebuilt by the task queue after every change of
    the content (public.booklets): `version` counts the changes seen, `built_version` the one the
    stored PDF was built from. A failed build keeps the previous PDF and records the error for staff.
    """

    key = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=2)
    query = models.CharField(
        _("filters"), max_length=1000, blank=True, help_text=_("The list's filters, as a query string.")
    )
    base_url = models.CharField(max_length=200, help_text=_("Address of the site, for the short links."))
    pdf = models.BinaryField(editable=False)
    digest = models.CharField(max_length=64, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    page_count = models.PositiveIntegerField(_("pages"), default=0)
    project_count = models.PositiveIntegerField(_("projects"), default=0)
    build_seconds = models.FloatField(_("build time (s)"), default=0)
    built_at = models.DateTimeField(_("built at"))
    version = models.PositiveIntegerField(default=0, editable=False)
    built_version = models.PositiveIntegerField(default=0, editable=False)
    last_requested_at = models.DateTimeField(_("last requested at"))
    failed_at = models.DateTimeField(_("last failure at"), null=True, blank=True)
    error = models.TextField(_("error of the last build"), blank=True)

    class Meta:
        verbose_name = _("programme booklet")
        verbose_name_plural = _("programme booklets")
        ordering = ["language", "query"]

    def __str__(self):
        return f"{self.language} {self.query or '—'}"

    @property
    def is_stale(self):
        return self.built_version < self.version

    @property
    def is_built(self):
        """False while a booklet too large to build in a request waits for the task queue."""
        return bool(self.digest)
