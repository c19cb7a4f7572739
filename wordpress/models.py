from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ImportedItem(models.Model):
    """What one WordPress item became here, so a second import updates it.

    `fingerprint` is a hash of the WordPress content last imported: an unchanged
    item is skipped, which also leaves an editor's later changes alone.
    """

    class Kind(models.TextChoices):
        POST = "post", "post"
        PAGE = "page", "page"
        AUTHOR = "author", "author"
        ATTACHMENT = "attachment", "attachment"
        UPLOAD = "upload", "uploaded file without an attachment item"
        TERM = "term", "category or tag"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    wp_id = models.CharField("WordPress id", max_length=255)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    fingerprint = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "wp_id"], name="wordpress_item_unique_per_kind"
            )
        ]
        verbose_name = "imported WordPress item"

    def __str__(self):
        return f"WordPress {self.kind} {self.wp_id}"
