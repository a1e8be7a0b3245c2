"""Applications for the label: a French or Russian local authority or organisation proposes a project.

An application keeps what the applicant wrote, in their own language, whatever staff later do with
the proposed project it creates (events.Project): the committee translates and edits the project,
never the application.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models import LabellingStatus, Project, Theme
from partners.models import Country, Partner, PartnerKind

TEXT_LANGUAGES = [("fr", "Français"), ("ru", "Русский"), ("en", "English")]


class ApplicationState(models.TextChoices):
    RECEIVED = "received", _("received")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class TrackingStep(models.TextChoices):
    """What the applicant's tracking page shows, read from the application and its project."""

    RECEIVED = "received", _("received")
    UNDER_REVIEW = "under_review", _("under review")
    LABELLED = "labelled", _("labelled")
    PUBLISHED = "published", _("published")
    DECLINED = "declined", _("declined")


class Application(models.Model):
    """One application for the label, as the applicant sent it."""

    # Who applies
    organisation = models.CharField(_("organisation"), max_length=255)
    kind = models.CharField(_("kind of organisation"), max_length=30, choices=PartnerKind.choices)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    place = models.CharField(_("town or region"), max_length=200)
    contact_name = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # The partner on the other side: one known to the portal, or a name staff will look into.
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner on the other side"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    partner_name = models.CharField(_("partner on the other side, as written"), max_length=255)

    # The project, in the applicant's own words
    language = models.CharField(
        _("language of the texts"),
        max_length=2,
        choices=TEXT_LANGUAGES,
        help_text=_("The language the applicant wrote the title and the description in."),
    )
    interface_language = models.CharField(
        _("language of the messages"),
        max_length=2,
        choices=TEXT_LANGUAGES,
        help_text=_("The language of the site when the applicant applied: e-mails are sent in it."),
    )
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(_("description"), max_length=5000)
    planned_text = models.CharField(_("planned dates as worded"), max_length=200)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="applications")
    consented_at = models.DateTimeField(_("consent to the processing of contact data given at"))

    # What staff do with it
    state = models.CharField(
        _("state"), max_length=10, choices=ApplicationState.choices, default=ApplicationState.RECEIVED
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    project = models.OneToOneField(
        Project,
        verbose_name=_("proposed project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
    )
    looks_like_existing = models.BooleanField(
        _("looks like an existing project"),
        default=False,
        help_text=_("Same partners or a similar title as a project already in the portal, when received."),
    )
    similar_project = models.ForeignKey(
        Project,
        verbose_name=_("similar project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="similar_applications",
    )
    staff_note = models.TextField(
        _("what is left for staff"),
        blank=True,
        help_text=_("Written when the application is accepted: partners or places that staff must add."),
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-received_at", "-id"]
        permissions = [("decide_application", _("Can accept or decline an application"))]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="declined") | ~models.Q(decline_reason=""),
                name="application_declined_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.organisation})"

    @property
    def tracking_step(self) -> str:
        """Where the application stands, as its tracking page says it: the project's labelling status
        once the application is accepted."""
        if self.state == ApplicationState.DECLINED:
            return TrackingStep.DECLINED
        if self.state == ApplicationState.RECEIVED or self.project is None:
            return TrackingStep.RECEIVED
        status = self.project.status
        if status == LabellingStatus.PUBLISHED:
            return TrackingStep.PUBLISHED
        if status == LabellingStatus.LABELLED:
            return TrackingStep.LABELLED
        if status == LabellingStatus.WITHDRAWN:
            return TrackingStep.DECLINED
        return TrackingStep.UNDER_REVIEW

    @property
    def reason_given(self) -> str:
        """The committee's reason, when the application was declined or its project withdrawn."""
        if self.state == ApplicationState.DECLINED:
            return self.decline_reason
        if self.project is not None and self.project.status == LabellingStatus.WITHDRAWN:
            return self.project.withdrawn_reason
        return ""
