from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from reversion.models import Version

from news.models import Article


def conflict_message(article):
    """Who saved the article while this form was open, for the refusal message."""
    latest = Version.objects.get_for_object(article).select_related("revision__user").first()
    if latest is None:
        who_when = "vừa có người khác lưu bài này"
    else:
        user = latest.revision.user
        name = str(user) if user else "một người khác"  # "Nguyễn Thị Lan" (editorial/people.py)
        when = timezone.localtime(latest.revision.date_created).strftime("%H:%M %d/%m/%Y")
        who_when = f"{name} đã lưu bài này lúc {when}"
    return (
        f"Không lưu được: {who_when}, sau khi bạn mở trang sửa. Để không xoá mất phần việc "
        "của họ, thay đổi của bạn chưa được ghi. Nội dung bạn vừa nhập vẫn còn trong các ô "
        "dưới đây: hãy sao chép phần cần giữ, mở lại bài (tải lại trang) để xem bản mới nhất "
        "rồi nhập lại."
    )


class ArticleAdminForm(forms.ModelForm):
    """The article form with its optimistic lock: the version it was loaded at travels with it."""

    lock_version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin narrows it to its fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "lock_version_seen" in self.fields:
            self.fields["lock_version_seen"].initial = self.instance.lock_version

    def clean_title(self):
        """One line: a title travels into e-mail subjects, feeds and page titles, where a line
        break is at best noise and at worst a header of its own."""
        return " ".join(self.cleaned_data["title"].split())

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            # Row lock (PostgreSQL; SQLite's IMMEDIATE transaction serialises writers anyway),
            # held until the admin's transaction ends: no save slips between check and write.
            current = (
                Article.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("lock_version", flat=True)
                .first()
            )
            if cleaned.get("lock_version_seen") != current:
                raise ValidationError(conflict_message(self.instance), code="conflict")
        action = self.data.get("_workflow")
        if action == "send_back" and not self.data.get("review_note", "").strip():
            raise ValidationError(
                "Hãy ghi lý do trả lại để biên tập viên biết cần sửa gì.", code="reason"
            )
        return cleaned
