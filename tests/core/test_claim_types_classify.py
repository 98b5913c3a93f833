"""Claim types follow Full Fact's taxonomy."""

from __future__ import annotations

import pytest


def _assert_type(engine, text: str, contains: str, claim_type: str) -> None:
    """The first top-level claim holding ``contains`` has ``claim_type``."""
    report = engine.check(text, published="2024-06-19", all=True)
    hits = [c for c in report.claims if contains in c.text and not c.embedded]
    assert hits, [c.text for c in report.claims]
    assert hits[0].type == claim_type, (hits[0].text, hits[0].type)


@pytest.mark.parametrize(
    "text,contains,claim_type",
    [
        ("Unemployment fell to 4.1% in May.", "4.1%", "quantity"),
        ("They gathered almost half of the capital.", "half", "quantity"),
        ("The treaty includes a mutual defence clause.", "defence clause", "rule"),
        ("The new law bans smoking in cars carrying children.", "bans smoking", "rule"),
        ("Trade between the two countries will increase next year.", "will increase", "prediction"),
        ("The invasion of Ukraine has left Russia isolated from the West.", "isolated", "causation"),
        ("The floods were caused by a blocked drain.", "caused", "causation"),
        ("Norway is the largest oil producer in Western Europe.", "largest", "comparison"),
        ("Russia exports more wheat than any other country.", "more wheat", "comparison"),
        ("Antony Blinken is the US secretary of state.", "Blinken", "role"),
        ("Both sides deny this.", "deny", "event"),
        ("Police arrested two men in Leeds on Tuesday.", "arrested", "event"),
    ],
)
def test_claim_types_classify(engine, text: str, contains: str, claim_type: str) -> None:
    report = engine.check(text, published="2024-06-19", all=True)
    hits = [c for c in report.claims if contains in c.text and not c.embedded]
    assert hits, [c.text for c in report.claims]
    assert hits[0].type == claim_type


CLASSES = [
    # comparisons with numbers are comparisons, "more than N" alone is an amount
    ("comparison", "Hospitals treated three times as many patients as in 1998.", "three times as many"),
    ("comparison", "Rail fares rose twice as fast as wages.", "twice as fast"),
    ("comparison", "The county still trails the national average for broadband speed.", "national average"),
    ("comparison", "She became the first woman to swim the channel both ways.", "first woman"),
    ("comparison", "The album climbed to number three in the charts.", "number three"),
    ("quantity", "The charity has raised more than 40,000 pounds since March.", "40,000"),
    # rules: what a class of people must, may or may not do, even in the future tense
    ("rule", "From April, landlords will have to register every tenancy with the council.", "register every tenancy"),
    ("rule", "Passengers can claim a refund of up to 300 euros.", "refund"),
    ("rule", "Offenders will face a fine of up to 500 pounds.", "fine"),
    ("rule", "The new regulations will apply to all private hire vehicles.", "private hire"),
    ("prediction", "The council will close the library next year.", "close the library"),
    ("prediction", "The new bypass could cut journey times by a third.", "journey times"),
    # causation only where a cause is in the claim and is not an agent's act
    ("event", "The union pushed ministers to reopen the talks.", "reopen the talks"),
    ("event", "As a result, the mayor cancelled the parade.", "cancelled the parade"),
    ("quantity", "Some 300 new posts are to be created at the depot.", "300 new posts"),
    ("causation", "The closure of the mine led to the loss of 900 jobs.", "led to"),
    ("causation", "He blamed the delays on a shortage of drivers.", "blamed the delays"),
    # numbers that are not statistics: names, ordinals, vague magnitudes, idioms
    ("event", "The firm moved its servers from Windows 2000 last spring.", "Windows 2000"),
    ("event", "Thousands of commuters walked to work on Monday.", "walked to work"),
    ("other", "The result is a million miles from what voters were promised.", "million miles"),
    # opinion verbs and attitudes are not events
    ("other", "The strike underscores the urgency of a new pay deal.", "urgency"),
    ("other", "The report underlines the pressing need for new homes.", "pressing need"),
    ("other", "The row highlights the importance of an independent regulator.", "importance"),
    ("other", "The minister wants the tax to be scrapped.", "scrapped"),
    ("other", "The government is prepared to veto any new levy.", "veto"),
    # roles held by a person named by a pronoun
    ("role", "Before that he held the post of chancellor for three years.", "chancellor"),
    ("quantity", "The council sold the old town hall for 2m pounds in 1998.", "town hall"),
]


