"""Structured logs: one JSON object a line, each carrying the id of the request it belongs to."""

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

# Set by operations.middleware.RequestIdMiddleware for the time of one request.
current_request_id = ContextVar("request_id", default="-")

# The attributes every LogRecord has; anything else was passed through `extra=`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", current_request_id.get()),
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class ClientFault(logging.Filter):
    """For Django's security loggers: a request a client got wrong (a Host header not ours) is
    one warning line, not an error with a traceback of Django's own code."""

    def filter(self, record):
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        return True
