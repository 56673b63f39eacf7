"""One process of tests/test_visitor_processes.py's burst: `python -m tests.burst GO_FILE TAG N`.

Builds its own VisitorCounter (as each gunicorn worker has its own), says "ready", waits for
GO_FILE, then counts, as fast as it can, N page views of the keys every process shares
("shared-0", "shared-1", ...) interleaved with N of keys of its own ("TAG-0", ...). It writes
its buffer before it ends and prints how many visits it saw start.
"""

import os
import sys
import time
from datetime import UTC, datetime


def main(go_file, tag, n):
    import django

    django.setup()
    from visitors.counter import VisitorCounter

    counter = VisitorCounter()
    moment = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)  # 10:00 in Châu Thành
    print("ready", flush=True)
    while not os.path.exists(go_file):
        time.sleep(0.005)
    started = 0
    for i in range(n):
        started += counter.record_page_view(f"shared-{i}", moment)
        started += counter.record_page_view(f"{tag}-{i}", moment)
    counter.flush()
    print(started, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
