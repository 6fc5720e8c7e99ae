"""attunement: typed, pure building blocks for relationship-wellness apps."""

from ._checkins import CheckIn, Visibility, partner_view
from ._differentiation import Subscale
from ._errors import ValidationError
from ._people import Couple, Partner
from ._safety import SafetyConcern
from ._serialization import from_json, structure, to_json, unstructure
from ._signs import LifeEvent, Sign, SignCategory

__all__ = [
    "CheckIn",
    "Couple",
    "LifeEvent",
    "Partner",
    "SafetyConcern",
    "Sign",
    "SignCategory",
    "Subscale",
    "ValidationError",
    "Visibility",
    "from_json",
    "partner_view",
    "structure",
    "to_json",
    "unstructure",
]
