"""What search keeps of a procedure."""

from core.text import plain_text
from search.registry import Entry


def procedure_entry(procedure):
    return Entry(
        title=procedure.name,
        text=plain_text(" ".join(filter(None, [
            procedure.code, procedure.field, procedure.agency, procedure.result,
        ]))),
        url=procedure.get_absolute_url(),
        public=procedure.is_active,
        date=procedure.updated_at,
    )  # fmt: skip
