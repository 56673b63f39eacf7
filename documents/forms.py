from django import forms
from django.db.models import F
from django.db.models.functions import ExtractYear

from .models import Document, Sector

SORTS = {
    "moi-nhat": ("Mới ban hành trước", [F("issued_on").desc(nulls_last=True), "-id"]),
    "cu-nhat": ("Cũ trước", [F("issued_on").asc(nulls_last=True), "id"]),
    "so-ky-hieu": ("Theo số ký hiệu", ["symbol_lookup", "id"]),
}


def filter_options(library):
    """The choices the filters offer, from what the site's library holds (two queries)."""
    pairs = library.order_by().values_list("issuing_body", ExtractYear("issued_on"))
    bodies, years = set(), set()
    for body, year in pairs.distinct():
        bodies.add(body)
        if year:
            years.add(year)
    return {
        "bodies": sorted(bodies),
        "years": sorted(years, reverse=True),
        "sectors": list(Sector.objects.values_list("slug", "name")),
    }


class DocumentFilterForm(forms.Form):
    """The library's filters, read from the query string. Invalid values are reported and
    ignored; the valid ones still apply."""

    so = forms.CharField(label="Số ký hiệu", max_length=60, required=False)
    loai = forms.ChoiceField(label="Loại văn bản", required=False)
    co_quan = forms.ChoiceField(label="Cơ quan ban hành", required=False)
    nam = forms.TypedChoiceField(label="Năm ban hành", coerce=int, required=False)
    linh_vuc = forms.ChoiceField(label="Lĩnh vực", required=False)
    hieu_luc = forms.ChoiceField(label="Tình trạng", required=False)
    sap_xep = forms.ChoiceField(label="Sắp xếp", required=False)

    def __init__(self, data, options):
        super().__init__(data)
        everything = [("", "Tất cả")]
        self.fields["loai"].choices = everything + list(Document.Type.choices)
        self.fields["co_quan"].choices = everything + [(b, b) for b in options["bodies"]]
        self.fields["nam"].choices = everything + [(str(y), str(y)) for y in options["years"]]
        self.fields["linh_vuc"].choices = everything + options["sectors"]
        self.fields["hieu_luc"].choices = everything + list(Document.Status.choices)
        self.fields["sap_xep"].choices = [(key, label) for key, (label, _) in SORTS.items()]

    def filter(self, documents):
        self.is_valid()  # fills errors and the cleaned values of the valid fields
        data = getattr(self, "cleaned_data", {})
        if data.get("so"):
            documents = documents.with_symbol(data["so"])
        lookups = {
            "doc_type": data.get("loai"),
            "issuing_body": data.get("co_quan"),
            "issued_on__year": data.get("nam"),
            "sector__slug": data.get("linh_vuc"),
            "status": data.get("hieu_luc"),
        }
        documents = documents.filter(**{k: v for k, v in lookups.items() if v})
        return documents.order_by(*SORTS[data.get("sap_xep") or "moi-nhat"][1])

    @property
    def is_filtered(self):
        data = getattr(self, "cleaned_data", {})
        return any(v for k, v in data.items() if k != "sap_xep")
