"""What the login lock keeps, and for how long: the least it needs (the privacy page says so).

django-axes stores, by default, every successful login (address, browser, times) with no end, and
each failed one with the browser and the form's data; its log lines carry the address and the
browser. The lock needs the user name and the address of the failures, until the lock ends:
that is all this keeps. nginx's access log holds the addresses (under its own rotation, shared
with these lines by the request id) for whoever investigates an attack.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone


class MinimalAxesHandler(AxesDatabaseHandler):
    """axes' database handler, keeping no browser, no Accept header and no form data."""

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None:
            request.axes_user_agent = ""
            request.axes_http_accept = ""
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        # The form's fields (the user name again, the CSRF token) and the query: not needed.
        AccessAttempt.objects.exclude(get_data="", post_data="").update(get_data="", post_data="")


def client_str(username, ip_address, user_agent, path_info, request):
    """axes' log lines (AXES_CLIENT_STR_CALLABLE): the user name and the page, no address or
    browser; the line's request id finds the address in nginx's log when it is needed."""
    return f'{{username: "{username}", path_info: "{path_info}"}}'


def prune(now=None):
    """Deletes the failures whose lock is over and any login record axes kept before these
    settings (successful logins, failure logs). Returns how many rows went."""
    threshold = (now or timezone.now()) - settings.AXES_COOLOFF_TIME
    deleted = AccessAttempt.objects.filter(attempt_time__lte=threshold).delete()[0]
    deleted += AccessLog.objects.all().delete()[0]
    deleted += AccessFailureLog.objects.all().delete()[0]
    return deleted
