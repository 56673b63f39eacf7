from datetime import date

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import QueryDict
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from editorial.permissions import can
from editorial.role_admin import RoleAdminMixin, RoleInlineMixin
from multisite.current import site_of
from multisite.scoped_admin import SiteScopedAdmin, SiteScopedInline

from . import services
from .citations import missing_mentions
from .models import Document, DocumentRelation, Mention, Sector
from .references import describe_symbol


@admin.register(Sector)
class SectorAdmin(RoleAdminMixin, admin.ModelAdmin):
    """Fields of documents, one list for every site: set up by the platform superuser, read by
    those who file documents."""

    manage_action = "platform.manage"

    def has_view_permission(self, request, obj=None):
        may_file = can(request.user, "document.change", site=site_of(request))
        return may_file or super().has_view_permission(request, obj)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    list_display = ["name", "slug"]
    search_fields = ["name"]


class DocumentRelationInline(SiteScopedInline, RoleInlineMixin, admin.TabularInline):
    subject = "document"
    model = DocumentRelation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]
    verbose_name = "văn bản mà văn bản này thay thế hoặc sửa đổi"
    verbose_name_plural = "văn bản mà văn bản này thay thế hoặc sửa đổi"


def citing_from_an_article(request):
    """The autocomplete of an article's "văn bản được trích dẫn": it offers the parent's
    documents too (an article cites what its site shares)."""
    match = request.resolver_match
    return bool(match and match.url_name == "autocomplete") and (
        request.GET.get("app_label"),
        request.GET.get("model_name"),
    ) == ("news", "article")


@admin.register(Document)
class DocumentAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
    subject = "document"
    list_display = [
        "symbol", "doc_type", "issuing_body", "issued_on", "status", "citing_count",
    ]  # fmt: skip
    list_filter = ["kind", "level", "doc_type", "status", "sector", "issuing_body"]
    search_fields = ["symbol", "symbol_key", "title", "issuing_body", "signer"]
    date_hierarchy = "issued_on"
    list_select_related = ["sector"]
    autocomplete_fields = ["sector"]
    readonly_fields = ["citing_articles"]
    inlines = [DocumentRelationInline]
    change_list_template = "admin/documents/document/change_list.html"
    fieldsets = [
        (None, {"fields": ["symbol", "doc_type", "title", "issued_on", "effective_on"]}),
        ("Cơ quan ban hành", {"fields": ["kind", "level", "issuing_body", "term", "signer"]}),
        ("Phân loại", {"fields": ["sector", "status"]}),
        ("Tệp và đường dẫn", {"fields": ["file", "slug"]}),
        ("Bài viết trích dẫn", {"fields": ["citing_articles"]}),
    ]

    def get_queryset(self, request):
        site = site_of(request)
        if citing_from_an_article(request):
            documents = Document.objects.visible_on(site)  # what an article may cite
        else:
            documents = super().get_queryset(request)  # the site's own: what it files
        citing = Count("articles", filter=Q(articles__site=site), distinct=True)
        return documents.annotate(citing=citing)

    def get_search_results(self, request, queryset, search_term):
        """Also find a symbol however it is typed: "35 nq tw" finds 35-NQ/TW."""
        results, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            results = results | queryset.with_symbol(search_term)
            if not results.ordered:
                results = results.order_by(*Document._meta.ordering)
        return results, duplicates

    @admin.display(description="số bài trích dẫn", ordering="citing")
    def citing_count(self, obj):
        return obj.citing

    @admin.display(description="bài viết trích dẫn văn bản này")
    def citing_articles(self, obj):
        if obj.pk is None:
            return "—"
        articles = obj.articles.filter(site_id=obj.site_id)  # the articles its admin edits
        articles = articles.only("title", "status").order_by("-published_at")
        if not articles:
            return "Chưa có bài viết nào."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({})</li>',
                (
                    (
                        reverse("admin:news_article_change", args=[a.pk]),
                        a.title,
                        a.get_status_display(),
                    )
                    for a in articles
                ),
            ),
        )

    # Through the library's write path: the articles citing a document follow it.
    def save_model(self, request, obj, form, change):
        services.save_document(obj)

    def delete_model(self, request, obj):
        services.delete_document(obj)

    def delete_queryset(self, request, queryset):
        services.delete_documents(queryset)

    def get_changeform_initial_data(self, request):
        """The "start" link of a missing symbol prefills what its symbol says for certain."""
        initial = super().get_changeform_initial_data(request)
        symbol = request.GET.get("symbol", "")
        if symbol:
            for name, value in describe_symbol(symbol).items():
                initial.setdefault(name, value)
        return initial

    def get_urls(self):
        missing = self.admin_site.admin_view(self.missing_view)
        return [
            path("chua-co/", missing, name="documents_document_missing"),
            *super().get_urls(),
        ]

    def missing_view(self, request):
        """Symbols cited in articles with no document yet, each with a one-click start."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        site = site_of(request)
        rows = missing_mentions(site)[:500]
        mentions = Mention.objects.filter(site=site, symbol_key__in={r["symbol_key"] for r in rows})
        examples, titles = {}, {}
        for mention in mentions.select_related("article").only(
            "symbol", "symbol_key", "issued_on", "article__title"
        ):
            key = (mention.symbol_key, mention.issued_on)
            examples.setdefault(key, mention.symbol)
            titles.setdefault(key, []).append((mention.article_id, mention.article.title))
        add_url = reverse("admin:documents_document_add")
        for row in rows:
            key = (row["symbol_key"], row["issued_on"])
            row["symbol"] = examples.get(key, row["symbol_key"])
            row["article_links"] = [
                (reverse("admin:news_article_change", args=[pk]), title)
                for pk, title in titles.get(key, [])[:5]
            ]
            query = QueryDict(mutable=True)
            query["symbol"] = row["symbol"]
            if isinstance(row["issued_on"], date):
                query["issued_on"] = row["issued_on"].strftime("%d/%m/%Y")
            row["start_url"] = f"{add_url}?{query.urlencode()}"
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Văn bản được trích dẫn nhưng chưa có trong thư viện",
            "rows": rows,
            "can_add": self.has_add_permission(request),
        }
        return TemplateResponse(request, "admin/documents/document/missing.html", context)
