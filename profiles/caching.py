"""Public pages served from a cache that every change to the data invalidates.

The data changes only by imports, merges and curator edits, and each of those bumps the
DataVersion row in its own transaction. A page is cached under the version current when it
was rendered, so after a commit no server can find the old copy, and a rolled-back change
leaves the cache valid. The same version is the page's ETag and Last-Modified, so browsers
revalidate with a 304 that costs one query.

A page is cached under its path and its canonical query string, and depends on nothing else
of the request but the audience: absolute URLs come from PORTFOLIO_SITE_URL, never from the
Host header (which the client chooses), so no request can change what the next visitor gets.
"""

import hashlib
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.encoding import escape_uri_path
from django.utils.http import http_date

from profiles.models import DataVersion


def cached_page(view, query=None):
    """The view, cached. `query` maps each query parameter the view reads, in the order of its
    form, to the value that means the same as leaving it out ("" if none does)."""
    query = query or {}

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        canonical = canonical_query(request.GET, query)
        if request.GET.keys() - query.keys():
            # Redirected rather than served uncached: a parameter the view does not read can
            # neither make a cache entry nor skip the cache (?v=1, ?v=2 ... rendering the page
            # each time), and links with tracking parameters all arrive at one cached copy.
            # Not permanent: the canonical form follows the views, which may read more later.
            location = escape_uri_path(request.path) + (f"?{canonical}" if canonical else "")
            return redirect(location)
        state = request.data_version = DataVersion.current()  # the views' stats read it too
        # Staff pages carry links to the admin, so they are a different representation.
        audience = "staff" if request.user.is_staff else "public"
        etag = f'"{state.version}-{state.changed_at.timestamp():.6f}-{audience}"'
        last_modified = int(state.changed_at.timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = _cached_response(request, view, args, kwargs, etag, audience, canonical)
        if response.status_code in (200, 304):
            response.headers.setdefault("ETag", etag)
            response.headers.setdefault("Last-Modified", http_date(last_modified))
            # Store, but ask before each reuse: the answer is a 304 until the data changes.
            patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper


def canonical_query(params, query):
    """The query string that means what params (a QueryDict) means to a view reading `query`:
    its parameters in the form's order, each once with the value forms read (the last), and
    none that is blank or says the default. 'page=1&kind=conference&kind=journal&q=' ->
    'kind=journal'."""
    pairs = []
    for name, default in query.items():
        value = params.get(name, "")
        if value not in ("", default):
            pairs.append((name, value))
    return urlencode(pairs)


def _cached_response(request, view, args, kwargs, etag, audience, canonical):
    if audience != "public":
        return view(request, *args, **kwargs)
    path = hashlib.sha256(f"{request.path}?{canonical}".encode()).hexdigest()
    key = f"page:{etag}:{path}"
    response = cache.get(key)
    if response is None:
        response = view(request, *args, **kwargs)
        # ?q=&page=1 is served the copy of the bare URL but does not write it: what a page
        # shows of its own query string ("for the filters above") is then the canonical one.
        if request.GET.urlencode() == canonical and _storable(response):
            cache.set(key, response)
    return response


def _storable(response):
    # Never a streamed export: caching would hold the whole file in memory, which is what
    # streaming it avoids. Nor a page over the size limit, of which a few would fill the cache.
    if response.status_code != 200 or response.cookies or response.streaming:
        return False
    if hasattr(response, "render"):
        response.render()
    return len(response.content) <= settings.PORTFOLIO_PAGE_CACHE_MAX_BYTES
