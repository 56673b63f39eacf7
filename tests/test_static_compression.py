"""collectstatic's compressed copies (.br with the brotli package, .gz): made once, remade only
when their file changed (operations/staticfiles.py)."""

import gzip

import brotli

from operations.staticfiles import IncrementalCompressor


def test_compressed_copies_are_made_once_and_remade_when_their_file_changes(tmp_path, monkeypatch):
    made = []
    monkeypatch.setattr(IncrementalCompressor, "compress_brotli", staticmethod(
        lambda data: made.append(data) or brotli.compress(data)))  # fmt: skip
    source = tmp_path / "site.css"
    source.write_text("body { color: #a40e0e; }\n" * 200)
    compressor = IncrementalCompressor(quiet=True)

    first = compressor.compress(str(source))
    assert sorted(first) == [f"{source}.br", f"{source}.gz"] and len(made) == 1
    assert compressor.compress(str(source)) == first and len(made) == 1  # kept, not remade

    source.write_text("main { margin: 0 auto; }\n" * 200)  # a new version, same name
    assert sorted(compressor.compress(str(source))) == sorted(first) and len(made) == 2
    data = source.read_bytes()
    assert brotli.decompress((tmp_path / "site.css.br").read_bytes()) == data
    assert gzip.decompress((tmp_path / "site.css.gz").read_bytes()) == data

    (tmp_path / "site.css.gz").write_bytes(gzip.compress(b"stale"))  # one copy out of date
    compressor.compress(str(source))
    assert len(made) == 3 and gzip.decompress((tmp_path / "site.css.gz").read_bytes()) == data
