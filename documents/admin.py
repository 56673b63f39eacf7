from django.contrib import admin

from .models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["symbol", "doc_type", "issuing_body", "issued_on", "short_title"]
    list_filter = ["doc_type", "issuing_body"]
    search_fields = ["symbol", "symbol_key", "title", "issuing_body"]
    date_hierarchy = "issued_on"

    @admin.display(description="trích yếu")
    def short_title(self, obj):
        return obj.title[:80] + ("…" if len(obj.title) > 80 else "")
