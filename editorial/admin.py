"""The workflow half of the article admin: ArticleAdmin (news/admin.py) inherits it."""

import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.models import Version

from multisite.current import site_of
from multisite.scoped_admin import SiteScopedAdmin
from news.models import Article
from news.models.article import PUBLICATION
from news.services import delete_article, save_article

from . import (
    admin_users,  # noqa: F401 - registers the users' admin
    permissions,
    presence,
    services,
)
from .diff import compare_versions
from .forms import ArticleAdminForm
from .models import ArticleEvent
from .people import display_name
from .role_admin import RoleAdminMixin

Status = Article.Status
admin.site.index_template = "editorial/admin_index.html"


def _number(text):
    """A version id from the query string; anything else finds nothing (404, not 500)."""
    return int(text) if text and text.isdigit() else 0


class ArticleEventInline(admin.TabularInline):
    """Who did what and when: read-only, shown to everyone who may see the article."""

    model = ArticleEvent
    fields = ["at", "action", "actor", "note", "publish_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "bước"
    verbose_name_plural = "Lịch sử quy trình (ai làm gì, lúc nào)"

    def has_view_permission(self, request, obj=None):
        return permissions.can(request.user, "article.view", obj, site=site_of(request))

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class QuickViewFilter(admin.SimpleListFilter):
    """ "My articles" and "waiting for me" in one click."""

    title = "xem nhanh"
    parameter_name = "xem"

    def lookups(self, request, model_admin):
        choices = [("cua-toi", "Bài của tôi")]
        if permissions.can(request.user, "article.publish", site=site_of(request)):
            choices.append(("cho-toi-duyet", "Chờ tôi duyệt"))
        choices += [("hen-gio", "Đã hẹn giờ"), ("het-han", "Đã hết hạn")]
        return choices

    def queryset(self, request, queryset):
        match self.value():
            case "cua-toi":
                return queryset.filter(created_by=request.user)
            case "cho-toi-duyet":
                return queryset.pending()
            case "hen-gio":  # the publication rule's own terms (core.publication)
                return queryset.filter(PUBLICATION.scheduled_q())
            case "het-han":
                return queryset.filter(PUBLICATION.expired_q())
        return queryset


class AuthorFilter(admin.RelatedOnlyFieldListFilter):
    """Authors by their Vietnamese full names ("Nguyễn Thị Lan"), not their user names."""

    def field_choices(self, field, request, model_admin):
        users = {user.pk: user for user in field.related_model.objects.filter(
            pk__in=model_admin.get_queryset(request).values("created_by")
        )}  # fmt: skip
        return sorted(((pk, display_name(user)) for pk, user in users.items()), key=lambda c: c[1])


class ArticleWorkflowAdmin(SiteScopedAdmin, RoleAdminMixin, admin.ModelAdmin):
    """Roles, transitions, optimistic lock, revisions and preview for the article admin."""

    subject = "article"
    form = ArticleAdminForm
    change_form_template = "admin/news/article/change_form.html"
    actions = ["publish_selected"]
    APPROVER_ONLY_FIELDS = ["published_at", "expires_at", "is_featured"]

    # --- who may do what (RoleAdminMixin asks editorial.permissions.can) ------------------
    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            # Django's bulk delete checks the model permission only, not each article's owner.
            actions.pop("delete_selected", None)
        return actions

    def has_approve_permission(self, request):
        return self._can(request, "publish")

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "status", "created_by"]
        if not self._can(request, "publish"):
            fields += self.APPROVER_ONLY_FIELDS  # an editor proposes; an approver publishes
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(name, {**opts}) for name, opts in super().get_fieldsets(request, obj)]
        fieldsets.append(("Quy trình", {"fields": ["created_by"]}))
        if obj is not None and self.has_change_permission(request, obj):
            first = fieldsets[0][1]
            first["fields"] = [*first["fields"], "lock_version_seen"]
        return fieldsets

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        return [*inlines, ArticleEventInline] if obj is not None else inlines

    # --- list ------------------------------------------------------------------------------
    @admin.display(description="ảnh")
    def cover_thumb(self, obj):
        if not obj.cover:
            return "—"
        return format_html(
            '<img src="{}" alt="" loading="lazy" style="max-height:48px;max-width:72px">',
            obj.cover.url,
        )

    @admin.display(description="người tạo", ordering="created_by__last_name")
    def author(self, obj):
        return display_name(obj.created_by) if obj.created_by_id else "—"

    @admin.display(description="ngày xuất bản", ordering="published_at")
    def publication(self, obj):
        if not obj.published_at:
            return "—"
        return timezone.localtime(obj.published_at).strftime("%d/%m/%Y %H:%M")

    @admin.display(description="trạng thái", ordering="status")
    def workflow_status(self, obj):
        if PUBLICATION.is_scheduled(obj):
            when = timezone.localtime(obj.published_at).strftime("%H:%M %d/%m/%Y")
            return f"Hẹn giờ: {when}"
        if PUBLICATION.is_expired(obj):
            return "Đã hết hạn"
        return obj.get_status_display()

    @admin.action(description="Xuất bản các bài đã chọn", permissions=["approve"])
    def publish_selected(self, request, queryset):
        done = 0
        for article in queryset.filter(status__in=[Status.DRAFT, Status.PENDING]):
            try:
                services.publish(article, request.user)
                done += 1
            except services.WorkflowError as exc:
                self.message_user(request, f"“{article}”: {exc}", messages.WARNING)
        self.message_user(request, f"Đã xuất bản {done} bài.", messages.SUCCESS)

    # --- saving: every save is a version; the buttons run the workflow ---------------------
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            extra_context = {**(extra_context or {}), **self._workflow_context(request, object_id)}
            extra_context.update(self._presence_context(request, object_id))
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        """Nothing yet: the admin calls save_related next, which saves the article with its
        gallery and its cited documents in one call of the write path."""

    def save_related(self, request, form, formsets, change):
        article = form.instance
        if not change:
            article.created_by = request.user
        # The documents field is absent when read-only: then the form chose nothing.
        documents = form.cleaned_data.get("documents") if "documents" in form.fields else None
        save_article(
            article,
            user=request.user,
            comment="Sửa nội dung" if change else "Tạo bài",
            documents=documents,
            related=lambda: [
                self.save_formset(request, form, formset, change) for formset in formsets
            ],
        )
        if not change:
            services.record(article, request.user, ArticleEvent.Action.CREATED)

    def delete_model(self, request, obj):
        delete_article(obj)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            delete_article(article)

    def response_add(self, request, obj, post_url_continue=None):
        if request.POST.get("_workflow"):
            self._run_workflow(request, obj, request.POST["_workflow"])
            return HttpResponseRedirect(reverse("admin:news_article_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if request.POST.get("_workflow"):
            self._run_workflow(request, obj, request.POST["_workflow"])
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def _run_workflow(self, request, article, action):
        user, note = request.user, request.POST.get("review_note", "")
        transitions = {
            # The approvers' e-mail links to the host this request came to (any port).
            "submit": lambda: services.submit(article, user, request.build_absolute_uri("/")),
            "withdraw": lambda: services.withdraw(article, user),
            "publish": lambda: services.publish(article, user),
            "send_back": lambda: services.send_back(article, user, note),
            "unpublish": lambda: services.unpublish(article, user, note),
        }
        if action not in transitions:
            messages.error(request, "Thao tác không hợp lệ.")
            return
        try:
            event = transitions[action]()
        except services.WorkflowError as exc:  # a Vietnamese message; nothing changed
            messages.error(request, str(exc))
            return
        messages.success(request, f"{event.get_action_display()}: “{article}”.")

    def _workflow_context(self, request, object_id):
        article = self.get_object(request, object_id) if object_id else None
        if article is None:
            actions = [("submit", "Gửi duyệt")]
            if self._can(request, "publish"):
                actions.append(("publish", "Xuất bản / hẹn giờ"))
            return {"workflow_actions": actions}
        events = ArticleEvent.objects.filter(article=article).select_related("actor")
        last = events.first()
        return {
            "workflow_actions": permissions.available_actions(request.user, article),
            "sent_back": last if last and last.action == ArticleEvent.Action.SENT_BACK else None,
            "can_approve": self._can(request, "publish", article),
        }

    def _presence_context(self, request, object_id):
        """Opening the edit page counts as the first heartbeat; colleagues already in it are
        named at once (the page's script keeps the notice current)."""
        article = self.get_object(request, object_id) if object_id else None
        if article is None or not self.has_change_permission(request, article):
            return {}
        if request.method == "GET":
            presence.touch(article, request.user)
        return {
            "editing_notice": presence.notice(presence.others(article, request.user)),
            "heartbeat": presence.HEARTBEAT,
        }

    def presence_view(self, request, pk):
        """The edit page's heartbeat (POST): answers who else has it open; "roi-di" leaves."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if request.POST.get("roi-di"):
            presence.leave(article, request.user)
            return JsonResponse({"notice": ""})
        presence.touch(article, request.user)
        names = presence.others(article, request.user)
        return JsonResponse({"editors": names, "notice": presence.notice(names)})

    # --- extra pages: workflow without editing, versions, compare, restore -----------------
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/dang-sua/", view(self.presence_view), name="news_article_presence"),
            path("<int:pk>/quy-trinh/", view(self.workflow_view), name="news_article_workflow"),
            path("<int:pk>/phien-ban/", view(self.versions_view), name="news_article_versions"),
            path(
                "<int:pk>/phien-ban/so-sanh/",
                view(self.compare_view),
                name="news_article_compare",
            ),
            path(
                "<int:pk>/phien-ban/<int:version_id>/khoi-phuc/",
                view(self.restore_view),
                name="news_article_restore",
            ),
            *super().get_urls(),
        ]

    def _viewable(self, request, pk):
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def workflow_view(self, request, pk):
        """A transition without a content edit (e.g. an editor withdraws a pending article)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._viewable(request, pk)
        # The state the page showed: a button pressed on a stale page acts on nothing.
        article.status = request.POST.get("seen_status", article.status)
        self._run_workflow(request, article, request.POST.get("_workflow", ""))
        return HttpResponseRedirect(reverse("admin:news_article_change", args=[pk]))

    def versions_view(self, request, pk):
        article = self._viewable(request, pk)
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        context = {
            **self.admin_site.each_context(request),
            "title": f"Các phiên bản: {article}",
            "opts": self.opts,
            "article": article,
            "versions": versions,
            "can_restore": self._can(request, "restore", article),
        }
        return TemplateResponse(request, "editorial/article_versions.html", context)

    def compare_view(self, request, pk):
        article = self._viewable(request, pk)
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        old = get_object_or_404(versions, pk=_number(request.GET.get("tu")))
        new = get_object_or_404(versions, pk=_number(request.GET.get("den")))
        if old.revision.date_created > new.revision.date_created:
            old, new = new, old
        context = {
            **self.admin_site.each_context(request),
            "title": f"So sánh phiên bản: {article}",
            "opts": self.opts,
            "article": article,
            "old": old,
            "new": new,
            "changes": compare_versions(old, new),
            "can_restore": self._can(request, "restore", article),
        }
        return TemplateResponse(request, "editorial/article_compare.html", context)

    def restore_view(self, request, pk, version_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._viewable(request, pk)
        if not self._can(request, "restore", article):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_object(article), pk=version_id)
        services.restore(article, version, request.user)
        messages.success(request, "Đã khôi phục phiên bản; bản trước đó vẫn còn trong lịch sử.")
        return HttpResponseRedirect(reverse("admin:news_article_change", args=[pk]))

    def view_on_site(self, obj):
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse("editorial:preview", args=[obj.slug])
