from django import template

from ..linking import link_references

register = template.Library()


@register.filter
def link_documents(body_html, article):
    """`{{ parts.0|link_documents:article }}`: the body with its document references linked."""
    return link_references(body_html, article)
