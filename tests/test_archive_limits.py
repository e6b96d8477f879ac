"""Archives are held to limits on what they unpack to, text members included; a refusal is
a counted skip with its reason, decided before anything large is decompressed."""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

import pytest

from hadath.ingest import IngestOptions, IngestReport, read_inputs
from hadath.ingest import archive as archive_module
from hadath.ingest.archive import ArchiveBudget, ArchiveLimitError, LimitedStream

LINE = "وقال المتحدث باسم الحكومة إن الوفد وصل إلى العاصمة أمس لبحث الاتفاق.\n"


def read(path: Path, options: IngestOptions | None = None) -> tuple[list, IngestReport]:
    report = IngestReport()
    return list(read_inputs([path], options, report)), report


def _bomb(path: Path, megabytes: int, name: str = "dump.txt") -> Path:
    block = (LINE * 1000).encode("utf-8")
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open(name, "w", force_zip64=True) as member,
    ):
        for _ in range(megabytes * 1_000_000 // len(block)):
            member.write(block)
    return path


def test_a_text_member_that_unpacks_hugely_is_refused_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _bomb(tmp_path / "bomb.zip", 200)
    assert path.stat().st_size < 2_000_000  # 200 MB of text in under 2 MB

    def no_decompression(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a member was opened")

    # refused from the archive's directory, before anything is decompressed (reading the
    # member used to take minutes and gigabytes; bench figures in docs/store.md)
    monkeypatch.setattr(zipfile.ZipFile, "open", no_decompression)
    docs, report = read(path)
    assert docs == []
    assert report.skipped == {"zip archive compressed more than 100:1": 1}


def test_each_member_is_checked_on_its_own(tmp_path: Path) -> None:
    path = tmp_path / "mixed.zip"
    article = json.dumps([{"id": "ok", "content": LINE}], ensure_ascii=False)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("good.json", article)
        archive.writestr("bomb.txt", LINE * 40_000)  # 5.2 MB that deflate packs over 100:1
        # incompressible bytes keep the archive as a whole under the ratio
        archive.writestr("filler.bin", random.Random(0).randbytes(200_000))
    assert path.stat().st_size * 100 > sum(m.file_size for m in zipfile.ZipFile(path).infolist())
    docs, report = read(path)
    assert [d.id for d in docs] == ["ok"]
    assert report.skipped == {
        "zip member compressed more than 100:1": 1,
        "unsupported zip member type .bin": 1,
    }


def test_member_and_archive_size_caps(tmp_path: Path) -> None:
    path = tmp_path / "two.zip"
    with zipfile.ZipFile(path, "w") as archive:  # stored: ratio 1
        archive.writestr("a.txt", LINE * 100)
        archive.writestr("b.txt", LINE * 100)
    size = len((LINE * 100).encode("utf-8"))
    docs, report = read(path, IngestOptions(max_member_bytes=size - 1))
    assert docs == [] and report.skipped == {f"zip member unpacks to more than {size - 1} bytes": 2}
    docs, report = read(path, IngestOptions(max_archive_bytes=2 * size - 1))
    assert docs == [] and report.skipped == {
        f"zip archive unpacks to more than {2 * size - 1} bytes": 1
    }
    docs, report = read(path, IngestOptions(max_archive_bytes=2 * size))
    assert len(docs) == 2 and report.skipped_total == 0


def test_a_member_that_lies_about_its_size_is_stopped_while_read() -> None:
    options = IngestOptions(max_member_bytes=1000, ratio_check_bytes=10**9)
    stream = LimitedStream(io.BytesIO(b"x" * 5000), 5000, ArchiveBudget(10**9), options)
    with pytest.raises(ArchiveLimitError, match="more than 1000 bytes"):
        while stream.read(300):
            pass
    budget = ArchiveBudget(700)
    stream = LimitedStream(io.BytesIO(b"y" * 5000), 5000, budget, IngestOptions())
    with pytest.raises(ArchiveLimitError, match="zip archive unpacks"):
        stream.read()
    ratio = IngestOptions(ratio_check_bytes=100, max_compression_ratio=10)
    stream = LimitedStream(io.BytesIO(b"z" * 5000), 20, ArchiveBudget(10**9), ratio)
    with pytest.raises(ArchiveLimitError, match="compressed more than 10:1"):
        stream.read(1000)


def test_a_member_cut_off_while_read_keeps_what_came_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "long.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("long.txt", LINE * 2000)  # 262 kB, 20 kB chunks
    # as if the directory had lied: it passes, and the stream stops at the 100 kB budget
    monkeypatch.setattr(archive_module, "_archive_refusal", lambda *_args: None)
    monkeypatch.setattr(archive_module, "_member_refusal", lambda *_args: None)
    options = IngestOptions(
        max_document_chars=20_000, read_block_bytes=4096, max_archive_bytes=100_000
    )
    docs, report = read(path, options)
    assert 1 <= len(docs) <= 3  # the chunks read before the cut, each whole
    assert all(len(d.raw_text) <= 20_000 for d in docs)
    assert report.skipped == {"zip archive unpacks to more than 100000 bytes": 1}


def test_a_legitimate_archive_of_articles_reads_whole(tmp_path: Path) -> None:
    path = tmp_path / "days.zip"
    records = [{"id": f"a{i}", "content": LINE * (3 + i % 5) + str(i)} for i in range(3000)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for day in range(3):
            archive.writestr(f"day{day}.json", json.dumps(records[day::3], ensure_ascii=False))
    docs, report = read(path)
    assert len(docs) == 3000 and report.skipped_total == 0
