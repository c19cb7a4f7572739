from django.apps import AppConfig
from django.db.models.signals import post_save


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from .governance import on_article_index_created
        from .models import ArticleIndexPage

        post_save.connect(on_article_index_created, sender=ArticleIndexPage)
