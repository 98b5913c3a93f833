"""Matching: reworded claims find their fact-check; unrelated sentences on the same topics do not."""

from __future__ import annotations

import pytest

from claimcheck.lookups.features import analyse
from claimcheck.lookups.match import DEFAULT_THRESHOLD, Matcher, fts_query, similarity
from claimcheck.lookups.store import FactCheck, Store


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("The Annies List group backs abortions in the third trimester on demand, a mailer from Rep. Dwayne Bohac said.",
         "2635"),
        ("Reince Priebus said the national jobless rate has been above 8 per cent for a record 36 months.", "5413"),
        ("Mitch McConnell warned that raising the minimum wage to $10.10 would destroy between 500,000 and 1 million jobs.",
         "10074"),
        ("Anita Perry said just 4 countries in the world allow abortion after 20 weeks of pregnancy.", "8360"),
        ("A viral post says Bush left Obama a deficit of $1.4tn, which Obama cut to only $492bn.", "11239"),
        ("Kirsten Gillibrand said roughly 40% of guns are bought without a background check.", "7312"),
        ("Harry Reid said 8 million jobs were lost during George W. Bush's eight years.", "4228"),
        ("Obama noted that Reagan raised the debt ceiling 18 times and George W. Bush did so 7 times.", "4181"),
        ("Charlie Crist said the turnaround in the economy began as his term ended.", "9028"),
        ("Gov. Nathan Deal said Georgia climbed from 10th to the 8th most populous state in only four years.", "10392"),
    ],
)
def test_match_reworded_claim_is_found(filled_store: Store, query: str, expected: str) -> None:
    matches = Matcher(filled_store).find(query, limit=3)
    assert matches, query
    assert matches[0].record.source_id == expected
    assert matches[0].score >= DEFAULT_THRESHOLD
    assert all(0.0 <= m.score <= 1.0 for m in matches)


@pytest.mark.parametrize(
    "query",
    [
        "The city council will hold three public hearings on the minimum wage before the vote in June.",
        "A gun show at the fairgrounds was cancelled because of flooding.",
        "The governor signed the state budget at a ceremony on Tuesday.",
        "Abortion rights supporters rallied outside the statehouse.",
        "Job seekers queued outside the convention centre for the annual job fair.",
        "Congress will vote on the debt ceiling next week, the majority leader said.",
    ],
)
def test_match_same_topic_distractors_stay_below_threshold(filled_store: Store, query: str) -> None:
    matches = Matcher(filled_store).find(query, limit=3)
    assert all(m.score < DEFAULT_THRESHOLD for m in matches), [(m.score, m.record.claim) for m in matches]


@pytest.mark.parametrize(
    ("query", "other"),
    [
        ("Women in South Carolina earn 76 cents on the dollar to men's earnings.",
         "Women in South Carolina earn 66 cents on the dollar to men's earnings."),
        ("There was a loss of eight million jobs during the Bush years.",
         "There was a loss of two million jobs during the Bush years."),
        ("Unemployment in 2009 was the highest in the state's history.",
         "Unemployment in 1982 was the highest in the state's history."),
    ],
)
def test_match_numbers_and_years_must_agree(query: str, other: str) -> None:
    def weight(term: str) -> float:
        return 1.0

    same = similarity(analyse(query), analyse(query), weight)
    changed = similarity(analyse(query), analyse(other), weight)
    assert same == pytest.approx(1.0)
    # A changed figure or year more than halves the lexical score.
    assert changed < 0.5 * same


def test_match_rounded_numbers_agree() -> None:
    def weight(term: str) -> float:
        return 1.0

    stored = analyse("The program cost $1,187,000 in 2019.")
    reworded = analyse("The program cost nearly $1.2 million in 2019.")
    assert similarity(reworded, stored, weight) > 0.9


@pytest.mark.parametrize(
    "query",
    ['taxes NOT jobs', 'claim: "quoted" text', 'NEAR(jobs taxes)', 'jobs* OR ^taxes', '"', "()", "- + : ^ *",
     "AND OR NOT", "😀 emoji only", "   ", "2016", "l'économie française a progressé"],
)
def test_match_fts_syntax_in_text_is_harmless(filled_store: Store, query: str) -> None:
    Matcher(filled_store).find(query)  # must not raise
    built = fts_query(analyse(query))
    assert built is None or all(part.startswith('"') and part.endswith('"') for part in built.split(" OR "))