@pytest.mark.parametrize("claim_type,text,contains", CLASSES)
def test_claim_types_by_class(engine, claim_type: str, text: str, contains: str) -> None:
    _assert_type(engine, text, contains, claim_type)


@pytest.mark.parametrize(
    "text,contains",
    [
        ("The new stadium was a costly fiasco.", "fiasco"),
        ("The council's handling of the strike was profoundly irresponsible.", "irresponsible"),
        ("The museum has gone from strength to strength since it reopened.", "strength to strength"),
        ("There is no daylight between the mayor and the developers.", "daylight"),
    ],
)
def test_claim_types_verdicts_and_judgement_idioms_are_other(engine, text: str, contains: str) -> None:
    report = engine.check(text, published="2024-06-19", all=True)
    hits = [c for c in report.claims if contains in c.text]
    assert hits and all(c.type == "other" for c in hits), [(c.text, c.type) for c in report.claims]


def test_claim_types_verdict_with_a_figure_stays_checkable(engine) -> None:
    report = engine.check("The scheme was a failure: only 12% of homes were insulated.", published="2024-06-19", all=True)
    assert any(c.type == "quantity" for c in report.claims if "12%" in c.text)


@pytest.mark.parametrize(
    "text,contains,claim_type",
    [
        ("Ohio is 44th in the nation for road maintenance spending.", "44th", "comparison"),
        ("Leeds has the second highest rate of bus use in England.", "second highest", "comparison"),
        ("Under Mayor Jane Ortiz, burglaries are up by 15 percent.", "burglaries", "quantity"),
        ("She held the post of finance minister for six years.", "finance minister", "role"),
        ("The mayor signed an order leading to the closure of nine clinics.", "leading to", "causation"),
    ],
)
def test_claim_types_ranks_roles_and_causal_participles(engine, text: str, contains: str, claim_type: str) -> None:
    _assert_type(engine, text, contains, claim_type)


@pytest.mark.parametrize(
    "text,contains,claim_type",
    [
        ("It took nine days for the council to restore the water supply.", "nine days", "quantity"),
        ("She campaigned against the bypass for six years.", "campaigned", "event"),
        ("Nearly a fifth of all trains were cancelled.", "a fifth", "quantity"),
    ],
)
def test_claim_types_durations_and_fractions(engine, text: str, contains: str, claim_type: str) -> None:
    _assert_type(engine, text, contains, claim_type)


def test_claim_types_feeling_nouns_and_ordinals_are_not_amounts(engine) -> None:
    report = engine.check("Her first reaction on hearing the verdict was immense relief.", published="2024-06-19", all=True)
    hits = [c for c in report.claims if "relief" in c.text]
    assert hits and all(c.type == "other" for c in hits), [(c.text, c.type) for c in report.claims]


