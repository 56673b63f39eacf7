"""What the content apps share and nothing else: Vietnamese text (folding, words, slugs, plain
text of HTML), the publication rule, and pagination. It imports no app of the portal, so every
app may import it without making a circle.
"""
