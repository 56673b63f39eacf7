"""The library's migration keeps what a live site already holds."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("documents", "0001_initial"), ("news", "0001_initial")]
AFTER = [("documents", "0002_library")]


@pytest.mark.django_db(transaction=True)
def test_migration_keeps_existing_links_and_indexes_existing_articles():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Category = old.get_model("news", "Category")
    Article = old.get_model("news", "Article")
    Document = old.get_model("documents", "Document")
    category = Category.objects.create(name="Tin tức", slug="tin-tuc")
    document = Document.objects.create(
        symbol="35-NQ/TW", symbol_key="35-NQ/TW", doc_type="nghi-quyet",
        issuing_body="Bộ Chính trị", slug="35-nq-tw",
    )  # fmt: skip
    linked_by_hand = Document.objects.create(
        symbol="7-KH/TU", symbol_key="7-KH/TU", doc_type="ke-hoach",
        issuing_body="Tỉnh ủy", slug="7-kh-tu",
    )  # fmt: skip
    article = Article.objects.create(
        title="Bài cũ", slug="bai-cu", category=category,
        body="<p>Theo Nghị quyết số 35-NQ/TW và Chỉ thị 05-CT/TU.</p>",
    )  # fmt: skip
    article.documents.add(document, linked_by_hand)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Document = new.get_model("documents", "Document")
    Mention = new.get_model("documents", "Mention")
    Article = new.get_model("news", "Article")
    links = set(Article.objects.get(pk=article.pk).documents.values_list("symbol", flat=True))
    assert links == {"35-NQ/TW", "7-KH/TU"}
    assert Document.objects.get(pk=document.pk).symbol_lookup == "35 NQ TW"
    assert Document.objects.get(pk=document.pk).kind == "party"
    assert set(Mention.objects.values_list("symbol_key", flat=True)) == {"35-NQ/TW", "05-CT/TU"}

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # leave the database as it was