@pytest.mark.parametrize(
    "claim_type,text,contains",
    [
        # comparisons against another thing outrank figures and the future tense
        ("comparison", "Patients from poorer towns are four times more likely to be admitted to hospital than those from richer suburbs.", "four times"),
        ("comparison", "Without the subsidy, farmers would pay three times as much as their French neighbours.", "three times"),
        ("comparison", "The merger would be the largest in the history of the airline industry.", "largest"),
        ("comparison", "The county's rail network is twice the size of its neighbour's.", "twice the size"),
        ("comparison", "Girls were 12% more likely than boys to pass the exam.", "12%"),
        ("comparison", "The new drug was taken by 30% fewer patients than the old one.", "30% fewer"),
        # against the past, an expectation or a figure, the claim is the figure
        ("quantity", "Sales were 12% higher than a year earlier.", "12% higher"),
        ("quantity", "Borrowing was 3 billion pounds higher than expected.", "higher than expected"),
        ("quantity", "Exports of cheese rose more than fivefold on 2010.", "fivefold"),
        ("quantity", "About 8 million people watched the final, compared with 6 million in 2019.", "8 million"),
        # a comparison in a trailing participle clause does not outrank the figure it follows
        ("quantity", "Around 9,000 books are published in Wales each year, making it one of the busiest markets in Europe.", "9,000"),
    ],
)
def test_claim_types_comparison_against_other_things(engine, claim_type: str, text: str, contains: str) -> None:
    _assert_type(engine, text, contains, claim_type)


@pytest.mark.parametrize(
    "claim_type,text,contains",
    [
        # what a rule or plan requires of a class of people is a rule, even in the future tense
        ("rule", "From next month, most overseas students will need Home Office permission to work.", "permission"),
        ("rule", "Non-resident landlords will have to pay a higher rate of stamp duty.", "stamp duty"),
        ("rule", "Those without a valid licence will have no right to trade in the market.", "no right"),
        ("rule", "The changes would not apply to people who already hold a permit.", "not apply"),
        ("rule", "Under plans announced by the council, drivers will pay a daily charge to enter the centre.", "daily charge"),
        ("rule", "Tourists staying in the city for more than a week will have to register with the police.", "register"),
        # a particular subject doing something in the future is a forecast, not a rule
        ("prediction", "The landlords will pay for the repairs next year.", "repairs"),
    ],
)
def test_claim_types_rules_in_the_future(engine, claim_type: str, text: str, contains: str) -> None:
    _assert_type(engine, text, contains, claim_type)


@pytest.mark.parametrize(
    "claim_type,text,contains",
    [
        # a cause given as an aside to a figure leaves the claim a quantity
        ("quantity", "The factory produces up to 400 cars a week - partly because demand has risen.", "400 cars"),
        ("quantity", "The firm reported a 5% rise in profits, mostly due to strong sales in Asia.", "5% rise"),
        # a cause in the predicate is a causal claim, with or without figures
        ("causation", "The rise in waiting times is largely due to a shortage of nurses.", "shortage"),
        ("causation", "The bridge was closed because of high winds.", "closed"),
        ("causation", "The strike led to the cancellation of 300 flights.", "300 flights"),
    ],
)
def test_claim_types_causes_as_asides(engine, claim_type: str, text: str, contains: str) -> None:
    _assert_type(engine, text, contains, claim_type)


@pytest.mark.parametrize(
    "claim_type,text,contains",
    [
        ("role", "He earns most of his income as a non-executive director of a bank.", "director"),
        ("role", "She has become a senior adviser to the mining company.", "adviser"),
        ("event", "The mayor resigned as party leader in March.", "resigned"),
    ],
)
def test_claim_types_roles_held_as(engine, claim_type: str, text: str, contains: str) -> None:
    _assert_type(engine, text, contains, claim_type)


@pytest.mark.parametrize(
    "claim_type,text,contains",
    [
        # a future or modal clause that states what a figure is, is a quantity
        ("quantity", "The finance minister said the deficit would be 3.2% of national income next year.", "3.2%"),
        ("quantity", "The new contract will mean a 7% pay rise for nurses.", "7% pay rise"),
        # one that forecasts an outcome is a prediction
        ("prediction", "Lowering the speed limit would save 40 lives a year.", "40 lives"),
        ("prediction", "Online sales will overtake high-street sales by 2030.", "overtake"),
        # a reporting frame left in the claim does not make it an event
        ("quantity", "It is believed that almost 300,000 pensioners miss out on the benefit.", "300,000"),
        ("other", "The minister said the government was prepared to veto any new levy.", "veto"),
        ("quantity", "Sixty percent of parents say the school day is too short.", "Sixty percent"),
    ],
)
def test_claim_types_stated_figures_and_frames(engine, claim_type: str, text: str, contains: str) -> None:
    _assert_type(engine, text, contains, claim_type)


