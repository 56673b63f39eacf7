from .article import Article, ArticleImage
from .category import Category
from .identity import SiteIdentity

__all__ = ["Article", "ArticleImage", "Category", "SiteIdentity"]
