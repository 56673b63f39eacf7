"""Calls released at the same moment from many threads (each with its own database connection)."""

import threading

from django.db import connections


def at_once(n, call):
    """call(i) for i < n, from n threads released together: their results, or the exception
    each raised."""
    barrier = threading.Barrier(n)
    results = [None] * n

    def worker(i):
        try:
            barrier.wait(timeout=30)
            results[i] = call(i)
        except Exception as exc:  # returned to the test, which shows it
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results
