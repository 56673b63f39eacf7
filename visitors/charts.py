"""Server-rendered SVG line charts for the admin (no JavaScript library, no CDN)."""

from datetime import timedelta

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from news.templatetags.portal import vi_number

from .models import DailyStats

WIDTH, HEIGHT, PAD = 720, 220, 36
SERIES = [("visits", "Lượt truy cập", "#a40e0e"), ("page_views", "Lượt xem trang", "#1a5fb4")]


def daily_series(site_id, today, days):
    """One (day, visits, page_views) per day of the site's last `days` days, zeros included."""
    start = today - timedelta(days=days - 1)
    found = DailyStats.objects.filter(site_id=site_id, day__gte=start, day__lte=today)
    rows = {row.day: row for row in found}  # one query, at most `days` rows
    series = []
    for i in range(days):
        day = start + timedelta(days=i)
        row = rows.get(day)
        series.append((day, row.visits if row else 0, row.page_views if row else 0))
    return series


def line_chart(series, title):
    """An accessible SVG: a title, two polylines, the axis maximum, first and last dates."""
    peak = max([max(v, p) for _, v, p in series] + [1])
    step = (WIDTH - 2 * PAD) / max(len(series) - 1, 1)

    def points(index):
        return " ".join(
            f"{PAD + i * step:.1f},{HEIGHT - PAD - row[index] / peak * (HEIGHT - 2 * PAD):.1f}"
            for i, row in enumerate(series)
        )

    lines = format_html_join(
        "",
        '<polyline fill="none" stroke="{}" stroke-width="2" points="{}">'
        "<title>{}</title></polyline>",
        ((color, points(i + 1), label) for i, (_, label, color) in enumerate(SERIES)),
    )
    legend = format_html_join(
        "",
        '<tspan fill="{}" dx="12">■ {}</tspan>',
        ((color, label) for _, label, color in SERIES),
    )
    first, last = series[0][0], series[-1][0]
    return format_html(
        '<svg role="img" aria-label="{title}" viewBox="0 0 {w} {h}" width="100%" '
        'style="max-width:{w}px;background:#fff;border:1px solid #ddd">'
        '<text x="{pad}" y="20" font-size="14" font-weight="bold">{title}</text>'
        '<text x="{w}" y="20" font-size="12" text-anchor="end">{legend}</text>'
        '<line x1="{pad}" y1="{base}" x2="{right}" y2="{base}" stroke="#999"/>'
        '<text x="4" y="{top}" font-size="11">{peak}</text>'
        '<text x="{pad}" y="{h_label}" font-size="11">{first}</text>'
        '<text x="{right}" y="{h_label}" font-size="11" text-anchor="end">{last}</text>'
        "{lines}</svg>",
        title=title, w=WIDTH, h=HEIGHT, pad=PAD, legend=legend, base=HEIGHT - PAD,
        right=WIDTH - PAD, top=PAD, peak=vi_number(peak), h_label=HEIGHT - 12,
        first=first.strftime("%d/%m/%Y"), last=last.strftime("%d/%m/%Y"), lines=lines,
    )  # fmt: skip


def charts(site_id, today):
    return mark_safe(  # noqa: S308 - both parts are built with format_html
        line_chart(daily_series(site_id, today, 30), "30 ngày gần nhất")
        + line_chart(daily_series(site_id, today, 365), "365 ngày gần nhất")
    )
