from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path("gioi-thieu/", views.overview, name="overview"),
    path("gioi-thieu/co-cau-to-chuc/", views.chart, name="chart"),
    path("gioi-thieu/lanh-dao/", views.leaders, name="leaders"),
    path("gioi-thieu/lien-he/", views.contacts, name="contacts"),
    path("tiep-can-thong-tin/", views.access, name="access"),
    # The minimal English section (issue 19): edited beside the Vietnamese, never translated
    # by machine.
    path("en/", views.en_overview, name="en-overview"),
    path("en/organisation/", views.en_chart, name="en-chart"),
    path("en/contacts/", views.en_contacts, name="en-contacts"),
]
