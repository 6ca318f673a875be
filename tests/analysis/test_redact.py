"""Redaction of personal data, as seen in what leaves the officer area."""
import pytest

from analysis.redact import KINDS, RedactedSpan, Redaction, redact
from tests.conftest import naughty_strings

PII = [
    # phones
    ("ring 07700 900123 after six", "07700 900123", "PHONE"),
    ("ring 07700900123 after six", "07700900123", "PHONE"),
    ("ring +44 7700 900 123 after six", "+44 7700 900 123", "PHONE"),
    ("ring +447700900123 after six", "+447700900123", "PHONE"),
    ("ring 0044 7700 900123 after six", "0044 7700 900123", "PHONE"),
    ("ring +44 (0)191 496 0123 after six", "+44 (0)191 496 0123", "PHONE"),
    ("ring (0191) 123 4567 after six", "(0191) 123 4567", "PHONE"),
    ("ring 0191 123 4567 after six", "0191 123 4567", "PHONE"),
    ("ring 0191-496-0123 after six", "0191-496-0123", "PHONE"),
    ("ring 020 7946 0018 after six", "020 7946 0018", "PHONE"),
    ("ring 01642 496123 after six", "01642 496123", "PHONE"),
    ("ring 07700 900 123 after six", "07700 900 123", "PHONE"),
    # e-mail, web, handles
    ("write to k.robson1971@yahoo.co.uk please", "k.robson1971@yahoo.co.uk", "EMAIL"),
    ("write to SUE_B+street@outlook.com please", "SUE_B+street@outlook.com", "EMAIL"),
    ("see https://twitter.com/someone/status/123 for the video", "https://twitter.com/someone/status/123", "URL"),
    ("see www.tiktok.com/@ne_watch for the video", "www.tiktok.com/@ne_watch", "URL"),
    ("see fb.me/westendmams for the video", "fb.me/westendmams", "URL"),
    ("@bensham_lad posted it", "@bensham_lad", "HANDLE"),
    ("ask @Kerry.B on the group", "@Kerry.B", "HANDLE"),
    # vehicles
    ("a black Audi AB12 CDE parked up", "AB12 CDE", "VEHICLE"),
    ("a black Audi AB12CDE parked up", "AB12CDE", "VEHICLE"),
    ("a black Audi ab12 cde parked up", "ab12 cde", "VEHICLE"),
    ("an old Escort A123 BCD parked up", "A123 BCD", "VEHICLE"),
    ("an old Mini ABC 123D parked up", "ABC 123D", "VEHICLE"),
    ("a van ABZ 1234 parked up", "ABZ 1234", "VEHICLE"),
    ("the plate starting YT6 parked up", "YT6", "VEHICLE"),
    ("reg was something like NK1 parked up", "NK1", "VEHICLE"),
    # postcodes
    ("we're in NE1 4ST", "NE1 4ST", "POSTCODE"),
    ("we're in ne14st", "ne14st", "POSTCODE"),
    ("we're in TS1 2AB", "TS1 2AB", "POSTCODE"),
    ("we're in DH1 3LE", "DH1 3LE", "POSTCODE"),
    ("we're in sr2 7tz", "sr2 7tz", "POSTCODE"),
    # addresses
    ("the lads at 12 Grange Road", "12 Grange Road", "ADDRESS"),
    ("the lads at 3 Cavendish Place", "3 Cavendish Place", "ADDRESS"),
    ("the lads at 112b Heaton Park Road", "112b Heaton Park Road", "ADDRESS"),
    ("the lads at 9 westmorland road", "9 westmorland road", "ADDRESS"),
    ("the lads at number 12", "number 12", "ADDRESS"),
    ("the lads at no. 12", "no. 12", "ADDRESS"),
    ("the lads in flat 3b", "flat 3b", "ADDRESS"),
    ("the house at 45 is a drug den", "45", "ADDRESS"),
    # names
    ("a woman called Kelly runs it", "Kelly", "NAME"),
    ("Mr Smith complained", "Mr Smith", "NAME"),
    ("Mrs O'Neill complained", "Mrs O'Neill", "NAME"),
    ("Dr Patel complained", "Dr Patel", "NAME"),
    ("my neighbour Gary complained", "Gary", "NAME"),
    ("her name is Sarah and she's lovely", "Sarah", "NAME"),
    ("a lad named Tommy deals", "Tommy", "NAME"),
    ("our Kev saw it all", "Kev", "NAME"),
    ("my sister Joanne Reilly saw it all", "Joanne Reilly", "NAME"),
    ("my neighbour Mrs Okafor saw it all", "Mrs Okafor", "NAME"),
    ("I wrote to Councillor Hetherington twice", "Councillor Hetherington", "NAME"),
    ("a man, name Dilan, works there", "Dilan", "NAME"),
    ("the alley gate between 21 and 23 Albert Street is broken", "21 and 23 Albert Street", "ADDRESS"),
    ("My colleague tomasz found it by the Jet Wash", "tomasz", "NAME"),
    ("PCSO Hussain was great", "PCSO Hussain", "NAME"),
    ("a fella known as Mad Mick sells it", "Mad Mick", "NAME"),
    ("I'm Lorraine, happy to talk", "Lorraine", "NAME"),
    ("Brian next door has seen them", "Brian", "NAME"),
    ("ask for Kelly-Ann at the centre", "Kelly-Ann", "NAME"),
    ("seen by Dr. Marcus at the surgery", "Dr. Marcus", "NAME"),
    ("Needles again. Shaz next door found them", "Shaz", "NAME"),
    ("he calls himself Razor, sells from the van", "Razor", "NAME"),
    # half-seen plates, e-mails written out, handles named by their platform
    ("Black BMW, couldnt get the whole plate but it ends in KLM, always about 1am.", "KLM", "VEHICLE"),
    ("Blue Corsa, first letters were VK, a woman driving", "VK", "VEHICLE"),
    ("Please reply to paulacurry at hotmail dot com, not by letter", "paulacurry at hotmail dot com", "EMAIL"),
    ("snapchat kaylz_x posts videos laughing at the girls", "kaylz_x", "HANDLE"),
]


