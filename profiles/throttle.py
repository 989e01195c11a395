"""The list exports' cheap path and their limits.

An export of every paper costs seconds of CPU where a page costs milliseconds, so a few clients
downloading one in a loop would hold every worker, and the pages would queue behind them.

- An export is built once per data version and filters into a file under PORTFOLIO_EXPORT_DIR,
  and sent from there. The next version is another file, so, as with the page cache, no one
  gets the old data after a commit. A build of a new version deletes the old files, and each
  export keeps its KEEP most recently built.
- Building takes one of PORTFOLIO_EXPORT_CONCURRENCY slots: file locks, which the processes of
  a server share and which a killed process lets go of. Without a free slot an export is
  refused, so exports never keep more than that many workers busy. A file is whole before its
  first byte is sent, so a client that reads slowly holds a worker but no slot.
- A client address (as client_address() gives it) gets PORTFOLIO_EXPORT_RATE_LIMIT exports
  in each PORTFOLIO_EXPORT_RATE_WINDOW seconds, counted in the page cache: per process with
  locmem://, not at all with dummy://, where the slots still hold.

A refused export is a 429 with Retry-After.
"""

import fcntl
import hashlib
import math
import os
import tempfile
import time
from contextlib import suppress
from functools import wraps
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils.log import log_response

from profiles.models import DataVersion
from profiles.ratelimit import client_address

clock = time.time  # tests set the time here

KEEP = 8  # files per export and data version: the unfiltered one and recent filters
BLOCK = 64 * 1024
# What a client refused for want of a slot is told: about what building an export takes.
BUSY_RETRY_AFTER = 5


class Busy(Exception):
    """Every slot is taken, or another request is building the same export."""


def throttled_export(view):
    """For the views that stream a list as a file; inside cached_page, so that a 304 or a
    redirect to the canonical query string costs nothing here."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        count = AddressCount(client_address(request))
        if wait := count.add():
            return _refuse(request, wait, "Too many exports from your address.")
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or not response.streaming:
            return response  # a 400 for bad filters
        try:
            path = _kept(request, response)
        except Busy:
            count.take_back()  # the client is not to blame
            return _refuse(request, BUSY_RETRY_AFTER, "The server is busy with other exports.")
        # The view's stream has not started if the file was there: dropping it reads nothing.
        response.streaming_content = _read(path)
        response["Content-Length"] = path.stat().st_size
        return response

    return wrapper


class AddressCount:
    """An address's exports in the current window of PORTFOLIO_EXPORT_RATE_WINDOW seconds.

    Windows are fixed, as a cache can add to a number atomically but not to a list: a client
    may get twice the limit in a row across the end of a window.
    """

    def __init__(self, address):
        self.window = getattr(settings, "PORTFOLIO_EXPORT_RATE_WINDOW", 60)
        now = clock()
        self.start = now - now % self.window
        self.left = self.start + self.window - now
        digest = hashlib.sha256(address.encode()).hexdigest()
        self.key = f"exports:{digest}:{int(self.start)}"

    def add(self):
        """0 if the address may have one more export now, else the seconds until it may."""
        cache.add(self.key, 0, timeout=self.window)
        try:
            count = cache.incr(self.key)
        except ValueError:  # gone since add(), or dummy://
            count = 1
        return 0 if count <= getattr(settings, "PORTFOLIO_EXPORT_RATE_LIMIT", 10) else self.left

    def take_back(self):
        with suppress(ValueError):
            cache.decr(self.key)


def _refuse(request, seconds, message):
    seconds = max(1, math.ceil(seconds))
    response = HttpResponse(
        f"{message} Please try again in {seconds} s.\n",
        status=429,
        content_type="text/plain; charset=utf-8",
        headers={"Retry-After": str(seconds)},
    )
    # At debug rather than as the warning Django logs for a 4xx: a flood of refusals would
    # fill the log, and the access log has them anyway.
    log_response(
        "Export refused: %s", request.path, response=response, request=request, level="debug"
    )
    return response


def _kept(request, response):
    """The path of the export's file for this data version and these filters, built unless
    it exists."""
    directory = _directory()
    name = request.path_info.strip("/").replace("/", "-")  # papers-export.bib
    version = _version_key(request)
    # Blank parameters filter nothing, as cached_page reads them.
    query = urlencode(sorted((key, value) for key, value in request.GET.items() if value))
    path = directory / f"{name}.{version}.{_digest(query)}"
    if path.exists():
        return path
    with _locked([directory / f"{name}.lock"]), _slot(directory):
        if not path.exists():  # else the request that held the lock has built it
            _build(response, path)
            _clean(directory, name, version)
    return path


def _version_key(request):
    state = getattr(request, "data_version", None) or DataVersion.current()
    # The rows' absolute URLs name the site.
    site = getattr(settings, "PORTFOLIO_SITE_URL", "") or request.build_absolute_uri("/")
    return f"v{state.version}-{_digest(f'{state.changed_at.timestamp():.6f} {site}')}"


def _build(response, path):
    with tempfile.NamedTemporaryFile(
        dir=path.parent, prefix=f".{path.name}.", delete_on_close=False
    ) as file:
        # As the view streams it: its rows come from the database a chunk at a time.
        for chunk in response.streaming_content:
            file.write(chunk)
        file.close()
        Path(file.name).replace(path)


def _clean(directory, name, version):
    """Delete the export's files of other versions, those past KEEP, and what a killed build
    left half written (the lock says that no other build is running)."""
    files = [path for path in directory.glob(f"{name}.*") if path.suffix != ".lock"]
    current = [path for path in files if path.name.startswith(f"{name}.{version}.")]
    current.sort(key=lambda path: path.stat().st_mtime, reverse=True)
    half_written = directory.glob(f".{name}.*")
    for path in [*(set(files) - set(current[:KEEP])), *half_written]:
        path.unlink(missing_ok=True)


def _read(path):
    """The file's bytes, opened only once the response is being sent, so that a response
    never sent holds no file. A build deletes a file only once KEEP newer ones or a newer
    version's are there: that takes far longer than from finding a file to opening it."""
    with path.open("rb") as file:
        yield from iter(lambda: file.read(BLOCK), b"")


def _directory():
    """The files and slots of this database's exports.

    Per database, which is what the files are built from. An in-memory database (the tests')
    belongs to its process alone, and so do its files.
    """
    base = getattr(settings, "PORTFOLIO_EXPORT_DIR", None) or settings.DATA_DIR / "exports"
    db = connection.settings_dict
    database = f"{connection.vendor} {db['HOST']} {db['PORT']} {db['NAME']}"
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        database += f" {os.getpid()}"
    directory = Path(base) / _digest(database)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _slot(directory):
    concurrency = getattr(settings, "PORTFOLIO_EXPORT_CONCURRENCY", 1)
    return _locked([directory / f"slot-{n}.lock" for n in range(concurrency)])


def _locked(paths):
    """The first of paths that no one else holds, open and locked until it is closed."""
    for path in paths:
        file = path.open("a")
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.close()
            continue
        return file
    raise Busy


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:12]
