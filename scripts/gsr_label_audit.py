"""How consistent are the arabic_event_gsr detection labels on the clearest reports?

The ASSAULT set labels a sentence "yes" only when every annotator accepted it. This audit
picks the sentences that read most plainly as a fresh casualty report — a killing or wounding
word, "أمس" (yesterday) and a number, in either order — and counts their labels. If even
these are often "no", no coder reading the text alone can reach high precision on the set,
and the ceiling is in the labels, not in the coder.

    python scripts/gsr_label_audit.py [--shared ../shared]

Reads ../shared/data/events/arabic_event_gsr/assault_gsr.dev.csv (evaluation use only: the
script prints counts, never the text).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

CASUALTY = r"(?:و?قتل|مقتل|لقي|لقوا|قتلوا|أصيب|اصيب|وأصيب|واصيب)"
YESTERDAY = r"(?:امس|أمس)"
CLEAR_REPORT = re.compile(
    rf"(?<!\w){CASUALTY}(?!\w).*(?<!\w){YESTERDAY}(?!\w)"
    rf"|(?<!\w){YESTERDAY}(?!\w).*(?<!\w){CASUALTY}(?!\w)"
)
NUMBER = re.compile(r"\d|ثلاثة|اربعة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة|عشرات")


def audit(path: Path) -> tuple[Counter[str], Counter[str]]:
    """(labels of the clear casualty reports, labels of all rows)."""
    clear: Counter[str] = Counter()
    every: Counter[str] = Counter()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            text, label = row.get("text") or "", (row.get("label") or "").strip()
            every[label] += 1
            if CLEAR_REPORT.search(text) and NUMBER.search(text):
                clear[label] += 1
    return clear, every


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = Path(__file__).resolve().parents[2] / "shared"
    parser.add_argument("--shared", type=Path, default=default)
    args = parser.parse_args()
    path = args.shared / "data/events/arabic_event_gsr/assault_gsr.dev.csv"
    if not path.exists():
        print(f"not found: {path}", file=sys.stderr)
        return 2
    clear, every = audit(path)
    scored = sum(n for label, n in clear.items() if label != "ambiguous")
    print(f"{'label':<14}{'clear reports':>14}{'all rows':>10}")
    for label in ("yes", "difficult no", "easy no", "ambiguous"):
        print(f"{label:<14}{clear[label]:>14}{every[label]:>10}")
    if scored:
        print(f"share labelled yes among scored clear reports: {clear['yes'] / scored:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
