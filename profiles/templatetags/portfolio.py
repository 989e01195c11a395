"""Small template helpers: query strings that keep filters, safe links, partial dates."""

from urllib.parse import urlsplit

from django import template

register = template.Library()

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced: {% query_with page=2 %}."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def safe_url(url):
    """The URL when it is http(s) or mailto, a bare domain made https; otherwise ''."""
    url = (url or "").strip()
    if not url or any(ch in url for ch in "\n\r\t <>\"'"):
        return ""
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https", "mailto"):
        return url
    if not scheme and "." in url.split("/")[0] and not url.startswith(("/", ".")):
        return f"https://{url}"
    return ""


@register.filter
def partial_date(year_month):
    """'2021-08' -> 'Aug 2021'; '2021' stays '2021'."""
    if not year_month:
        return ""
    year, _, month = str(year_month).partition("-")
    if month.isdigit() and 1 <= int(month) <= 12:
        return f"{MONTHS[int(month) - 1]} {year}"
    return year


@register.simple_tag
def period(entry):
    """'Aug 2020 – Jun 2025', 'since Mar 2024', 'Sep 2021 – Jun 2025 (expected)'."""
    start, end = partial_date(entry.start), partial_date(entry.end)
    if entry.current:
        return f"since {start}" if start else "ongoing"
    text = f"{start} – {end}" if start and end and start != end else (end or start)
    if getattr(entry, "expected", False) and end:
        text += " (expected)"
    return text
