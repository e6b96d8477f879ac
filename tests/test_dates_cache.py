"""The date resolution cache holds a whole long document: its later passes (the entity
stage's reference day and dates, the event stage's) resolve no sentence again. A cache of
4,096 sentences was emptied by a longer document before the next pass."""

from __future__ import annotations

import datetime as dt

import pytest

from hadath.dates import resolver

DAY = dt.date(2015, 8, 1)


def sentences(count: int) -> list[str]:
    return [f"وقال المتحدث في بيانه رقم {n} أمس إن الاجتماع انعقد." for n in range(count)]


def test_a_second_pass_over_a_long_document_resolves_nothing_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    resolver._RESOLVED.clear()
    calls: list[str] = []
    resolve = resolver._resolve

    def counted(text: str, published: dt.date | None) -> tuple[resolver.DateMention, ...]:
        calls.append(text)
        return resolve(text, published)

    monkeypatch.setattr(resolver, "_resolve", counted)
    texts = sentences(6_000)
    first = [resolver.resolve_dates(t, DAY) for t in texts]
    assert len(calls) == len(texts)
    again = [resolver.resolve_dates(t, DAY) for t in texts]
    assert len(calls) == len(texts)
    assert again == first
    assert first[0] and first[0][0].iso == "2015-07-31"


def test_the_cache_is_bounded_by_the_characters_it_holds() -> None:
    cache = resolver._ResolutionCache(max_chars=100)
    for n in range(30):
        cache.put((f"{n:02d}" * 5, DAY), 10, ())
    assert cache.get(("00" * 5, DAY)) is None  # the oldest went first
    assert cache.get(("29" * 5, DAY)) == ()
    assert sum(len(text) for text, _ in cache._entries) <= 100
    cache.put(("x" * 101, DAY), 101, ())  # longer than the whole cache: not kept
    assert cache.get(("x" * 101, DAY)) is None
