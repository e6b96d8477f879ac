"""hadath (حدث, "event"): Arabic-native political event data."""

from hadath.model import Document, Entity, Event, Sentence, Token

__all__ = ["Document", "Entity", "Event", "Sentence", "Token", "__version__"]

__version__ = "0.1.0"
