from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.home, name="home"),
    path("chuyen-muc/<slug:slug>/", views.category_detail, name="category"),
    path("tin-tuc/<slug:slug>/", views.article_detail, name="article"),
    path("rss/", feeds.LatestArticlesFeed(), name="feed"),
    path("rss/<slug:slug>/", feeds.CategoryFeed(), name="category-feed"),
]
