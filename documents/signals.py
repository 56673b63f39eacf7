from django.dispatch import Signal

# Sent by documents.services inside the transaction that changed the library, once the links of
# the articles citing the changed symbols have moved, with `article_ids`: those articles. Their
# stored bodies link references to documents, so whoever renders them renders them again
# (news.services, connected in news.apps). A signal, so that the library never imports news.
citing_articles_changed = Signal()
