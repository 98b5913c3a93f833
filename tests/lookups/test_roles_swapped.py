"""Who does what to whom: a claim whose participants swap roles, or whose verb turns, told from a rewording."""

from __future__ import annotations

import math

import numpy as np
import pytest

from claimcheck.lookups import roles
from claimcheck.lookups.match import VET_FLOOR, Matcher
from claimcheck.lookups.roles import direction_flipped, events, name_stems, roles_swapped
from claimcheck.lookups.store import FactCheck, Store


@pytest.mark.parametrize(("query", "stored"), [
    # the same verb, the participants the other way round
    ("McCain beat Obama in Indiana in 2008.", "Obama beat McCain in Indiana in 2008."),
    ("The union gave the governor a pay raise.", "The governor gave the union a pay raise."),
    ("Iran sold weapons to Russia last year.", "Russia sold weapons to Iran last year."),
    # two verbs of telling
    ("The Bush administration warned Tenet about the threat.", "Tenet told the Bush administration about the threat."),
    # a relative clause's verb and a second verb take their subject from the noun and the first verb
    ("The oil industry, which received $5,000 from Smith, backed the bill.",
     "Smith, who received $5,000 from the oil industry, backed the bill."),
    ("McCain met reporters and then defeated Obama in Indiana.", "Obama beat McCain in Indiana in 2008."),
    # a passive: "X was told by Y" is "Y told X"
    ("Tenet was warned by the Bush administration about the threat.",
     "Tenet told the Bush administration about the threat."),
    # a transfer said from the other side with the roles swapped
    ("Smith donated $5,000 to the oil industry.", "Smith received $5,000 from the oil industry."),
    ("Obama lost to McCain in Indiana in 2008.", "Obama beat McCain in Indiana in 2008."),
    ("Russia bought weapons from Iran last year.", "Russia sold weapons to Iran last year."),
    ("Summers learned economics from Obama at Harvard.", "Summers taught Obama economics at Harvard."),
])
def test_roles_a_swap_of_roles_is_read(query: str, stored: str) -> None:
    assert roles_swapped(query, stored)


@pytest.mark.parametrize(("query", "stored"), [
    # the same roles in the passive
    ("The Bush administration was told by Tenet about the threat.",
     "Tenet told the Bush administration about the threat."),
    ("McCain was beaten by Obama in Indiana in 2008.", "Obama beat McCain in Indiana in 2008."),
    # converse verbs keep the roles: "Y received from X" is "X gave to Y"
    ("The oil industry donated $5,000 to Smith.", "Smith received $5,000 from the oil industry."),
    ("McCain lost to Obama in Indiana in 2008.", "Obama beat McCain in Indiana in 2008."),
    ("Iran bought weapons from Russia last year.", "Russia sold weapons to Iran last year."),
    # a dative said with "to"
    ("The governor gave a pay raise to the union.", "The governor gave the union a pay raise."),
    # unrelated verbs do not align, whoever their subject is
    ("Obama praised McCain in Indiana in 2008.", "McCain beat Obama in Indiana in 2008."),
    # no second participant: nothing to swap
    ("Obama won Indiana in 2008.", "Indiana voted for Obama in 2008."),
    # converses the classes hold, which WordNet would align as synonyms
    ("Obama learned economics from Summers at Harvard.", "Summers taught Obama economics at Harvard."),
    ("Smith earned $50,000 from the lobbying firm.", "The lobbying firm paid Smith $50,000."),
    # verbs WordNet alone aligns are not read for roles
    ("Smith slammed Jones over the budget.", "Jones criticized Smith over the budget."),
    # a symmetric verb: each side does the same to the other
    ("McCain met Obama in Indiana in 2008.", "Obama met McCain in Indiana in 2008."),
])
def test_roles_a_rewording_keeps_its_roles(query: str, stored: str) -> None:
    assert not roles_swapped(query, stored)


def test_roles_a_controlled_verb_takes_its_governors_subject() -> None:
    (event,) = [e for e in events("The senator voted to give the companies a tax break.") if e.verb == "give"]
    assert "senat" in event.giver and "compani" in event.taker


def test_roles_pronouns_are_no_participants() -> None:
    # "it" could be anyone: no event is read, so nothing can swap.
    assert not [e for e in events("It gave the union a pay raise.") if e.verb == "give"]


_STORED = "Obama beat McCain in Indiana in 2008."