@pytest.mark.parametrize(
    "claim_type,text,contains",
    [
        # a statistic that moved or stood still is a quantity, with or without a figure
        ("quantity", "The proportion of women on company boards barely changed last year.", "proportion"),
        ("quantity", "House prices were flat in the north-east in 2019.", "House prices"),
        ("quantity", "Patients on average wait 40 minutes to see a nurse.", "40 minutes"),
        ("quantity", "A new poll shows a two-point lead for the governor.", "two-point lead"),
        # an age that describes a person is not a statistic
        ("event", "A 34-year-old woman was arrested in Hull on Friday.", "arrested"),
        # records over a span of time are comparisons
        ("comparison", "The film has been the least watched for 15 years.", "least watched"),
        ("comparison", "Turnout was the highest since 1992.", "highest"),
        # whether something is within a law is a rule
        ("rule", "The new curfew breaches human rights law.", "breaches"),
        ("rule", "The searches were incompatible with the European Convention on Human Rights.", "incompatible"),
    ],
)
def test_claim_types_statistics_ages_records_and_legality(engine, claim_type: str, text: str, contains: str) -> None:
    _assert_type(engine, text, contains, claim_type)


@pytest.mark.parametrize(
    "claim_type,text,contains",
    [
        # a forecast that states what a figure will be is a quantity; one of change stays a prediction
        ("quantity", "The deficit is projected to be 2 billion pounds this year.", "2 billion"),
        ("prediction", "The economy is expected to grow by 3% next year.", "3%"),
        # holding what a law gives is a rule
        ("rule", "Diplomats have immunity from prosecution.", "immunity"),
        ("rule", "The mayor has the authority to veto the budget.", "authority"),
        # an announcement is an event, whatever it announces
        ("event", "Last week the club announced it would sell the stadium.", "announced"),
    ],
)
def test_claim_types_forecast_figures_and_legal_status(engine, claim_type: str, text: str, contains: str) -> None:
    _assert_type(engine, text, contains, claim_type)


@pytest.mark.parametrize(
    "claim_type,text,contains",
    [
        ("prediction", "We reckon it is going to cost passengers 1.5bn euros a year.", "going to cost"),
        # a copula whose complement happened at a dated or named occasion is an event
        ("event", "The only let-down was a first-round defeat to a qualifier at the Australian Open.", "defeat"),
        ("event", "The buyer of the stadium was a property firm at an auction on Monday.", "auction"),
        ("other", "The tax is a burden on small firms.", "burden"),
    ],
)
def test_claim_types_going_to_and_occasions(engine, claim_type: str, text: str, contains: str) -> None:
    _assert_type(engine, text, contains, claim_type)


@pytest.mark.parametrize(
    "claim_type,text,contains",
    [
        # what a law or bill must, would or will do is a rule; one that passed is an event
        ("rule", "The housing bill would give tenants a right to keep pets.", "keep pets"),
        ("rule", "The new act must be approved by both chambers before it takes effect.", "both chambers"),
        ("event", "The housing bill passed the upper chamber on Tuesday.", "upper chamber"),
        # a charge, tax or test a policy brings in, abolishes or extends is a rule
        ("rule", "Under the deal, prescription charges would be scrapped from next April.", "prescription charges"),
        ("rule", "The health checks will cover every visitor staying longer than a month.", "every visitor"),
        # what happens to a class of requests, and what an arrangement keeps for a class, is a rule
        ("rule", "A failed language test would mean residence applications being rejected.", "rejected"),
        ("rule", "Two seats on the board are reserved for elected parents.", "reserved"),
        ("event", "His planning application was rejected by the council in May.", "rejected"),
        # whether something is within the constitution or a right is a rule
        ("rule", "The attorney said the curfew was within constitutional limits.", "constitutional limits"),
        ("rule", "Campaigners say the scheme is incompatible with the right to privacy.", "incompatible"),
    ],
)
def test_claim_types_rules_through_laws_instruments_and_requests(engine, claim_type: str, text: str, contains: str) -> None:
    _assert_type(engine, text, contains, claim_type)