@pytest.mark.parametrize(("text", "pii", "placeholder"), PII)
def test_personal_data_is_replaced_and_the_rest_kept(text, pii, placeholder):
    result = redact(text)

    assert pii not in result.text
    assert f"[{placeholder}]" in result.text
    before, after = text.split(pii, 1)
    assert result.text == f"{before}[{placeholder}]{after}"
    assert [(s.start, s.end) for s in result.spans] == [(len(before), len(before) + len(pii))]
    assert result.spans[0].kind.upper() == placeholder


@pytest.mark.parametrize(
    "text",
    [
        "they pick up on the A1 and the M62 and the A1058",
        "it started in 2019 and by 2021 it was every night",
        "from 10pm till 3am, 24/7 in the summer",
        "£20 a time, sometimes £50",
        "the whole TS1 area and most of NE4",
        "Grange Road and Stanhope Street are the worst",
        "Police never come. God knows why",
        "Elswick Road at the junction with Westgate Road",
        "I miss the old days when the Co-op was open",
        "3 cars, 2 vans and a taxi in 10 minutes",
        "the 38 bus stop on Scotswood Road",
        "we've lived here 25 years, 12 of them next to the lane",
        "a CCTV camera on the BT pole would help",
        "call 999 in an emergency or 101 otherwise",
        "got home b4 7pm to avoid them",
        "I work nights and get home at 6.30am to find needles on the doorstep",
        "cars idling outside my house at 2 or 3 in the morning with the music on",
        "Police at the school gates at 8.45 and 3.15, parents park on the zig zags",
        "a £1,200 car park fine for the residents",
        "Is it the Council or the Police who deal with it?",
        "My neighbour said the lights are out again",
        "I called the police twice",
        "please contact Northumbria Police or speak to Newcastle City Council",
        "ask for Crimestoppers, they're anonymous",
        "THE CARS ARE OUT AGAIN AND THE NOISE IS TERRIBLE",
        "Abandoned mattresses. Broken glass. Nobody cares",
        "Incident number 0412 of 22/06/2024. Still waiting for a call back.",
        "The number 17 and the X66 both stop right where they stand",
        "Log number 1187 from the 3rd of May, they said an officer would call",
        "it always ends in tears, the NHS ends in UK",
        "Improvement needed for people just starting with MH problems",
        "snapchat videos of the girls are all over",
        "n/a",
        "",
    ],
)
def test_ordinary_words_numbers_and_places_are_left_alone(text):
    result = redact(text)

    assert result.text == text
    assert result.spans == ()