def _hits() -> list[tuple[FactCheck, float]]:
    return [(FactCheck(claim=_STORED, verdict="false", dataset="test"), -1.0)]


def test_matcher_vetting_lowers_a_swapped_candidates_log_odds(store: Store) -> None:
    logits = np.asarray([2.0])
    vetted = Matcher(store, role_penalty=4.0).vetted("McCain beat Obama in Indiana in 2008.", _hits(), logits)
    assert vetted[0] == pytest.approx(1 / (1 + math.exp(2.0)))
    # a rewording keeps its score, and a zero penalty vets nothing
    kept = Matcher(store, role_penalty=4.0).vetted("McCain was beaten by Obama in Indiana in 2008.", _hits(), logits)
    assert kept[0] == pytest.approx(1 / (1 + math.exp(-2.0)))
    off = Matcher(store, role_penalty=0.0, direction_penalty=0.0).vetted("McCain beat Obama in Indiana in 2008.",
                                                                        _hits(), logits)
    assert off[0] == pytest.approx(1 / (1 + math.exp(-2.0)))


def test_matcher_vets_only_candidates_near_the_floor(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def spy(query: str, stored: str, speaker: str | None = None, claimant: str | None = None) -> tuple[bool, bool]:
        asked.append(stored)
        return True, True

    monkeypatch.setattr("claimcheck.lookups.match.vet", spy)
    below = math.log(VET_FLOOR / (1 - VET_FLOOR)) - 0.5
    vetted = Matcher(store).vetted("McCain beat Obama in Indiana in 2008.", _hits(), np.asarray([below]))
    assert asked == [] and vetted[0] == pytest.approx(1 / (1 + math.exp(-below)))


def test_roles_parses_are_cached_by_text(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    parse = roles._pipeline(None)

    def counting(texts: list[str]):  # type: ignore[no-untyped-def]
        calls.append(list(texts))
        return parse(texts)

    monkeypatch.setattr(roles, "_pipeline", lambda name: counting)
    roles.clear_cache()
    first, second = "Russia sold weapons to Iran in 1999.", "Iran bought weapons from Russia in 1999."
    roles.prime([first, second, first])
    assert calls == [[first, second]]  # one batch, each sentence once
    assert events(first) == roles.events(first, lambda text: parse([text])[0])
    roles.prime([second])
    assert calls == [[first, second]]  # parsed already
    roles.clear_cache()


@pytest.mark.parametrize(("query", "stored"), [
    ("Act 10 cost Milwaukee County $28 million.", "Act 10 saved Milwaukee County $28 million."),
    ("The governor cut taxes on small businesses.", "The governor raised taxes on small businesses."),
    ("Martha McSally never votes with her party.", "Martha McSally often votes with her party."),
    ("The senator never voted to raise the debt ceiling.", "The senator voted to raise the debt ceiling."),
    ("Obama lost Indiana in 2008.", "Obama won Indiana in 2008."),
    ("The governor has no plan to raise taxes.", "The governor has a plan to raise taxes."),
    # a clause as subject, against a noun: the words they share
    ("Expanding Medicaid would cost the state treasury $1 billion.", "Medicaid expansion will save our treasury $1 billion."),
    # a predicate turned or said by its antonym
    ("George W. Bush was the least popular president in modern history.",
     "George W. Bush was the most popular president in modern history."),
    ("Broward County's unemployment rate is the lowest in Florida.", "Broward County's unemployment rate is the highest in Florida."),
    ("Unemployment among veterans is now lower than in the general population.",
     "Veterans' unemployment is now higher than the general population's."),
])
def test_direction_a_turned_verb_is_read(query: str, stored: str) -> None:
    assert direction_flipped(query, stored)


@pytest.mark.parametrize(("query", "stored"), [
    # an opposite verb denied says the same
    ("The governor did not raise taxes on small businesses.", "The governor cut taxes on small businesses."),
    # a relative clause after an apposition: its pronoun may stand for either noun
    ("It was Henry Ford, not the unions, who created the eight-hour day.",
     "Unions did not create the eight-hour work day. Henry Ford did."),
    # a denial in the object, a denial in the verb
    ("South Korea pays nothing toward the troops that defend it.", "South Korea doesn't pay for the troops that defend it."),
    # converses of one class are one event seen from two sides
    ("Iran bought weapons from Russia.", "Russia sold weapons to Iran."),
    # a predicate's antonym denied says the same
    ("Fox News is unavailable in Canada.", "Fox News is not available in Canada."),
    # other participants: another event
    ("The mayor cut taxes on small businesses.", "The governor raised taxes on small businesses."),
    ("The state budget cut school aid.", "The federal budget raised school aid."),
    ("Property taxes are the most harmful to growth and sales taxes the least.",
     "The property tax is the most harmful to growth and the sales tax is least harmful."),
])
def test_direction_a_rewording_keeps_its_direction(query: str, stored: str) -> None:
    assert not direction_flipped(query, stored)


def test_roles_personal_pronouns_stand_for_the_speaker_and_the_claimant() -> None:
    # the query's "his" is its speaker; a possessor moves while the head noun stays put
    query, stored = "His own campaign attacked Sherrod Brown's military service.", \
        "Sherrod Brown's campaign attacked Josh Mandel's military service."
    assert roles_swapped(query, stored, speaker=name_stems("Josh Mandel"))
    assert not roles_swapped(query, stored)  # nobody said it: "his" is no one
    # the stored claim's "I" is its claimant
    assert roles_swapped("Jones beat Smith in the 2010 primary.", "I beat Jones in the 2010 primary.",
                         claimant=name_stems("Rep. Tom Smith"))
    assert not roles_swapped("He beat Jones in the 2010 primary.", "I beat Jones in the 2010 primary.",
                             speaker=name_stems("Tom Smith"), claimant=name_stems("Rep. Tom Smith"))
    assert direction_flipped("He voted to cut taxes in 2010.", "I voted to raise taxes in 2010.",
                             speaker=name_stems("Tom Smith"), claimant=name_stems("Tom Smith"))


def test_roles_vet_reads_the_frame_speaker(store: Store) -> None:
    hits = [(FactCheck(claim="Sherrod Brown's campaign attacked Josh Mandel's military service.", verdict="false",
                       dataset="test", claimant="Josh Mandel"), -1.0)]
    vetted = Matcher(store, role_penalty=4.0).vetted(
        "Josh Mandel said his own campaign attacked Sherrod Brown's military service.", hits, np.asarray([2.0]))
    assert vetted[0] == pytest.approx(1 / (1 + math.exp(2.0)))


def test_vetting_parses_with_the_checks_own_pipeline(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A check run with --pipeline X vets with X, not a second, default pipeline."""
    from claimcheck.lookups.plugin import claimcheck_lookup_sources

    asked: list[str | None] = []
    parse = roles._pipeline(None)

    def named(name: str | None):  # type: ignore[no-untyped-def]
        asked.append(name)
        return parse

    monkeypatch.setattr(roles, "_pipeline", named)
    roles.clear_cache()
    [source] = claimcheck_lookup_sources({"pipeline": "my_pipeline", "db": str(store.path)})
    assert source.pipeline == "my_pipeline"  # type: ignore[attr-defined]
    Matcher(store, pipeline=source.pipeline).vetted(  # type: ignore[attr-defined]
        "McCain beat Obama in Indiana in 2008.", _hits(), np.asarray([2.0]))
    assert asked == ["my_pipeline"]
    roles.clear_cache()


def test_roles_cache_serves_threads_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Threads vetting together (a library caller's) never lose a parse to another's eviction."""
    import sys
    import threading
    import time

    parse = roles._pipeline(None)

    def slow(texts: list[str]):  # type: ignore[no-untyped-def]
        time.sleep(0.002)  # lets another thread in between the parse and the read
        return parse(texts)

    monkeypatch.setattr(roles, "_pipeline", lambda name: slow)
    monkeypatch.setattr(roles, "CACHE_SIZE", 1)
    roles.clear_cache()
    texts = [f"Senator {name} told the governor about the plan in {year}." for name, year in
             (("Smith", 2001), ("Jones", 2002), ("Brown", 2003), ("Lee", 2004))]
    expected = {text: roles.events(text, lambda t: parse([t])[0]) for text in texts}
    failures: list[BaseException] = []
    results: list[bool] = []

    def work(offset: int) -> None:
        try:
            for step in range(80):
                text = texts[(offset + step) % len(texts)]
                results.append(roles.events(text) == expected[text])
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch between any two steps, as on a busy server
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    roles.clear_cache()
    assert failures == [] and len(results) == 6 * 80 and all(results)
