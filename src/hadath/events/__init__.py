"""Event coding: trigger patterns and (later) the coder that applies them."""
