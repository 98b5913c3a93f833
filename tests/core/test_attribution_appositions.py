"""A speaker written as a common noun with a person's name in apposition ("One official, John
Harris, criticized ...") is that person, not an unnamed official; a name with its description
after it ("Tom Rath, a veteran party leader, said ...") stays the name.

The sentences are written for these tests; the class was read on PolNeAR train 700:840.
"""

from __future__ import annotations

from tests.core.claim_lookup import first_claim


def test_role_with_a_name_is_the_name(engine) -> None:
    claim, _ = first_claim(engine, "One official, John Harris, criticized the ruling, calling it a blow to the "
                           "farmers of the region.", "ruling")
    assert claim.attribution.speaker == "John Harris", claim.attribution
    assert claim.attribution.kind == "person"


def test_name_with_a_description_is_the_name(engine) -> None:
    claim, _ = first_claim(engine, "Tom Rath, a veteran party leader who had endorsed Jeb Bush, said the primary "
                           "would be decided in the last week.", "primary")
    assert claim.attribution.speaker == "Tom Rath", claim.attribution
