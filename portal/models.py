from django.db import models


class ContentVersion(models.Model):
    """One row: a counter raised by database triggers on every write to a table of public content.

    Every key of the default cache carries it (portal.cache), so a change made by any path (admin,
    services, imports, loader, shell, raw SQL) makes every cached page and table unreachable in
    every worker of every machine at once; entries of older versions simply expire.
    """

    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return str(self.version)
