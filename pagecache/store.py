"""An in-process LRU of rendered pages, bounded in entries and bytes.

In-process on purpose: measured here, a local cache serves about twice what a Redis page cache
does (docs/benchmarks.md). It holds nothing another process needs: every entry is keyed by the
shared content version, so a stale entry is simply never asked for again and ages out.
"""

import threading
import time
from collections import OrderedDict


class PageStore:
    def __init__(self, max_entries, max_bytes):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._items = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if item[0] < time.monotonic():
                self._drop(key)
                return None
            self._items.move_to_end(key)
            return item[1]

    def set(self, key, value, seconds):
        size = len(value[0])
        if size > self.max_bytes:
            return
        with self._lock:
            if key in self._items:
                self._drop(key)
            self._items[key] = (time.monotonic() + seconds, value, size)
            self._bytes += size
            while len(self._items) > self.max_entries or self._bytes > self.max_bytes:
                self._drop(next(iter(self._items)))

    def clear(self):
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def __len__(self):
        return len(self._items)

    def _drop(self, key):
        self._bytes -= self._items.pop(key)[2]
