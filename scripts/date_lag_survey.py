"""How often a day word and the weekday after it ("أمس الجمعة", "اليوم السبت") disagree with
the archive's day in SaudiNewsNet: evidence for hadath.dates' MAX_ARCHIVE_LAG and for
reading an article's relative dates against the day it was written.

    python scripts/date_lag_survey.py [../shared/data/news/saudinewsnet]

Prints, for اليوم and أمس, how many days earlier than the day word (read against the
archive's `date_extracted`) the weekday names. Counts only; no text is printed.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import zipfile
from collections import Counter
from pathlib import Path

import regex

from hadath.text.normalise import matching_key

WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5}
WEEKDAYS["الاحد"] = 6
DAY_WORDS = {"اليوم": 0, "امس": -1, "الامس": -1}
PAIR = regex.compile(
    rf"(?<!\p{{L}})({'|'.join(DAY_WORDS)})\s*[,،]?\s*\(?\s*(?:يوم\s+)?({'|'.join(WEEKDAYS)})(?!\p{{L}})"
)


def survey(folder: Path) -> Counter[tuple[str, int]]:
    counts: Counter[tuple[str, int]] = Counter()
    for path in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                for record in json.loads(archive.read(name)):
                    published = dt.date.fromisoformat(str(record["date_extracted"])[:10])
                    text = matching_key(record.get("content") or "")
                    for match in PAIR.finditer(text):
                        day = published + dt.timedelta(days=DAY_WORDS[match[1]])
                        lag = (day.weekday() - WEEKDAYS[match[2]]) % 7
                        counts[(match[1], lag)] += 1
    return counts


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/news/saudinewsnet")
    counts = survey(folder)
    total = sum(counts.values())
    print(f"{total} day word + weekday pairs")
    for lag in range(7):
        row = {word: counts[(word, lag)] for word in DAY_WORDS}
        print(f"weekday {lag} day(s) earlier: {sum(row.values()):5d}  {row}")


if __name__ == "__main__":
    main()
