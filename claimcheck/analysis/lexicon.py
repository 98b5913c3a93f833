"""Word lists the linguistic analysis relies on, in one place.

Lists are of lemmas (lower case) unless a name says otherwise.  They describe
English news and political prose in general; nothing here is tuned to one
article.
"""

from __future__ import annotations

#: Verbs that report speech or writing: "X said (that) Y".
SPEECH_VERBS = frozenset(
    """say tell claim argue insist warn add note explain announce report state suggest allege admit confirm
    deny acknowledge stress declare reveal boast complain concede contend maintain remark reply respond
    testify tweet post write gush continue put assert emphasise emphasize point observe predict promise
    vow pledge threaten urge caution recall describe told agree disclose indicate mention brief comment
    articulate estimate forecast proclaim repeat reiterate highlight underline signal""".split()
)

#: Verbs of belief and perception: "X believes (that) Y" presents Y as a view.
COGNITION_VERBS = frozenset(
    """believe think feel fear hope assume expect suspect reckon guess imagine suppose consider doubt
    worry speculate understand know seem appear sense""".split()
)

#: Verbs of judgement (Levin's class 33, "judgment verbs", and the verbs of public reaction beside
#: them): "critics condemned the ruling", "the union welcomed the plan".  What such a clause
#: reports is somebody's verdict on something; that they gave it is on the record, but what is
#: worth checking is the thing judged, which is reported elsewhere.
STANCE_VERBS = frozenset(
    """acclaim applaud assail berate castigate celebrate censure chastise chide commend compliment condemn
    congratulate criticise criticize decry denigrate denounce deplore deride disparage excoriate hail
    lambast lambaste laud mock praise rebuke reproach ridicule salute scold scorn slam welcome bemoan
    lament""".split()
)

#: Nouns that frame a clause as somebody's view: "an assumption that Y".
FRAME_NOUNS = frozenset(
    """assumption belief claim concern fear hope view suggestion allegation report rumour rumor speculation
    suspicion expectation perception impression sense idea notion argument assertion theory worry warning
    indication accusation charge prediction forecast estimate promise pledge statement insistence
    consensus conviction opinion feeling thought possibility prospect risk danger threat""".split()
)

#: Determiners and numbers that leave a source unidentified ("some analysts", "a source", "one official").
INDEFINITE_DETERMINERS = frozenset({"a", "an", "one", "some", "many", "several", "various", "numerous", "certain", "few", "most"})
#: Verbs by which a writer reports somebody else's words: "quoted an insider as saying".
QUOTING_VERBS = frozenset({"quote", "cite"})

#: Subjects of speech verbs that do not name a source ("some say").
VAGUE_SOURCES = frozenset(
    """some others many critics experts sources officials observers analysts people commentators insiders
    skeptics sceptics supporters opponents residents locals witnesses scientists researchers studies
    reports rumours rumors one someone somebody everyone everybody nobody they diplomats aides allies
    advisers advisors campaigners activists economists historians pundits""".split()
)

#: Nouns that, with a determiner but no name, denote an institution.
INSTITUTION_NOUNS = frozenset(
    """government ministry department agency police army military court commission council parliament
    congress senate committee company firm bank university newspaper paper broadcaster network channel
    website site magazine statement report study survey poll census bureau office authority authorities
    administration kremlin white house pentagon regulator union party campaign organisation organization
    article headline tabloid journal""".split()
)

#: Job titles and credentials: a name with one of these is a checkable role claim.
TITLE_NOUNS = frozenset(
    """president vice-president minister secretary chancellor premier governor mayor senator congressman
    congresswoman representative ambassador envoy spokesman spokeswoman spokesperson director chairman
    chairwoman chair chief ceo cfo founder head leader professor lecturer researcher scientist economist
    analyst correspondent editor reporter general admiral colonel commander officer judge justice
    prosecutor attorney lawyer king queen prince princess emperor pope bishop archbishop mp mep lawmaker
    deputy commissioner inspector superintendent captain coach manager executive adviser advisor
    consultant fellow dean principal""".split()
)

#: Courtesy and professional titles before a surname.
HONORIFICS = frozenset("mr mrs ms miss dr prof professor sir dame lord lady mx rev gen col sen rep gov".split())

