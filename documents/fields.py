from django.db import models


class CitedDocumentsField(models.ManyToManyField):
    """Article.documents: a plain many-to-many whose admin form remembers the editor's choices.

    Saving the form does not overwrite the links with the submitted list (which would drop
    links the recogniser made while the form was open, and forget why a link is there): it
    records what the editor added and removed (documents.CitationChoice), so that those
    choices survive later saves. See documents/citations.py.

    It deconstructs as Django's ManyToManyField: the database and migrations do not change.
    """

    def save_form_data(self, instance, data):
        from .citations import record_editor_choices

        record_editor_choices(instance, data)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ManyToManyField", args, kwargs
