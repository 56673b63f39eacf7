from django import template
from django.utils import timezone

from workdays.calendar import WEEKDAYS

register = template.Library()


@register.filter
def vi_date(value, with_weekday=True):
    """ "Thứ Năm, 15/06/2023" in local time; `|vi_date:False` drops the weekday."""
    if not value:
        return ""
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    text = value.strftime("%d/%m/%Y")
    return f"{WEEKDAYS[value.weekday()]}, {text}" if with_weekday else text


@register.filter
def vi_number(value):
    """Vietnamese digit grouping: 2298724 -> "2.298.724"."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return value
