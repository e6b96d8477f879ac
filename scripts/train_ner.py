"""Train the NER model: `python scripts/train_ner.py --anercorp PATH --out PATH [--grid]`.

The same as `python -m hadath.ner.train`; see that module and docs/ner.md.
"""

from __future__ import annotations

from hadath.ner.train import main

if __name__ == "__main__":
    main()
