from django.urls import path

from pagecache.conditional import revalidated

from . import feeds, views

# Feed readers poll: ETag/Last-Modified let them ask "changed?" and get a 304 (5 minutes fresh).
FEED_SECONDS = 300

app_name = "news"

urlpatterns = [
    path("", views.home, name="home"),
    path("chuyen-muc/<slug:slug>/", views.category_detail, name="category"),
    path("tin-tuc/<slug:slug>/", views.article_detail, name="article"),
    path("rss/", revalidated(feeds.LatestArticlesFeed(), max_age=FEED_SECONDS), name="feed"),
    path(
        "rss/<slug:slug>/",
        revalidated(feeds.CategoryFeed(), max_age=FEED_SECONDS),
        name="category-feed",
    ),
]
