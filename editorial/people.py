"""How a person is named: Vietnamese order, family and middle names first ("Nguyễn Thị Lan").

Django's User keeps the family and middle names in `last_name` ("Nguyễn Thị") and the given name
in `first_name` ("Lan"); its get_full_name() prints "Lan Nguyễn Thị". EditorialConfig.ready()
puts full_name() in its place, so that Django's own pages (history), django-reversion and ours
all print the Vietnamese order, and makes a user print as display_name() (a workflow step's
"người thực hiện", a photo's uploader, the audit log, list filters); get_short_name() stays
the given name ("Xin chào, Lan").
"""


def full_name(user):
    """ "Nguyễn Thị Lan", or "" when neither name is filled in."""
    return " ".join(part for part in (user.last_name.strip(), user.first_name.strip()) if part)


def display_name(user):
    """The full name, or the user name of an account that has none; "—" for nobody."""
    if user is None:
        return "—"
    return full_name(user) or user.get_username()
