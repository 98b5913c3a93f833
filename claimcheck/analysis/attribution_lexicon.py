"""Attribution cue verbs mined from PolNeAR train (generated: train/mine_attribution_cues.py).

Each verb was marked as an attribution cue by PolNeAR's annotators often enough, and in a
large enough share of its clause-taking uses (min_count=2, min_precision=0.4,
chosen by 5-fold cross-validation on train: cue F1 0.771 against
0.743 for the hand lexicon alone). Only the verbs are shipped; PolNeAR
(Newell, Margolin and Ruths, LREC 2018) is a research corpus.
"""

from __future__ import annotations

from claimcheck.analysis.lexicon import STANCE_VERBS

#: Reporting verbs beyond the hand-written lexicon: "the court ruled that ...".
MINED_CUE_VERBS = frozenset({
    "accuse",  # cue 4 of 4 uses
    "allude",  # cue 3 of 3 uses
    "ask",  # cue 92 of 128 uses
    "assure",  # cue 7 of 12 uses
    "blame",  # cue 2 of 3 uses
    "calculate",  # cue 2 of 3 uses
    "call",  # cue 39 of 75 uses
    "challenge",  # cue 3 of 5 uses
    "charge",  # cue 4 of 7 uses
    "conclude",  # cue 21 of 26 uses
    "condemn",  # cue 2 of 3 uses
    "contemplate",  # cue 2 of 2 uses
    "criticize",  # cue 7 of 9 uses
    "decline",  # cue 34 of 45 uses
    "defend",  # cue 3 of 6 uses
    "denounce",  # cue 3 of 4 uses
    "dismiss",  # cue 3 of 5 uses
    "elaborate",  # cue 2 of 2 uses
    "endorse",  # cue 8 of 15 uses
    "express",  # cue 4 of 8 uses
    "find",  # cue 39 of 86 uses
    "hint",  # cue 4 of 5 uses
    "interject",  # cue 2 of 2 uses
    "lament",  # cue 4 of 4 uses
    "order",  # cue 6 of 7 uses
    "outline",  # cue 2 of 2 uses
    "ponder",  # cue 2 of 3 uses
    "praise",  # cue 3 of 3 uses
    "propose",  # cue 8 of 13 uses
    "question",  # cue 11 of 16 uses
    "reaffirm",  # cue 3 of 4 uses
    "recommend",  # cue 5 of 6 uses
    "refuse",  # cue 25 of 45 uses
    "request",  # cue 3 of 5 uses
    "rule",  # cue 5 of 11 uses
    "shout",  # cue 3 of 4 uses
    "show",  # cue 73 of 131 uses
    "surmise",  # cue 2 of 2 uses
    "unveil",  # cue 2 of 2 uses
    "wonder",  # cue 5 of 9 uses
})


#: Verbs by which a study, a poll, a document or a court presents a result: "the inquiry found
#: that X", "polls show (that) X", "the court ruled that X".  Claim detection ends the frame at
#: them as it does at "said that" (X is the claim, the finder its source).  Read on 300 PolNeAR
#: train articles (train/attribution_errors.py's shuffle, 200:500): of their uses taking a clause
#: with its own subject, PolNeAR marks as a cue whose content is that clause "show" 47 of 77,
#: "find" 19 of 39, "conclude" 11 of 16, "read" ("the letter read: ...") 5 of 5; "prove" (0 of 8)
#: and "learn" (3 of 8) report what the subject came to know, not a result, and are left out.
#: Only the verbs are shipped.
FINDING_VERBS = frozenset({"find", "show", "conclude", "rule", "determine", "establish", "discover", "read"})


#: Speech acts (Searle's assertives, commissives, directives and expressives; Levin's verbs of
#: communication and of judgement), hand-written from general English, not mined: "Yukos accused
#: Gazprom of theft", "BMW has announced £100m of investment", "the minister promised to ...".
#: A clause headed by one reports an act whose content is its agent's: what was alleged,
#: announced or promised is checked against the agent's words, so the agent is the claim's
#: speaker (:func:`claimcheck.analysis.attribution.act_source`).  Verdicts on things ("critics
#: condemned the ruling", :data:`~claimcheck.analysis.lexicon.STANCE_VERBS`) are such acts too.
SPEECH_ACT_VERBS = STANCE_VERBS | frozenset(
    """accuse acknowledge admit advise affirm explain allege announce apologise apologize appeal argue assert
    assure beg blame boast brag caution charge claim complain concede condemn confess confirm contend
    counter criticise criticize declare decry defend demand denounce deny deplore disclose dismiss
    dispute endorse forecast guarantee implore insist lament maintain mock object plead pledge praise
    predict proclaim promise propose protest question recommend refute reiterate reject repeat
    request reveal ridicule slam stress suggest swear testify thank threaten urge vow warn
    welcome""".split()
)