def test_match_claim_entities_and_claimant_help(filled_store: Store) -> None:
    plain = Matcher(filled_store).find("The economic turnaround started at the end of my term.", limit=1)
    named = Matcher(filled_store).find("Crist said the economic turnaround started at the end of his term.",
                                       limit=1, names=("Charlie Crist",))
    assert plain[0].record.source_id == named[0].record.source_id == "9028"


def test_match_empty_store(store: Store) -> None:
    assert Matcher(store).find("Taxes went up 5 percent in 2019.") == []


def test_pair_features_claim_date_agrees_but_never_contradicts() -> None:
    from claimcheck.lookups.match import FEATURES, pair_features

    stored = analyse("Taxes rose 5 percent.")
    later = analyse("The mayor said on 5 March 2024 that taxes rose 5 percent.")
    row = dict(zip(FEATURES, pair_features(later, stored, lambda t: 1.0, None, 0.9, 0.2, 1.0, claim_year=2016)))
    assert row["years_conflict"] == 0.0 and row["years_agree"] == 0.0
    row = dict(zip(FEATURES, pair_features(later, stored, lambda t: 1.0, None, 0.9, 0.2, 1.0, claim_year=2024)))
    assert row["years_agree"] == 1.0
    other_year = analyse("Taxes rose 5 percent in 2019.")
    row = dict(zip(FEATURES, pair_features(later, other_year, lambda t: 1.0, None, 0.9, 0.2, 1.0)))
    assert row["years_conflict"] == 1.0


@pytest.mark.parametrize(
    "framed",
    [
        "Reince Priebus argued that the national jobless rate has been above 8 per cent for a record 36 months.",
        "The national jobless rate has been above 8 per cent for a record 36 months, Reince Priebus said.",
        "According to Reince Priebus, the national jobless rate has been above 8 per cent for a record 36 months.",
    ],
)
def test_match_sentence_vector_leaves_the_speaker_frame_out(filled_store: Store, framed: str) -> None:
    bare = "The national jobless rate has been above 8 per cent for a record 36 months."
    matcher = Matcher(filled_store)
    by_frame = {m.record.id: m.cosine for m in matcher.find(framed, limit=5)}
    by_bare = {m.record.id: m.cosine for m in matcher.find(bare, limit=5)}
    best = max(by_bare, key=lambda k: by_bare[k])
    assert best in by_frame and by_frame[best] == pytest.approx(by_bare[best], abs=1e-3)
    assert matcher.find(framed, limit=1)[0].score >= DEFAULT_THRESHOLD


def test_pair_features_a_swapped_name_counts_as_replaced() -> None:
    from claimcheck.lookups.match import FEATURES, pair_features

    stored = analyse("The Texas economy is larger than Canada's economy.")

    def replaced(text: str, claim: str | None = None, claimant: str | None = None) -> float:
        row = pair_features(analyse(text), stored, lambda t: 1.0, analyse(claimant) if claimant else None,
                            0.9, 0.2, 1.0, query_claim=analyse(claim) if claim else None)
        return dict(zip(FEATURES, row))["names_replaced"]

    assert replaced("The Texas economy is larger than Australia's economy.") > 0.0
    # Dropping a name is no swap, nor is the speaker's name in the frame.
    assert replaced("The Texas economy is larger than most.") == 0.0
    assert replaced("Rick Perry said the Texas economy is larger than Canada's.",
                    claim="the Texas economy is larger than Canada's.", claimant="Rick Perry") == 0.0
    # A stored name the query gives in its frame is not missing ("Reagan said his father ...").
    assert replaced("Ross Canada said the Texas economy is larger than Ontario's economy.",
                    claim="the Texas economy is larger than Ontario's economy.") == 0.0
    # Another spelling of the same name is no swap.
    assert replaced("The Texan economy is larger than Canada's economy.") == 0.0
    un = analyse("The United Nations says Texas is larger than Canada.")
    row = pair_features(analyse("The UN says Texas is larger than Canada."), un, lambda t: 1.0, None, 0.9, 0.2, 1.0)
    assert dict(zip(FEATURES, row))["names_replaced"] == 0.0


