from django.urls import path

from . import feeds, views

app_name = "articles"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("feeds/articles/rss/", feeds.LatestArticlesFeed(), name="feed_rss"),
    path("feeds/articles/atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
]