@pytest.mark.parametrize(
    "claim_type,text,contains",
    [
        # a cause stated by the predicate without a causal verb
        ("causation", "Most of the increase in borrowing reflected higher interest payments.", "interest payments"),
        ("causation", "The fall in crime is partly attributable to better street lighting.", "street lighting"),
        ("causation", "The free bus passes made little difference to car use.", "little difference"),
        # the motive for an agent's act is not a causal claim: the act is the claim
        ("event", "The treasurer destroyed the receipts because they showed the overspend.", "destroyed the receipts"),
        ("event", "A council officer tried to delay the inspection because of the election.", "delay the inspection"),
        # "make up" gives a share, not a cause
        ("quantity", "Tourism now makes up about 12% of the island's income, and fishing has become less important.", "12%"),
    ],
)
def test_claim_types_causes_without_causal_verbs_and_motives(engine, claim_type: str, text: str, contains: str) -> None:
    _assert_type(engine, text, contains, claim_type)


@pytest.mark.parametrize(
    "claim_type,text,contains",
    [
        # a claim that something is absent is not an event
        ("other", "The audit found no evidence that the councillor had been paid.", "no evidence"),
        ("other", "The leaked memos had no connection to the planning dispute.", "no connection"),
        ("other", "Neither of the two reports mentions the missing funds.", "missing funds"),
        ("other", "The review found almost nothing that the press had not already published.", "almost nothing"),
        # a passive with a negative subject reports what an act produced: an event
        ("event", "No arrests were made after the march.", "arrests"),
        # an absence with a figure stays a quantity
        ("quantity", "The firm paid no tax on 40 million pounds of profit.", "40 million"),
    ],
)
def test_claim_types_absences_are_other(engine, claim_type: str, text: str, contains: str) -> None:
    _assert_type(engine, text, contains, claim_type)


@pytest.mark.parametrize(
    "claim_type,text,contains",
    [
        # a superlative joined to a participle ranks by a measure
        ("comparison", "The best-selling novel of the decade was a crime thriller.", "best-selling"),
        # "for the first time since" is a record that a forecast outranks
        ("prediction", "By 2030 the debt would exceed 3 trillion pounds for the first time since the war.", "3 trillion"),
        # "never" with "before <date>" is a frequency, not a record
        ("event", "The agency almost never checked its own files before 2015.", "never checked"),
        # a price or outlay a decision sets, and a count a decision acts on, are stated figures
        ("quantity", "The council will spend 4 million pounds to buy the old depot.", "4 million"),
        ("quantity", "About 2,000 new homes will be built on the old airfield.", "2,000"),
        ("prediction", "More than 300 doctors are poised to leave the service.", "300 doctors"),
        # a majority that is a body of people is not a share
        ("event", "The council's Labour majority voted to close the pool.", "voted to close"),
    ],
)
def test_claim_types_rankings_records_and_stated_figures(engine, claim_type: str, text: str, contains: str) -> None:
    _assert_type(engine, text, contains, claim_type)