def test_several_kinds_in_one_answer_keep_the_words_between_them():
    text = "Gary (my neighbour) at 4 Rye Hill, NE4 6AB, rang 0191 496 0000 and emailed gary@example.com about PK09 XYZ."

    result = redact(text)

    assert result.text == (
        "[NAME] (my neighbour) at [ADDRESS], [POSTCODE], rang [PHONE] and emailed [EMAIL] about [VEHICLE]."
    )
    assert [s.kind for s in result.spans] == ["name", "address", "postcode", "phone", "email", "vehicle"]
    for span in result.spans:
        assert span.kind in KINDS


def test_a_name_located_by_a_house_number_loses_both():
    assert redact("Dave from number 12 lets them in").text == "[NAME] from [ADDRESS] lets them in"


def test_spans_point_into_the_original_text_in_order():
    text = "Mrs Dodds at flat 2, call 07700 900461"

    result = redact(text)

    assert [text[s.start:s.end] for s in result.spans] == ["Mrs Dodds", "flat 2", "07700 900461"]
    assert all(a.end <= b.start for a, b in zip(result.spans, result.spans[1:]))
    assert all(isinstance(s, RedactedSpan) for s in result.spans)


def test_whitespace_and_line_breaks_are_kept():
    text = "  Number 7\n\n  lets them use the yard\t(ring 07700 900999)  "

    assert redact(text).text == "  [ADDRESS]\n\n  lets them use the yard\t(ring [PHONE])  "


def test_redaction_is_frozen():
    result = redact("ring 07700 900123")

    assert isinstance(result, Redaction)
    with pytest.raises(AttributeError):
        result.text = "x"  # type: ignore[misc]


def test_naughty_strings_never_raise_and_keep_everything_outside_the_spans():
    strings = naughty_strings()
    assert len(strings) > 500

    for text in strings:
        result = redact(text)
        assert isinstance(result.text, str)
        rebuilt, position = [], 0
        for span in result.spans:
            assert 0 <= position <= span.start < span.end <= len(text)
            rebuilt.append(text[position:span.start])
            rebuilt.append(f"[{span.kind.upper()}]")
            position = span.end
        rebuilt.append(text[position:])
        assert "".join(rebuilt) == result.text


def test_capital_first_word_pattern_finds_what_a_word_boundary_pattern_finds():
    """_CAPITALISED is written capital first for speed; it must mean \\b[A-Z][A-Za-z'’-]+."""
    import re

    from analysis import redact as redact_module

    reference = re.compile(r"\b[A-Z][A-Za-z'’-]+")
    texts = naughty_strings() + [
        "Gary", " Gary", "_Gary", "9Gary", "éGary", "ÉGary", "aBc", "O'Neil and Mary-Jane", "said:Kelly"]
    for text in texts:
        assert ([m.span() for m in redact_module._CAPITALISED.finditer(text)]
                == [m.span() for m in reference.finditer(text)]), text


@pytest.mark.parametrize("text", ["a woman CALLED Kelly", "they call him Big Steve", "ask for Jean at the desk",
                                  "her NAME IS Sarah", "speak to Jean", "known as Gaz"])
def test_cues_in_any_case_are_found(text):
    assert "[NAME]" in redact(text).text


