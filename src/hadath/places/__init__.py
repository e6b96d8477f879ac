"""Places: an Arabic gazetteer (geonames, CLDR/ISO country names, our own YAML) and a matcher.

>>> from hadath.places import default_gazetteer
>>> default_gazetteer().lookup("القاهره")[0].country
'EG'
"""

from hadath.places.gazetteer import Gazetteer, RankingRules, default_gazetteer
from hadath.places.index import IndexOptions
from hadath.places.matcher import PlaceMatch, find_places

__all__ = [
    "Gazetteer",
    "IndexOptions",
    "PlaceMatch",
    "RankingRules",
    "default_gazetteer",
    "find_places",
]