#: Nouns that make a clause about what a rule, law or agreement says.
RULE_NOUNS = frozenset(
    """law act bill treaty pact agreement accord convention constitution regulation rule rules policy
    clause article provision charter statute directive ordinance decree resolution sanction sanctions
    ban embargo mandate code protocol deal contract legislation amendment guideline guidelines
    requirement licence license permit moratorium ceasefire truce""".split()
)

#: Verbs that state what a rule requires, allows or contains.
RULE_VERBS = frozenset(
    """include contain require oblige obligate allow permit prohibit forbid ban mandate stipulate provide
    guarantee commit bind entitle exempt restrict limit outlaw authorise authorize criminalise criminalize
    legalise legalize impose""".split()
)

#: Verbs and connectives of cause and effect.
CAUSAL_VERBS = frozenset(
    """cause lead result trigger spark prompt force drive fuel contribute blame attribute stem produce
    provoke generate create push compel""".split()
)
CAUSAL_MARKERS = frozenset("because due owing thanks consequently therefore hence since".split())

#: Words that announce the future or a hypothetical.
FUTURE_MARKERS = frozenset("will shall 'll wo".split())
PREDICTION_VERBS = frozenset("predict forecast project expect anticipate".split())

#: Fraction and proportion words that make a quantity claim without digits.
QUANTITY_WORDS = frozenset(
    """half halve third quarter majority minority dozen dozens hundreds thousands millions billions percent
    per cent double doubled triple tripled quadruple twice thrice fraction proportion share most""".split()
)

#: Adjectives and nouns of feeling and evaluation: their presence marks opinion.
EVALUATIVE = frozenset(
    """ominous desperate desperation angry anger alarmed alarming concerned worried afraid scared happy sad
    proud ashamed shameful disgraceful disgusting outrageous ridiculous absurd stupid silly foolish
    wonderful great terrible horrible awful amazing incredible fantastic brilliant excellent superb
    beautiful ugly nice bad best worst greatest finest unfair unjust evil wicked cruel
    dangerous reckless crazy insane pathetic weak strong tough disastrous disaster catastrophic
    catastrophe tragic tragedy shocking shocked stunning stunned remarkable extraordinary warm
    jubilant gushing calculated cynical brave courageous heroic cowardly corrupt dishonest honest
    liar lie lies nonsense failure failed hopeless hopeful optimistic pessimistic sorry glad pleased
    delighted furious upset frustrated frustrating disappointing disappointed impressive important
    interesting boring exciting excited ominously sadly thankfully unfortunately fortunately
    hypocrisy hypocritical arrogant arrogance incompetent incompetence magnificent splendid""".split()
)

#: Emotions: "X is angry" reports a state of mind nobody can check.
EMOTIONS = frozenset(
    """angry alarmed concerned worried afraid scared happy sad proud ashamed upset furious frustrated
    disappointed delighted pleased glad sorry excited nervous anxious fearful hopeful optimistic
    pessimistic outraged shocked stunned surprised confused""".split()
)

#: Phrases (lower case) that mark the writer's or speaker's opinion.
OPINION_PHRASES = (
    "i think", "i believe", "i feel", "in my view", "in my opinion", "it feels like", "it seems",
    "one could argue", "of course", "either way", "to be honest", "frankly", "i hope", "we hope",
    "let's", "let us", "i want", "we want", "i'm going to", "we're going to", "thank you", "god bless",
)

#: Acts on the public record: what a party said or did officially can be checked
#: ("Both sides deny this", "the agreement they signed today").
PUBLIC_RECORD_VERBS = frozenset(
    """deny confirm announce admit accuse reject sign ratify approve veto vote pass enact launch invade attack
    kill arrest charge convict sentence sue fine ban sanction impose withdraw deploy send supply deliver
    sell buy export import pay spend fund cut raise lower increase decrease rise fall grow shrink double
    triple halve win lose elect appoint resign fire hire close open build destroy meet visit agree refuse
    promise pledge order declare recognise recognize expel seize capture release""".split()
)

#: Speaker words for the pronoun resolver.
PERSON_PRONOUNS = frozenset("he she him her his hers".split())
GROUP_PRONOUNS = frozenset("they them their it its".split())

#: Entity labels that make a sentence concrete and checkable.
CONTENT_ENTITY_LABELS = frozenset("PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW".split())
NUMERIC_ENTITY_LABELS = frozenset("CARDINAL PERCENT MONEY QUANTITY ORDINAL".split())