@pytest.mark.parametrize(("text", "expected"), [
    ("ever since Tony moved into the flat upstairs theres people at all hours",
     "ever since [NAME] moved into the flat upstairs theres people at all hours"),
    ("White van man Ray Collins dumping rubbish in the beck", "White van man [NAME] dumping rubbish in the beck"),
    ("Jill was amazing with my son", "[NAME] was amazing with my son"),
    ("Sonia Ahmed from the residents association has a list", "[NAME] from the residents association has a list"),
    ("Thanks Ahmed for the help", "Thanks [NAME] for the help"),
    ("Apparently Tony saw it all from his window", "Apparently [NAME] saw it all from his window"),
    ("Maybe Gary knows who it is", "Maybe [NAME] knows who it is"),
    ("Number 34 Wingrove Ave has people coming and going", "[ADDRESS] has people coming and going"),
    # names of every generation, not only the commonest
    ("Old Wilf across the way is ninety and frightened", "Old [NAME] across the way is ninety and frightened"),
    ("me and Tegan walk back together now", "me and [NAME] walk back together now"),
    ("Tasha hasn't been seen since Tuesday", "[NAME] hasn't been seen since Tuesday"),
    ("ring the club and ask for Alf", "ring the club and ask for [NAME]"),
    ("Olena from the warehouse saw the whole thing", "[NAME] from the warehouse saw the whole thing"),
])
def test_common_first_names_need_no_cue(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", [
    "Mark my words, someone will get hurt", "Will somebody please fix the lights",
    "the lights on Victoria Road are out", "we waited at James Cook Hospital for hours",
    "the lane behind Mary Jane Lane", "the light went to Amber and he drove through",
    "Watched that Vera episode set on the quayside", "Reg starts NK, silver Astra", "the bus to Stanley was late",
])
def test_first_names_that_are_everyday_words_or_places_are_kept(text):
    assert redact(text).text == text


@pytest.mark.parametrize("plate", ["AIJ 1234", "BFZ 123", "OIJ 4567", "LXZ1234"])
def test_northern_irish_plates_in_both_letter_orders(plate):
    assert redact(f"a car with plate {plate} parks across my drive").text == "a car with plate [VEHICLE] parks across my drive"


# Names told by their context rather than by a capital alone, and words that only look like names.
IN_CONTEXT = [
    # an answer in capitals: the capitals say nothing, known first names and addresses still go
    ("IT WAS MAUREEN WHO RANG THEM, SHE LIVES AT 14 PEARTREE ROW", "IT WAS [NAME] WHO RANG THEM, SHE LIVES AT [ADDRESS]"),
    ("MY NEIGHBOUR RANG 101 AGAIN. THE KIDS WALKED PAST IT", "MY NEIGHBOUR RANG 101 AGAIN. THE KIDS WALKED PAST IT"),
    ("A BOBBY ON THE BEAT AND THE LADS WOULD SOON SHIFT", "A BOBBY ON THE BEAT AND THE LADS WOULD SOON SHIFT"),
    # an answer without capitals
    ("me and my mate kieran got chased off the rec", "me and my mate [NAME] got chased off the rec"),
    ("shirley over the road had her car keyed", "[NAME] over the road had her car keyed"),
    ("found another johnny on the step, new years eve as well", "found another johnny on the step, new years eve as well"),
    # possessive and double-barrelled first names; a church, a hill and a pub are no one
    ("Carol's husband found the needles", "Carol's husband found the needles"),  # an everyday word alone
    ("Shirley's car got keyed again", "[NAME]'s car got keyed again"),
    ("they broke into Declan's shed", "they broke into [NAME]'s shed"),
    ("the vigil at St Agnes's was lovely", "the vigil at St Agnes's was lovely"),
    ("it was better up at Gordon's Hill", "it was better up at Gordon's Hill"),
    ("a pint in the Davy Lamp after work", "a pint in the Davy Lamp after work"),
    ("my kids Kayden and Lacey-Mae are scared", "my kids [NAME] and [NAME] are scared"),
    # a name set off by commas after the person it names, even a name that is also a word
    ("the young lass from the flats, Amber, has not been home", "the young lass from the flats, [NAME], has not been home"),
    ("one of my tenants, Grace, had her door kicked in", "one of my tenants, [NAME], had her door kicked in"),
    ("We spoke to a girl, Holly I think, who looked frozen", "We spoke to a girl, [NAME] I think, who looked frozen"),
    ("I am worried about Ruby, who sleeps in the bus shelter", "I am worried about [NAME], who sleeps in the bus shelter"),
    # and a first name joined to a name found
    ("Lovely neighbours, especially Pat and Brian over the road", "Lovely neighbours, especially [NAME] and [NAME] over the road"),
    ("since my Frank passed I don't go out", "since my [NAME] passed I don't go out"),
    # but not a nationality set off by commas, nor months in a list
    ("women from my country, Latvian I think, in the end house", "women from my country, Latvian I think, in the end house"),
    ("my daughter came in May, June and July", "my daughter came in May, June and July"),
]


@pytest.mark.parametrize(("text", "expected"), IN_CONTEXT)
def test_names_are_read_from_their_context_in_any_case(text, expected):
    assert redact(text).text == expected