def test_match_floor_skips_wordnet_without_changing_matches(filled_store: Store, monkeypatch) -> None:
    # With a floor, candidates that cannot reach it whatever WordNet says are not
    # read in WordNet; every match at or above the floor must be what the full
    # scoring gives, and fewer WordNet reads must happen.
    import claimcheck.lookups.match as match

    calls: list[int] = []
    real = match.replaced

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(match, "replaced", counted)
    queries = [
        "Reince Priebus said the national jobless rate has been above 8 per cent for a record 36 months.",
        "Kirsten Gillibrand said roughly 40% of guns are bought without a background check.",
        "The governor signed the state budget at a ceremony on Tuesday.",
    ]
    matcher = Matcher(filled_store)
    reads = {"full": 0, "floored": 0}
    found = 0
    for query in queries:
        del calls[:]
        full = [m for m in matcher.find(query, limit=3) if m.score >= DEFAULT_THRESHOLD]
        reads["full"] += len(calls)
        del calls[:]
        floored = matcher.find(query, limit=3, min_score=DEFAULT_THRESHOLD)
        reads["floored"] += len(calls)
        assert [(m.record.id, m.score) for m in floored] == [(m.record.id, m.score) for m in full], query
        found += len(full)
    assert found >= 2  # the two reworded claims are found either way
    assert reads["floored"] < reads["full"], reads


def test_match_model_bound_holds_for_any_wordnet_shares() -> None:
    # could_reach must never say no to a row whose WordNet shares could lift it over the floor.
    import itertools

    from claimcheck.lookups.match import _WORDNET_AT, FEATURES, match_model

    model = match_model()
    base = list(model.mean)
    base[_WORDNET_AT] = [0.0, 0.0, 0.0]
    floor = 0.5
    for shares in itertools.product((0.0, 0.5, 1.0), repeat=3):
        if sum(shares) > 1.0:
            continue
        row = list(base)
        row[_WORDNET_AT] = list(shares)
        import numpy as np

        if model.probability(np.asarray([row]))[0] >= floor:
            assert model.could_reach(np.asarray([base]), floor)[0], shares
    assert len(base) == len(FEATURES)
    assert not model.could_reach(np.asarray([base]), 1.0)[0]


def test_match_floor_aligns_only_candidates_that_could_reach_it(filled_store: Store, monkeypatch) -> None:
    # The word alignment and names_replaced are read only for candidates whose
    # cheap features leave them a chance; the matches must not change.
    import claimcheck.lookups.match as match

    aligned: list[int] = []
    real = match.alignments

    def counted(query, candidates, *args, **kwargs):  # type: ignore[no-untyped-def]
        aligned.append(len(candidates))
        return real(query, candidates, *args, **kwargs)

    monkeypatch.setattr(match, "alignments", counted)
    matcher = Matcher(filled_store)
    queries = [
        "Harry Reid said 8 million jobs were lost during George W. Bush's eight years.",
        "Anita Perry said just 4 countries in the world allow abortion after 20 weeks of pregnancy.",
        "The city council voted to repave Main Street next spring.",
    ]
    full_aligned = floored_aligned = 0
    for query in queries:
        del aligned[:]
        full = [(m.record.id, m.score) for m in matcher.find(query, limit=3) if m.score >= DEFAULT_THRESHOLD]
        full_aligned += sum(aligned)
        del aligned[:]
        floored = [(m.record.id, m.score) for m in matcher.find(query, limit=3, min_score=DEFAULT_THRESHOLD)]
        floored_aligned += sum(aligned)
        assert floored == full, query
    assert floored_aligned < full_aligned / 2, (floored_aligned, full_aligned)


