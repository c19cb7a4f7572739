from django.urls import path

from . import feeds

app_name = "articles"
urlpatterns = [
    path("feeds/articles/rss/", feeds.LatestArticlesFeed(), name="feed_rss"),
    path("feeds/articles/atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
]
