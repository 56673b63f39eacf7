"""The shared working-day calendar (DESIGN.md, "Shared calendar").

Monday to Friday are working days; one table of exceptions corrects that in both directions:
public holidays, Tết and compensatory days off on weekdays, and Saturdays or Sundays worked in
exchange. Every deadline counted in working days reads it (workdays/calendar.py).
"""

from django.db import models


class DayException(models.Model):
    class Kind(models.TextChoices):
        DAY_OFF = "off", "Ngày nghỉ (lễ, Tết, nghỉ bù)"
        WORKING_DAY = "work", "Ngày làm việc (làm bù vào thứ Bảy, Chủ nhật)"

    day = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=4, choices=Kind.choices, default=Kind.DAY_OFF)
    name = models.CharField(
        "lý do", max_length=200,
        help_text="Ví dụ: Tết Nguyên đán; Nghỉ bù Quốc khánh; Làm bù cho ngày 02/01.",
    )  # fmt: skip

    class Meta:
        verbose_name = "ngày nghỉ, ngày làm bù"
        verbose_name_plural = "ngày nghỉ, ngày làm bù"
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day:%d/%m/%Y}: {self.name}"
