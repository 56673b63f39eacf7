"""S3-compatible media for several app servers: `pip install -e '.[s3]'`, then MEDIA_S3_BUCKET
(docs/scaling.md). Imported only when configured, so django-storages stays an optional extra."""

from storages.backends.s3 import S3Storage

from .storage import UnguessableNamesMixin


class S3MediaStorage(UnguessableNamesMixin, S3Storage):
    pass
