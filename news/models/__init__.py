from .article import Article, ArticleImage
from .category import Category

__all__ = ["Article", "ArticleImage", "Category"]