@pytest.mark.parametrize(
    "claim_type,text,contains",
    [
        # what a class of people gets or loses under a rule is a rule
        ("rule", "Motorists who drive without insurance will receive a fine.", "receive a fine"),
        ("rule", "Pubs that serve drunk customers face losing their licence.", "licence"),
        ("rule", "Anyone earning more than 60,000 pounds will lose the allowance.", "lose the allowance"),
        ("prediction", "Motorists will get cheaper petrol next year.", "cheaper petrol"),
        # the content of a forecast whose frame is left out is a prediction
        ("prediction", "The central bank expects unemployment to rise to 6% next spring.", "6%"),
        # "is linked to" and "pushed up" state causes when the subject is not a person or body
        ("causation", "Air pollution is linked to thousands of early deaths.", "linked"),
        ("causation", "Higher energy prices have pushed up the cost of bread.", "pushed up"),
        ("event", "Mr Okafor was linked to the fraud by his emails.", "linked"),
        # a cause inside the content of a noun ("no evidence that ...") is not the claim's predicate
        ("other", "There is no evidence that the new drug causes memory loss.", "no evidence"),
    ],
)
def test_claim_types_sanctions_forecast_content_and_links(engine, claim_type: str, text: str, contains: str) -> None:
    _assert_type(engine, text, contains, claim_type)


@pytest.mark.parametrize(
    "claim_type,text,contains",
    [
        # a verdict stays an opinion when its figure only describes the subject
        ("other", "The minister's 10-point plan is deeply flawed.", "flawed"),
        ("other", "Its 60-page report is a masterpiece of evasion.", "masterpiece"),
        ("other", "The team's 4-0 defeat was humiliating.", "humiliating"),
        # a figure in the predicate keeps it checkable
        ("quantity", "The scheme was a failure: only 12% of homes were insulated.", "12%"),
        # a multiple of a standard and a record held are comparisons, even beside a figure
        ("comparison", "At 9%, the town's jobless rate is double the national average.", "double"),
        ("comparison", "With 52 goals, she is the club's record scorer.", "record scorer"),
        ("quantity", "Sales hit a record 5 million units last year.", "5 million"),
    ],
)
def test_claim_types_verdicts_with_descriptive_figures_and_multiples(engine, claim_type: str, text: str, contains: str) -> None:
    _assert_type(engine, text, contains, claim_type)


@pytest.mark.parametrize(
    "claim_type,text,contains",
    [
        # A future clause under a condition anyone may meet, with a figure of its own, states a regularity.
        ("quantity", "If you smoke, your risk of a stroke will rise by 20%.", "20%"),
        ("quantity", "If you are driving at 50mph, eight times out of ten the pedestrian will die.", "eight times"),
        ("quantity", "When a driver is over the limit, three crashes in four will end in injury.", "three crashes"),
        # A particular condition forecasts one outcome; a figure only in the condition is no regularity.
        ("prediction", "If she wins, she will cut taxes by 2%.", "cut taxes"),
        ("prediction", "If you hit someone at 30mph, they will probably survive.", "survive"),
        ("prediction", "If prices rise by 5%, many families will struggle.", "struggle"),
    ],
)
def test_claim_types_generic_conditions_with_figures_are_regularities(engine, claim_type: str, text: str, contains: str) -> None:
    _assert_type(engine, text, contains, claim_type)


@pytest.mark.parametrize(
    "claim_type,text,contains",
    [
        # A copula saying who a named party is to another party is an affiliation: a role.
        ("role", "Northgate is a catering contractor for the Ministry of Defence.", "contractor"),
        ("role", "The ministry's chief buyer is Ann Lee.", "Ann Lee"),
        # A superlative stays a comparison, a future copula a forecast, a place no role, a verdict an opinion.
        ("comparison", "The company's biggest customer is the Pentagon.", "Pentagon"),
        ("prediction", "Wimbledon will be his main target next year.", "target"),
        ("other", "Paris is the capital of France.", "capital"),
        ("other", "Johnson is a disgrace to the Conservative party.", "disgrace"),
    ],
)
def test_claim_types_identity_with_another_party_is_a_role(engine, claim_type: str, text: str, contains: str) -> None:
    _assert_type(engine, text, contains, claim_type)
