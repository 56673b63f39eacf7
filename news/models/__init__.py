from .article import Article, ArticleImage
from .attachment import ArticleAttachment
from .category import Category

__all__ = ["Article", "ArticleAttachment", "ArticleImage", "Category"]