@pytest.mark.parametrize("floor", [0.3, 0.5, DEFAULT_THRESHOLD, 0.9, 0.99, 0.9999, 1.0])
def test_match_bound_is_never_below_the_true_score(floor: float) -> None:
    # could_reach(rows with the detailed features at 0, unknown=those features) must say yes
    # to every pair whose score, once they are read, rounds to the floor or more, for any
    # values they may take: each in [0, 1], the three WordNet shares summing to at most 1.
    import numpy as np

    from claimcheck.lookups.match import _DETAILED, _DETAILED_AT, _WORDNET_AT, FEATURES, match_model

    model = match_model()
    rng = np.random.default_rng(9)
    n = 20_000
    # Cheap features around the fitted means and beyond: the bound must hold everywhere.
    rows = np.asarray(model.mean) + rng.normal(0.0, 2.0, (n, len(FEATURES))) * np.asarray(model.scale)
    detail = rng.uniform(0.0, 1.0, (n, len(_DETAILED)))
    # Corners of the simplex and of the box, where a linear model is largest.
    detail[: n // 2] = rng.integers(0, 2, (n // 2, len(_DETAILED)))
    wordnet = detail[:, _WORDNET_AT.start - _DETAILED_AT.start:]
    wordnet /= np.maximum(1.0, wordnet.sum(axis=1, keepdims=True))
    rows[:, _DETAILED_AT] = detail
    scores = np.round(model.probability(rows), 4)
    blank = rows.copy()
    blank[:, _DETAILED_AT] = 0.0
    reach = model.could_reach(blank, floor, _DETAILED)
    assert not np.any((scores >= floor) & ~reach)
    assert 0 < int((scores >= floor).sum()) < n  # the test sees pairs on both sides of the floor
    # The bound is of use: it turns away some pairs (the cheap features alone decide them).
    assert int((~reach).sum()) > n // 10
    # Taken without the alignment's columns, the bound would be wrong for some pairs:
    # the test can tell a bound that forgets a feature.
    wordnet_only = model.could_reach(blank, floor)
    assert np.any((scores >= floor) & ~wordnet_only)


@pytest.mark.parametrize("floor", [0.5, DEFAULT_THRESHOLD, 1.0])
def test_match_bound_counts_scores_that_round_up_to_the_floor(floor: float) -> None:
    # A pair whose probability is just under the floor but rounds (to four places) to it is a
    # match: the bound must let it through.
    import math

    import numpy as np

    from claimcheck.lookups.match import _DETAILED, _DETAILED_AT, FEATURES, match_model

    model = match_model()
    coefficients = np.asarray(model.weights) / np.asarray(model.scale)
    best = np.zeros(len(FEATURES))
    best[_DETAILED_AT] = [1.0 if c > 0 else 0.0 for c in coefficients[_DETAILED_AT]]
    wordnet = [FEATURES.index(name) for name in ("wn_reworded", "wn_swapped", "wn_unrelated")]
    best[wordnet] = 0.0
    best[wordnet[int(np.argmax(coefficients[wordnet]))]] = 1.0 if coefficients[wordnet].max() > 0 else 0.0
    row = np.asarray(model.mean, dtype=float)
    row[_DETAILED_AT] = best[_DETAILED_AT]
    target = floor - 3e-5
    margin = FEATURES.index("cosine_margin")
    row[margin] += (math.log(target / (1 - target)) - model.logits(row[None])[0]) / coefficients[margin]
    assert round(float(model.probability(row[None])[0]), 4) >= floor
    blank = row.copy()
    blank[_DETAILED_AT] = 0.0
    assert model.could_reach(blank[None], floor, _DETAILED)[0]


def test_pair_features_a_claimant_named_by_title_counts_as_named() -> None:
    from claimcheck.lookups.match import FEATURES, pair_features

    stored = analyse("We have cut the state's school aid by $300 million.")
    claimant = analyse("Scott Walker")

    def named(text: str, title: str | None, claim: str = "") -> float:
        row = pair_features(analyse(text), analyse(claim) if claim else stored, lambda t: 1.0, claimant, 0.9, 0.2,
                            1.0, claimant_title=analyse(title) if title else None)
        return dict(zip(FEATURES, row))["claimant_named"]

    said = "The Wisconsin governor said the state cut school aid by $300 million."
    assert named(said, "Governor") == 1.0
    assert named(said, "Former governor") == 1.0
    assert named(said, None) == 0.0
    assert named(said, "U.S. Senator") == 0.0
    # A title word the stored claim says is what the claim is about, not who said it;
    # words of a title that say where or when name no office.
    assert named(said, "Governor", claim="The governor cut school aid by $300 million.") == 0.0
    assert named("A former state official said school aid was cut by $300 million.", "Former state treasurer") == 0.0


@pytest.mark.parametrize(
    ("query", "stored"),
    [("Over the past ten years Lower Manhattan's population almost doubled, and over the last 6 years it added "
      "more people than Atlanta.",
      "Over the past 10 years Lower Manhattan's population nearly doubled, and over the last 10 years it added "
      "more people than Atlanta."),
     ("Fewer than 30% of Texas students graduate in four years and only 30 percent within six years.",
      "Fewer than 30 percent of Texas students graduate in four years and only 58 percent within six years.")],
)
def test_pair_features_a_repeated_figure_replaced_is_another_figure(query: str, stored: str) -> None:
    from claimcheck.lookups.match import FEATURES, pair_features

    def row(text: str) -> dict[str, float]:
        return dict(zip(FEATURES, pair_features(analyse(text), analyse(stored), lambda t: 1.0, None, 0.9, 0.2, 1.0)))

    assert row(query)["numbers_differ"] == 1.0
    # The same figures, each said once or as often: no figure replaced.
    assert row(stored)["numbers_differ"] == 0.0 and row(stored)["numbers_agree"] == 1.0
    assert row(query.replace("6 years", "ten years").replace("only 30 percent", "only 58 percent"))["numbers_differ"] == 0.0


def test_match_figures_pair_equal_values_before_rounded_ones() -> None:
    from claimcheck.lookups.match import _paired

    # "80" may be a rounded "78", but the query's 80 is the stored 80: its 75 is no 78.
    assert _paired([75.0, 80.0], [78.0, 80.0]) == 0.5
    assert _paired([80.0], [78.0]) == 1.0
    assert _paired([10.0], [10.0, 10.0]) == 0.5


@pytest.mark.parametrize(("query", "stored"), [
    ("Three times out of four, Chafee voted with Bush.", "Chafee voted with Bush 76% of the time."),
    ("More than a third of the children are poor.", "34 percent of the children are poor."),
    ("Nearly half of the voters stayed home.", "48 percent of the voters stayed home."),
    ("One in four children is obese.", "26 percent of children are obese."),
])
def test_pair_features_a_share_in_words_agrees_with_the_figures_it_rounds(query: str, stored: str) -> None:
    from claimcheck.lookups.match import FEATURES, pair_features

    def row(text: str) -> dict[str, float]:
        return dict(zip(FEATURES, pair_features(analyse(text), analyse(stored), lambda t: 1.0, None, 0.9, 0.2, 1.0)))

    assert row(query)["numbers_agree"] == 1.0 and row(query)["numbers_differ"] == 0.0
    # Both ways round: the stored claim in words, the query in digits.
    back = dict(zip(FEATURES, pair_features(analyse(stored), analyse(query), lambda t: 1.0, None, 0.9, 0.2, 1.0)))
    assert back["numbers_agree"] == 1.0


@pytest.mark.parametrize(("query", "stored"), [
    # Nearer another simple fraction than the words' own: another figure.
    ("Three times out of four, Chafee voted with Bush.", "Chafee voted with Bush 78% of the time."),
    ("More than a third of the children are poor.", "36 percent of the children are poor."),
    ("Nearly half of the voters stayed home.", "44 percent of the voters stayed home."),
    # Figures in digits still agree only when one rounds to the other.
    ("Chafee voted with Bush 75% of the time.", "Chafee voted with Bush 76% of the time."),
])
def test_pair_features_a_share_in_words_is_not_any_nearby_figure(query: str, stored: str) -> None:
    from claimcheck.lookups.match import FEATURES, pair_features

    row = dict(zip(FEATURES, pair_features(analyse(query), analyse(stored), lambda t: 1.0, None, 0.9, 0.2, 1.0)))
    assert row["numbers_agree"] == 0.0 and row["numbers_differ"] == 1.0


def test_match_a_share_in_words_scores_like_its_figure() -> None:
    def weight(term: str) -> float:
        return 1.0

    stored = analyse("Chafee voted with Bush 76% of the time.")
    assert similarity(analyse("Three times out of four, Chafee voted with Bush."), stored, weight) > 0.8
    assert similarity(analyse("Two times out of three, Chafee voted with Bush."), stored, weight) < 0.5


def test_match_reads_each_term_count_and_stored_row_once_until_a_write(filled_store: Store, monkeypatch) -> None:
    # A document's claims share candidates and words: what one lookup read, the next does not read again.
    asked: list[str] = []
    rows: list[int] = []
    frequencies, vectors = Store.document_frequencies, Store.vectors

    def counted(self: Store, terms: list[str]) -> dict[str, int]:
        asked.extend(terms)
        return frequencies(self, terms)

    def fetched(self: Store, ids: list[int]) -> dict:
        rows.extend(ids)
        return vectors(self, ids)

    monkeypatch.setattr(Store, "document_frequencies", counted)
    monkeypatch.setattr(Store, "vectors", fetched)
    matcher = Matcher(filled_store)
    query = "Says the unemployment rate fell to 5 percent under Obama."
    first = matcher.find(query)
    assert asked and rows and len(asked) == len(set(asked)) and len(rows) == len(set(rows))
    asked.clear()
    rows.clear()
    assert matcher.find(query) == first
    assert not asked and not rows
    # A write, by this connection or another, may change both: they are read again, as a new matcher reads them.
    filled_store.import_records([FactCheck("The unemployment rate fell to 5 percent in 2016.", "true", "test")],
                                file="more", format="t", sha256="1")
    again = matcher.find(query)
    assert asked and rows
    assert again == Matcher(filled_store).find(query) != first
