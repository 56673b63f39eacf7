from .article import Article, ArticleImage
from .category import Category
from .document import Document
from .identity import SiteIdentity

__all__ = ["Article", "ArticleImage", "Category", "Document", "SiteIdentity"]
