from django.apps import AppConfig


class VisitorsConfig(AppConfig):
    name = "visitors"
    verbose_name = "Thống kê truy cập"

    def ready(self):
        self.counter = None
        self.reset()

    def reset(self, clock=None):
        """A fresh counter for this process: empty buffer, no remembered visits, no cached
        numbers. The old one's thread (if any) writes its buffer a last time and ends."""
        from .counter import VisitorCounter

        if self.counter is not None:
            self.counter.close()
        self.counter = VisitorCounter(clock=clock)
        return self.counter
