import logging
import mimetypes
import re
import sys
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.static import serve

from .cache import breaker_open
from .storage import InsufficientStorage

logger = logging.getLogger(__name__)

# Media shown in the page; anything else (PDF, Word, ...) is downloaded, never rendered here.
# Videos and their subtitles (gallery/) play in the page's <video>.
INLINE_MEDIA_TYPES = {
    "image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "video/webm", "text/vtt",
}  # fmt: skip
# One range, "bytes=first-last", "bytes=first-" or "bytes=-suffix" (RFC 9110, 14.1.2).
SINGLE_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
# The migration graph is read from disk: checked once a minute per process, not per probe.
MIGRATIONS_CHECK_SECONDS = 60
_migrations_ok_until = 0.0


def migrations_applied():
    global _migrations_ok_until
    if time.monotonic() < _migrations_ok_until:
        return True
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not pending:
        _migrations_ok_until = time.monotonic() + MIGRATIONS_CHECK_SECONDS
    return not pending


@never_cache
def healthz(request):
    """For the load balancer: 200 when the database answers and every migration is applied.

    The cache is reported but does not fail the check: without Redis the site is slower, not
    down ("status": "degraded", still 200).
    """
    checks = {"database": database_status()}
    if checks["database"] == "ok":
        try:
            checks["migrations"] = "ok" if migrations_applied() else "pending"
        except DatabaseError:
            logger.exception("Health check: migrations unreadable")
            checks["database"] = "unreachable"
    checks["cache"] = cache_status()
    healthy = checks["database"] == "ok" and checks.get("migrations") == "ok"
    status = "ok" if checks["cache"] == "ok" else "degraded"
    return JsonResponse(
        {"status": status if healthy else "fail", **checks}, status=200 if healthy else 503
    )


def database_status():
    """ "ok" when the database answers with its tables, on every probe (cheap: one row).

    A bare SELECT 1 is not enough on SQLite: when its file vanishes, the next connection creates
    an empty one, which answers SELECT 1 while every page fails. So the file must exist (checked
    before connecting, which would create it) and hold the migrations table.
    """
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        name = str(settings_dict["NAME"])
        if not name.startswith("file:") and not Path(name).is_file():
            logger.error("Health check: the SQLite database file %s is missing", name)
            return "missing"
    try:
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(MigrationRecorder.Migration._meta.db_table)
            cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")  # noqa: S608 (a model's table)
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return "unreachable"
    return "ok"


def cache_status():
    """Writes and reads back a value: with Redis down (IGNORE_EXCEPTIONS) the read misses.
    While this process skips a Redis that stopped answering (operations.cache), it says so."""
    if breaker_open(cache):
        return "skipped"
    token = uuid.uuid4().hex
    cache.set("healthz:probe", token, 10)
    return "ok" if cache.get("healthz:probe") == token else "unavailable"


def server_error(request):
    """handler500: a Vietnamese page with the request id to quote; 503 when the database is
    down, 507 when the disk is full. Renders without the database (no context processors)."""
    exc = sys.exc_info()[1]
    request_id = getattr(request, "request_id", "-")
    if isinstance(exc, DatabaseError):
        template, status = "503.html", 503
    elif isinstance(exc, InsufficientStorage):
        template, status = "507.html", 507
    else:
        template, status = "500.html", 500
    body = loader.get_template(template).render({"request_id": request_id})
    response = HttpResponse(body, status=status)
    if status == 503:
        response["Retry-After"] = "60"
    return response


def serve_media(request, path):
    """/media/ where no nginx stands in front (make run, tests), with nginx's rules:
    images shown, every other file downloaded; nothing uploaded runs as a page."""
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except (SuspiciousFileOperation, OSError, ValueError) as exc:
        # "../" out of MEDIA_ROOT, a name too long for the file system, a NUL byte: not there.
        raise Http404("Không có tệp này.") from exc
    content_type = mimetypes.guess_type(path)[0]
    if content_type == "text/vtt":
        response["Content-Type"] = "text/vtt; charset=utf-8"  # gallery's check: UTF-8 only
    if response.status_code == 200:
        response = ranged(request, response)
    if content_type not in INLINE_MEDIA_TYPES:
        response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def ranged(request, response):
    """A 206 with the one byte range asked for, as nginx answers in production, so that a video
    seeks in development too (Django's static serve ignores Range). Several ranges, or an
    If-Range naming another version of the file, get the whole file (200), which RFC 9110
    allows; a range past the end gets 416."""
    response["Accept-Ranges"] = "bytes"
    header = request.headers.get("Range", "")
    match = SINGLE_RANGE.fullmatch(header.replace(" ", ""))
    if_range = request.headers.get("If-Range")
    if request.method != "GET" or not match or match.groups() == ("", ""):
        return response
    if if_range is not None and if_range != response.get("Last-Modified"):
        return response
    size = int(response["Content-Length"])
    first, last = match.groups()
    if first and last and int(last) < int(first):
        return response  # not a valid range: ignored, as the RFC says
    if first:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    else:  # the last `suffix` bytes
        start, end = max(size - int(last), 0), size - 1
    if start >= size or end < start:  # past the end, or "bytes=-0"
        response.close()
        unsatisfiable = HttpResponse(status=416)
        unsatisfiable["Content-Range"] = f"bytes */{size}"
        return unsatisfiable
    partial = StreamingHttpResponse(
        _chunks(response.file_to_stream, start, end - start + 1),
        status=206, content_type=response["Content-Type"],
    )  # fmt: skip
    for name in ("Last-Modified", "Accept-Ranges"):
        partial[name] = response[name]
    partial["Content-Length"] = str(end - start + 1)
    partial["Content-Range"] = f"bytes {start}-{end}/{size}"
    return partial


def _chunks(file, start, length, chunk_size=64 * 1024):
    """`length` bytes of the open `file` from `start`, a chunk at a time (a video never sits
    whole in memory); the file is closed at the end."""
    try:
        file.seek(start)
        while length > 0:
            data = file.read(min(chunk_size, length))
            if not data:
                break
            length -= len(data)
            yield data
    finally:
        file.close()


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: Django's own page is English; this one says what to do (a form left
    open past the session, or cookies blocked). Renders without the database."""
    body = loader.get_template("403_csrf.html").render(
        {"request_id": getattr(request, "request_id", "-")}
    )
    return HttpResponse(body, status=403)
