"""A speaker named after a quotation speaks it, however the parser hung the quotation off the verb.

'"The fact that he tried ...," Huckabee said' is often parsed with the quoted
words as a ``dep`` or an adverbial clause of "said", not as its reported
clause, and '"Imagine ...," mused the host' puts the speaker after a verb that
is in no cue lexicon.  The closing mark (after a comma, question or
exclamation mark) says where the quotation ends; what the verb governs before
it is what the speaker said.  The sentences are written for these tests (the
class was read on PolNeAR train, slice 200:400).
"""

from __future__ import annotations

import pytest

from claimcheck.analysis.attribution_cues import CueIndex
from tests.core.claim_lookup import first_claim


def _cues(nlp, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    return [(doc[c.verb].text, " ".join(doc[i].text for i in c.source), " ".join(doc[i].text for i in sorted(c.content)))
            for c in CueIndex(doc).all()]


@pytest.mark.parametrize(
    "text,verb,source,content",
    [
        ('"The fact that he really tried to do something," Huckabee said.', "said", "Huckabee", "tried"),
        ('"Imagine a debate between the two of them on the same stage," mused the host.', "mused", "the host", "Imagine"),
        ('"We will win this seat back," the governor fumed on Monday.', "fumed", "the governor", "win this seat"),
        ('"Picture the two of them going at it on one stage," mused radio co-host Ann Lee.', "mused", "Lee", "two of them"),
    ],
)
def test_cue_after_a_closing_quotation_mark(nlp, text: str, verb: str, source: str, content: str) -> None:
    found = [c for c in _cues(nlp, text) if c[0] == verb]
    assert found and source in found[0][1] and content in found[0][2], _cues(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        'A self-described "geeky kid," Mr. Cruz changed his name as a teenager.',
        '"Hamilton," the musical, opened in 2015.',
        # "Will" read as an auxiliary leaves "urged" without a subject; what follows it is an act, not a speaker.
        'Citing the attack as a wake-up call for the "reveries of the electorate," Will urged the voters to abandon '
        'all outsider candidates.',
    ],
)
def test_a_quoted_phrase_makes_no_cue_of_the_verb_after_it(nlp, text: str) -> None:
    assert _cues(nlp, text) == []


def test_trailing_speaker_of_a_quotation_the_parser_misread(engine) -> None:
    text = ('The senator spoke to reporters on Monday.\n\n"He is sharp. He is articulate. The fact that he really '
            'tried to do something," Huckabee said. "You may not agree."')
    claim, _ = first_claim(engine, text, "He is sharp")
    assert claim.attribution is not None and claim.attribution.speaker == "Huckabee", claim.attribution


def test_speaker_described_at_length_after_the_verb_is_not_what_is_reported(engine) -> None:
    # The claim is mostly the speaker's description, which is the article's; the quotation is short.
    text = ('"It works," said Tom Reyes, a veteran county organiser who had backed the governor in two '
            'primaries and is slated to be a delegate to the state convention in July.')
    report = engine.check(text, published="2024-06-19", all=True)
    whole = [c for c in report.claims if "Tom Reyes" in c.text and "It works" in c.text]
    assert all(c.attribution is None or c.attribution.kind == "article" for c in whole), [(c.text, c.attribution) for c in whole]
