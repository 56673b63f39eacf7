from django.db import models
from django.db.models import Exists, OuterRef, Q

from core.publication import Publication
from multisite.models import SiteContent

# The publication rule (core.publication) on the index's copies of the three facts.
PUBLICATION = Publication("public", True, "visible_from", "visible_until")


class SearchEntryQuerySet(models.QuerySet):
    def visible(self):
        """What the public may find: the articles' rule, on the index's columns.

        The time limits are checked here, at query time, so a scheduled article becomes
        findable the moment it becomes visible, without a cron job.
        """
        return self.filter(PUBLICATION.live_q())

    def on_site(self, site, shared_kinds):
        """What `site` shows: its own entries, and those of `shared_kinds` (documents) of the
        site that shares them with it, its parent (DESIGN.md "Sites"), but for those whose
        address the site's own copy takes (as Document.objects.visible_on)."""
        parent_id = site.profile.parent_id
        if parent_id is None or not shared_kinds:
            return self.filter(site_id=site.pk)
        own_copy = SearchEntry.objects.filter(site_id=site.pk, url=OuterRef("url"))
        shared = Q(site_id=parent_id, kind__in=shared_kinds) & ~Exists(own_copy)
        return self.filter(Q(site_id=site.pk) | shared)


class SearchEntry(SiteContent):
    """One searchable object (article, document, page), its text folded for matching.

    `words` and `title_words` hold the folded tokens (see core.text), space-separated and
    padded: " nghi quyet 35 nq tw ". PostgreSQL matches them through tsvector columns
    generated from them, under GIN indexes (migration 0002); SQLite through an FTS5 table
    that triggers keep in step with this one (migration 0003). Both take the tokens as they
    are, so both find the same set.
    """

    kind = models.CharField("loại", max_length=20)
    object_id = models.PositiveBigIntegerField()
    title = models.TextField("tiêu đề")
    text = models.TextField("nội dung", blank=True)
    url = models.CharField(max_length=300)
    title_words = models.TextField(blank=True)
    words = models.TextField(blank=True)
    public = models.BooleanField(default=False)
    visible_from = models.DateTimeField()  # required, as an article's publication time is
    visible_until = models.DateTimeField(null=True, blank=True)
    date = models.DateTimeField()  # sorts "newer first"; never null, so one plain index serves
    year = models.PositiveSmallIntegerField()
    category_id = models.PositiveBigIntegerField(null=True, blank=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "mục tìm kiếm"
        verbose_name_plural = "chỉ mục tìm kiếm"
        ordering = ["-date", "kind", "object_id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_object")
        ]
        indexes = [
            models.Index(fields=["site", "-date"], name="search_entry_site_idx"),
            models.Index(fields=["year"], name="search_entry_year_idx"),
            # Results walk this index newest first and stop at the page (search.query.Results).
            # SQLite walks a wider copy of it that also holds the publication rule's columns,
            # so that the walk reads no row (migration 0004).
            models.Index(fields=["-date", "kind", "object_id"], name="search_entry_order_idx"),
        ]

    def __str__(self):
        return self.title


class SearchWord(models.Model):
    """PostgreSQL: every token ever indexed, the vocabulary that "Có phải bạn muốn tìm"
    suggests from; a trigger on the index adds the words of each entry written (migration
    0003), so no writer spends a statement on it.

    It only grows (a word of a deleted or unpublished text stays), so a suggestion is shown
    only when it finds something the public may see. SQLite reads FTS5's own vocabulary
    instead (search.query.known_words).
    """

    word = models.CharField(max_length=60, unique=True)

    class Meta:
        verbose_name = "từ"
        verbose_name_plural = "từ vựng tìm kiếm"

    def __str__(self):
        return self.word
