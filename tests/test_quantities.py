"""The quantity finder on real phrases from the source (table-driven) and on generated ones (hypothesis)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tip_gms.quantities import find

# (phrase from the source, [(as_printed, value, value_max, unit, qualifier, written_in_words), ...])
REAL_PHRASES = [
    ("About 600,000~800,000 trafficking victims every year in the world",
     [("600,000~800,000", 600_000, 800_000, "persons", "about", False)]),
    ("and profit made out of them about US$. 5 to 7 billion.",
     [("US$. 5 to 7 billion", 5e9, 7e9, "usd", "about", False)]),
    ("One third of the victims are from the South-east Asia.", [("One third", 1 / 3, None, "fraction", None, True)]),
    ("Over one million children are sexually exploited in the Asian region.",
     [("one million", 1e6, None, "persons", "over", True)]),
    ("Over 88,000 Cambodian women and children crossed the boarder to Thailand in 2004, but officially "
     "registered about 10,000 only. (cf. about 27,000 men were registered)",
     [("88,000", 88_000, None, "persons", "over", False), ("10,000", 10_000, None, None, "about", False),
      ("27,000", 27_000, None, "persons", "about", False)]),
    ("Only 20% of the whole trafficking victims appealed to the court.", [("20%", 20, None, "percent", None, False)]),
    ("About 50,000 to 55,000 sex workers in Cambodia: 35% is from Viet Nam",
     [("50,000 to 55,000", 50_000, 55_000, "persons", "about", False), ("35%", 35, None, "percent", None, False)]),
    ("(270,000 people working for over 220 garment factories, 85% of which are women and girls.",
     [("270,000", 270_000, None, "persons", None, False), ("220", 220, None, "count", "over", False),
      ("85%", 85, None, "percent", None, False)]),
    ("coming from rural areas, under 18 years old.)", [("18", 18, None, "years", "under", False)]),
    ("over 1 million tourists visit Cambodia each year, which contribute more than 12% of GDP.",
     [("1 million", 1e6, None, "persons", "over", False), ("12%", 12, None, "percent", "more_than", False)]),
    ("In 2005, the Cambodian Police has searched 67 cases, arrested 111 brokers/traffickers and rescued 164 victims",
     [("67", 67, None, "count", None, False), ("111", 111, None, "persons", None, False),
      ("164", 164, None, "persons", None, False)]),
    ("The government has two shelters under the Ministry", [("two", 2, None, "count", None, True)]),
    ("which protected 524 girls between 2002 and 2004.", [("524", 524, None, "persons", None, False)]),
    ("supported more than 2,067 women since 2001.", [("2,067", 2067, None, "persons", "more_than", False)]),
    ("routes exist along the 1,754-kilometer borders", [("1,754-kilometer", 1754, None, "km", None, False)]),
    ("Many trafficking victims, mostly range from 15-24 years of age, are lured",
     [("15-24", 15, 24, "years", None, False)]),
    ("Twice a month, the Ministry receives Lao victims from Thailand.", [("Twice", 2, None, "times", None, True)]),
    ("There is a trafficking case in every 17 province surveyed", [("17", 17, None, "count", None, False)]),
    ("about 63% were under 18 years old and 33% were between 19 and 29 years old.",
     [("63%", 63, None, "percent", "about", False), ("18", 18, None, "years", "under", False),
      ("33%", 33, None, "percent", None, False), ("between 19 and 29", 19, 29, "years", None, False)]),
    ("girls aged between 12-18 years old, 35% ended up in forced prostitution",
     [("between 12-18", 12, 18, "years", None, False), ("35%", 35, None, "percent", None, False)]),
    ("to stay up to 7 days, then they will be sent back", [("7", 7, None, "days", "up_to", False)]),
    ("accommodated 24 victims of violence, 21 of whom have been the trafficked victims",
     [("24", 24, None, "persons", None, False), ("21", 21, None, None, None, False)]),
    ("Myanmar has national borders with five countries, Bangladesh, China", [("five", 5, None, "count", None, True)]),
    ("8 out of which are major ethnic groups: 69% are Bamar, 8.5% Shan, 6.2% Karen",
     [("8", 8, None, None, None, False), ("69%", 69, None, "percent", None, False),
      ("8.5%", 8.5, None, "percent", None, False), ("6.2%", 6.2, None, "percent", None, False)]),
    ("Most young people start migrating at the age of thirteen.", [("thirteen", 13, None, "years", None, True)]),
    ("The girls are trafficked around the age of 10 to 12 years old.", [("10 to 12", 10, 12, "years", "about", False)]),
    ("where the victims can stay for one day to a month.", [("one", 1, None, "days", None, True)]),
    ("Some centers provide one month training", [("one", 1, None, "months", None, True)]),
    ("one of their seven major programs has been anti-trafficking", [("seven", 7, None, "count", None, True)]),
    ("It has 33-kilometer border with Guangxi, China with one international border gate.",
     [("33-kilometer", 33, None, "km", None, False), ("one", 1, None, "count", None, True)]),
    ("prison sentences of 2 to 20 years for each offense ... and for between 3 years and life in prison",
     [("2 to 20", 2, 20, "years", None, False), ("3", 3, None, "years", "at_least", False)]),
    ("Returnees can stay for the maximum of 2 weeks.", [("2", 2, None, "weeks", "up_to", False)]),
    ("The credit can be provided for one (1) year at the maximum of 1,000,000 dong/time. The borrower will have "
     "to return 50% of the amount with small interest within half a year.",
     [("one (1)", 1, None, "years", None, True), ("1,000,000 dong", 1e6, None, "vnd", "up_to", False),
      ("50%", 50, None, "percent", None, False), ("half", 0.5, None, "years", None, True)]),
    ("It is estimated that the real figure would be double the number registered.",
     [("double", 2, None, "times", None, True)]),
    ("however, the real figure would be triple or more.", [("triple", 3, None, "times", "at_least", True)]),
    ("Nine formally recognized ethnic minority groups with a total population of about 900,000 persons",
     [("Nine", 9, None, "count", None, True), ("900,000", 900_000, None, "persons", "about", False)]),
    ("sent by court order to rehabilitation for two years while", [("two", 2, None, "years", None, True)]),
    ("to coordinate 9 provinces in the North Thailand. MOU has been made among 9 provinces.",
     [("9", 9, None, "count", None, False), ("9", 9, None, "count", None, False)]),
    ("(As of Oct.2005: 144 persons under 15 years-old, 135 persons between 15-18 years-old, 75 persons between "
     "9-24 years-old, and 26 persons over 25 years-old)",
     [("144", 144, None, "persons", None, False), ("15", 15, None, "years", "under", False),
      ("135", 135, None, "persons", None, False), ("between 15-18", 15, 18, "years", None, False),
      ("75", 75, None, "persons", None, False), ("between 9-24", 9, 24, "years", None, False),
      ("26", 26, None, "persons", None, False), ("25", 25, None, "years", "over", False)]),
    ("consisting of 39 women NGOs, and closely coordinating", [("39", 39, None, "count", None, False)]),
    ("GMS (6 countries) - signed in October 2004.", [("6", 6, None, "count", None, False)]),
    ("5 Myanmar girls at Nakorn Rachasima center in January 2007,", [("5", 5, None, "persons", None, False)]),
]

# Phrases from the source whose numbers are not quantities.
NOT_QUANTITIES = [
    "1996~2000 Manila Process (International Migration and Human Trafficking)",
    "Oct. 2004 COMMIT Process (Coordinated Mekong Ministerial Initiative against Trafficking)",
    "1996 Prostitution Prevention and Suppression Act (B.E. 2539) was made mainly to prevent child prostitution.",
    "1997 Women and Children Trafficking Prevention and Suppression Act (B.E.2540) refers to women",
    "1. To find out the core problems concerned with TIP",
    "2-1. Legal Framework**",
    "1 - Act as a focal Mechanism to implement bilateral-multilateral MOU/Agreement.",
    "1) prevention",
    "2. Cambodia (with NVEC), Jan.2006",
    "Nov. 2004 ASEAN Declaration against Trafficking in Persons particularly Women and Children, 10th ASEAN Summit",
    "2005: Cambodia has been re-classified as Tier 3 by the US report on trafficking, then as Tier 2-WL in 2006",
    "Tier 1: Countries whose governments fully comply with the Act's minimum standards.",
    "However, in the COMMIT Senior Officials Meeting (4) in August 2006, it has placed the NPA",
    "2004: National Action Plan No.130 on the implementation of the Action Program from 2004 to 2010",
    "The Anti Trafficking in Persons Law (The State Peace and Development Council Law No. 5/ 2005) was adopted",
    "Criminal Code (1985, amended in 2004), section 149 is used for anti-trafficking actions.",
    "The Law has included the punishment of agents and brokers of trafficking in Article 27.",
    "has been called \"130 office\", subsequent to the National Action Plan No.130.",
    "1999: National Five Year Plan against Child Trafficking and Sexual Exploitation",
    "The Six-year National Plan and Policy on Prevention and Resolution of Domestic and Cross-border Trafficking",
    "Alliance for the Advancement of Women, established in 2000, after Beijing+5,",
    "MOU between GO's and NGOs to help the victims of trafficking: signed on 6 Feb 2007",
    "(refer to notice agreement of Samdech Prime Minister, dated June15,2006 and the information letter of the "
    "Council of Ministers, dated July 17,2006)",
    "Bangkok, 7-9 March 2007",
    "March 07-09, 2007",
    "The Northern border town of Mong Cai in Quang Ninh province is one of the main Chinese borders",
    "2 pilot recover centers for the victims of trafficking; one in Quang Ninh in the north",
    "which is the same center as the one used to accommodate prostitutes.",
    "A few in Pisanuloke center as of Feb. 2007",
    "Neary Rattanak II Five Year Strategic Plan 2005-2009, addressed anti-trafficking programs.",
    "Northern Thailand in 2006, and government centers/shelters in 2006 -2007",
]


def as_tuples(text):
    return [(q.as_printed, q.value, q.value_max, q.unit, q.qualifier, q.written_in_words) for q in find(text)]


@pytest.mark.parametrize(("phrase", "expected"), REAL_PHRASES, ids=[p[:40] for p, _ in REAL_PHRASES])
def test_real_phrases(phrase, expected):
    assert as_tuples(phrase) == expected


@pytest.mark.parametrize("phrase", NOT_QUANTITIES, ids=[p[:40] for p in NOT_QUANTITIES])
def test_numbers_that_are_not_quantities(phrase):
    found = as_tuples(phrase)
    if "2 pilot recover centers" in phrase:
        assert found == [("2", 2, None, "count", None, False)]  # the count stays, the pronoun "one" does not
    else:
        assert found == []


def test_spans_point_into_the_text():
    text = "- About 600,000~800,000 trafficking victims"
    for quantity in find(text):
        assert text[quantity.start : quantity.start + len(quantity.as_printed)] == quantity.as_printed


def test_there_are_at_least_forty_real_phrases():
    assert len(REAL_PHRASES) + len(NOT_QUANTITIES) >= 40


def with_separators(n: int) -> str:
    return f"{n:,}"


@given(st.integers(min_value=0, max_value=10**9).filter(lambda n: not 1900 <= n <= 2099))
def test_any_count_is_read_with_or_without_separators(n):
    for printed in {str(n), with_separators(n)}:
        found = find(f"There were {printed} victims in the centre.")
        assert [(q.as_printed, q.value, q.unit) for q in found] == [(printed, n, "persons")]


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6),
       st.sampled_from(["~", " to ", "-"]))
def test_any_range_gives_both_bounds(low, high, separator):
    low, high = sorted((low, high))
    if 1900 <= low <= 2099 and 1900 <= high <= 2099:
        return  # a span of years, covered below
    printed = f"{with_separators(low)}{separator}{with_separators(high)}"
    found = find(f"About {printed} sex workers")
    assert [(q.value, q.value_max, q.qualifier) for q in found] == [(low, high, "about")]


@given(st.integers(min_value=1900, max_value=2098))
def test_years_are_never_quantities(year):
    assert find(f"In {year}, the law on trafficking was passed in {year}-{year + 1}.") == []


@given(st.decimals(min_value=0, max_value=100, places=1, allow_nan=False))
def test_any_printed_percentage(share):
    found = find(f"Only {share}% of the victims appealed.")
    assert [(q.value, q.unit) for q in found] == [(float(share), "percent")]


@given(st.sampled_from(["one", "two", "three", "five", "seven", "nine", "ten", "thirteen", "twenty"]),
       st.sampled_from(["shelters", "countries", "victims", "years"]))
def test_number_words_with_a_counted_noun(word, noun):
    found = find(f"The government has {word} {noun} in the north.")
    assert len(found) == 1 and found[0].written_in_words and found[0].as_printed == word
