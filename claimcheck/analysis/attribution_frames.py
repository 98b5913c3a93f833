"""Attribution cue frames mined from PolNeAR train (generated: train/mine_attribution_cues.py).

A frame is a verb lemma and the complement it takes (``frame_of``: "decline to",
"call prep:for", "criticize obj").  Each was marked a cue, with its grammatical subject
as the source, often enough and in a large enough share of its uses (min_count=5,
min_precision=0.6, chosen by 5-fold cross-validation over 728 train articles as
the setting within 5% of the best net gain that takes the fewest non-cues: 1474 held-out cues
gained against 668 non-cues taken).  Only the frames are shipped; PolNeAR
(Newell, Margolin and Ruths, LREC 2018) is a research corpus.
"""

from __future__ import annotations

#: Reporting acts beyond clause-taking cue verbs: "X declined to say", "X called for".
MINED_CUE_FRAMES = frozenset({
    "accuse obj",  # cue 56 of 79 uses
    "acknowledge obj",  # cue 12 of 18 uses
    "add none",  # cue 15 of 22 uses
    "announce obj",  # cue 38 of 54 uses
    "apologize prep:for",  # cue 6 of 10 uses
    "applaud obj",  # cue 9 of 12 uses
    "argue none",  # cue 6 of 10 uses
    "ask none",  # cue 17 of 26 uses
    "blame obj",  # cue 25 of 36 uses
    "blast obj",  # cue 22 of 23 uses
    "call prep:for",  # cue 39 of 56 uses
    "call to",  # cue 36 of 51 uses
    "characterize obj",  # cue 6 of 9 uses
    "cite obj",  # cue 57 of 66 uses
    "comment prep:on",  # cue 13 of 21 uses
    "credit obj",  # cue 7 of 7 uses
    "criticize obj",  # cue 49 of 72 uses
    "decline to",  # cue 46 of 62 uses
    "decry obj",  # cue 9 of 10 uses
    "denounce obj",  # cue 11 of 18 uses
    "describe obj",  # cue 56 of 75 uses
    "disclose obj",  # cue 6 of 10 uses
    "discuss clause",  # cue 6 of 9 uses
    "dismiss obj",  # cue 19 of 26 uses
    "explain none",  # cue 8 of 10 uses
    "express obj",  # cue 47 of 60 uses
    "hail obj",  # cue 5 of 6 uses
    "joke clause",  # cue 7 of 7 uses
    "lament obj",  # cue 6 of 7 uses
    "learn clause",  # cue 12 of 20 uses
    "list obj",  # cue 8 of 11 uses
    "mention obj",  # cue 30 of 43 uses
    "mock obj",  # cue 18 of 22 uses
    "note none",  # cue 20 of 23 uses
    "note obj",  # cue 15 of 19 uses
    "offer clause",  # cue 5 of 6 uses
    "offer to",  # cue 6 of 10 uses
    "order obj",  # cue 6 of 8 uses
    "order to",  # cue 7 of 9 uses
    "point none",  # cue 6 of 7 uses
    "point obj",  # cue 6 of 10 uses
    "portray obj",  # cue 10 of 16 uses
    "praise obj",  # cue 29 of 41 uses
    "promise to",  # cue 29 of 40 uses
    "rail prep:against",  # cue 6 of 8 uses
    "read clause",  # cue 8 of 13 uses
    "recall obj",  # cue 20 of 29 uses
    "refer prep:to",  # cue 42 of 68 uses
    "reference obj",  # cue 10 of 13 uses
    "refuse to",  # cue 39 of 61 uses
    "reiterate obj",  # cue 9 of 11 uses
    "repeat obj",  # cue 11 of 15 uses
    "reply none",  # cue 6 of 7 uses
    "report none",  # cue 23 of 35 uses
    "report to",  # cue 10 of 14 uses
    "say none",  # cue 257 of 331 uses
    "say prep:at",  # cue 7 of 10 uses
    "say prep:in",  # cue 28 of 33 uses
    "say prep:of",  # cue 5 of 6 uses
    "side prep:with",  # cue 6 of 9 uses
    "slam obj",  # cue 18 of 20 uses
    "speak prep:about",  # cue 19 of 26 uses
    "speak prep:of",  # cue 11 of 14 uses
    "stress obj",  # cue 6 of 7 uses
    "suggest to",  # cue 5 of 6 uses
    "support to",  # cue 9 of 15 uses
    "threaten to",  # cue 14 of 21 uses
    "tout obj",  # cue 11 of 16 uses
    "tweet none",  # cue 9 of 14 uses
    "tweet obj",  # cue 14 of 23 uses
    "urge to",  # cue 38 of 55 uses
    "voice obj",  # cue 10 of 14 uses
    "vow to",  # cue 29 of 39 uses
    "warn obj",  # cue 5 of 6 uses
    "write none",  # cue 20 of 30 uses
})
