"""Small template helpers: query strings that keep filters, safe links and how they print,
partial dates, schema.org data blocks."""

import json
import re

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from profiles import text

register = template.Library()

# As json_script escapes: no text in the JSON can end the <script> element or start markup.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
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


# The URL when it is http(s) or mailto, a bare domain made https; otherwise ''.
safe_url = register.filter("safe_url", text.safe_url)


@register.filter
def display_url(url):
    """A link's address as a page prints it: 'https://github.com/ada/' -> 'github.com/ada'."""
    url = re.sub(r"^(https?://|mailto:)", "", url or "", flags=re.IGNORECASE)
    return url.removeprefix("www.").rstrip("/")


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


@register.filter
def json_ld(data):
    """A schema.org JSON-LD data block. Browsers do not run it, so it needs no CSP nonce."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
