"""Public pages served from a cache that every change to the data invalidates.

The data changes only by imports, merges and curator edits, and each of those bumps the
DataVersion row in its own transaction. A page is cached under the version current when it
was rendered, so after a commit no server can find the old copy, and a rolled-back change
leaves the cache valid. The same version is the page's ETag and Last-Modified, so browsers
revalidate with a 304 that costs one query.
"""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from profiles.models import DataVersion


def cached_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        state = request.data_version = DataVersion.current()  # the views' stats read it too
        # Staff pages carry links to the admin, so they are a different representation.
        audience = "staff" if request.user.is_staff else "public"
        etag = f'"{state.version}-{state.changed_at.timestamp():.6f}-{audience}"'
        last_modified = int(state.changed_at.timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = _cached_response(request, view, args, kwargs, etag, audience)
        if response.status_code in (200, 304):
            response.headers.setdefault("ETag", etag)
            response.headers.setdefault("Last-Modified", http_date(last_modified))
            # Store, but ask before each reuse: the answer is a 304 until the data changes.
            patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper


def _cached_response(request, view, args, kwargs, etag, audience):
    if audience != "public":
        return view(request, *args, **kwargs)
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    key = f"page:{etag}:{path}"
    response = cache.get(key)
    if response is None:
        response = view(request, *args, **kwargs)
        # Never a streamed export: caching would hold the whole file in memory, which is
        # what streaming it avoids.
        if response.status_code == 200 and not response.cookies and not response.streaming:
            if hasattr(response, "render"):
                response.render()
            cache.set(key, response)
    return response
