"""Redaction of UK personal data from free text, before anything leaves the officer area.

``redact(text)`` replaces phone numbers, e-mail addresses, vehicle registrations, postcodes,
house numbers with streets, people's names (from context), URLs and social media handles with
typed placeholders ("[PHONE]", "[NAME]"...), and keeps every other character as typed.

Names come from context: a title ("Mr Smith", "PC Johnson"), a relation or role ("my neighbour
Gary", "our Kev", "my brothers Rahim and Sami"), a cue ("a woman called Kelly", "her name is
Sarah", "ask for Jean", "Dave from number 12"), commas after a person ("the lass from the flats,
Amber, has..."), or "and" beside a name found ("Pat and Brian"). A common first name needs no
cue ("ever since Tony moved in", "Shirley's car") unless it is also a word or a place ("Mark my
words", "Victoria Road", "the Davy Lamp"). Other capitalised words ("Police", "God", street
names) stay. An answer all in capitals or all in lower case is read as if cased with care
("SINCE JEAN DIED", "my mate ryan"). Partial number plates ("YT6") only count after a plate cue
("reg", "plate starting"), so road numbers ("A1", "M62") and lone postcode districts ("TS1")
stay too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.names import FIRST_NAMES
from analysis.regexutil import trie_regex

__all__ = ["KINDS", "RedactedSpan", "Redaction", "redact"]

# Kinds, in the order that wins when two matches overlap.
KINDS = ("email", "url", "handle", "phone", "postcode", "vehicle", "address", "name")
_RANK = {kind: i for i, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class RedactedSpan:
    """One removed piece: its kind and where it was in the ORIGINAL text (end exclusive)."""

    kind: str
    start: int
    end: int

    @property
    def placeholder(self) -> str:
        return f"[{self.kind.upper()}]"


@dataclass(frozen=True, slots=True)
class Redaction:
    """The redacted text and the spans removed from the original."""

    text: str
    spans: tuple[RedactedSpan, ...] = ()


_I = re.IGNORECASE
_EMAIL = re.compile(r"[\w.%+'’-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"]+"
    r"|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:co\.uk|org\.uk|gov\.uk|ac\.uk|com|org|net|uk|io|info|ly|me)"
    r"(?:/[^\s<>\"]*)?(?![\w.-]*@)",
    _I,
)
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
# UK phone numbers: +44 / 0044 / 0 then 9-10 more digits, spaces, dots, dashes and brackets
# allowed between them: 07700 900123, (0191) 496 0123, +44 (0)7700 900 123, 07 700 900 321.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s\-.()]{0,2}\d){8,9}(?![\d])"
)
# Postcodes: outward code, optional space, inward code (never C I K M O V in its letters,
# which also keeps "b4 7pm" out).
_POSTCODE = re.compile(
    r"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR)\s*[0-9][ABD-HJLNP-UW-Z]{2}\b", _I
)
_PLATE_WORDS = frozenset(
    "AND THE FOR ARE BUT NOT YOU ALL ANY CAN HAD HER WAS ONE OUR OUT DAY GET HAS HIM HIS HOW MAN NEW NOW OLD SEE "
    "TWO WAY WHO BOY DID ITS LET PUT SAY SHE TOO USE AGO PM AM HRS MINS MPH".split()
)
_VEHICLE = re.compile(
    # current (2001-): AB12 CDE, any case
    r"\b(?P<current>[A-Za-z]{2}[0-9]{2}\s?[A-Za-z]{3})\b"
    # prefix (1983-2001): A123 BCD; suffix (1963-1983): ABC 123D; Northern Ireland: ABZ 1234
    r"|\b(?P<prefix>[A-HJ-NPR-Y][0-9]{1,3}\s?(?P<prefix_letters>[A-Z]{3}))\b"
    r"|\b(?P<suffix>(?P<suffix_letters>[A-Z]{3})\s?[0-9]{1,3}\s?[A-HJ-NPR-Y])\b"
    # Northern Ireland: an optional letter, then a two-letter code holding I or Z (AIJ 1234, BFZ 123)
    r"|\b(?P<ni>[A-Z]?[A-HJ-Z][IZ]\s?[0-9]{1,4}|[A-Z][IZ][A-HJ-Z]\s?[0-9]{1,4})\b"
)
# Partial plates only after a cue: "reg YT6", "plate starting NL19", "number plate was SN15".
_PARTIAL_PLATE = re.compile(
    r"\b(?:reg|registration|plate|plates|number\s*plate|numberplate|reg\s+number)\b[^.!?\n]{0,25}?"
    r"\b(?P<plate>(?:[A-Za-z]{1,3}[0-9]{1,3}|(?-i:(?!I\s)[A-Z]{1,3}\s[0-9]{1,3}))(?:\s?[A-Za-z]{1,3})?)\b",
    _I,
)
# A plate's letters alone, after words that only a half-seen plate follows: "ends in KLM",
# "first letters were VK". Capitals only, and never a common abbreviation.
_PLATE_LETTERS = re.compile(
    r"\b(?:ends?\s+(?:in|with)|ending(?:\s+(?:in|with))?|"
    r"(?:first|last)\s+(?:few\s+|two\s+|three\s+)?(?:letters?|bit)\s+(?:was|were|is|are|being))\s+"
    r"(?P<plate>(?-i:[A-Z]{2,3}))\b(?![\w'’])",
    _I,
)
_NOT_PLATES = frozenset("UK GB NHS ASB CCTV GP TV MP BBC ITV OK PC CID ID ASAP AM PM".split())
# Written out to dodge spam filters: "paulacurry at hotmail dot com"
_SPELT_EMAIL = re.compile(
    r"(?<![\w.])[\w.+'’-]+\s+(?:at|\(at\)|\[at\])\s+[A-Za-z0-9-]+(?:\s+(?:dot|\(dot\)|\[dot\])\s+[A-Za-z0-9-]+)+\b",
    _I,
)
# A handle named by its platform, without an @: "snapchat kaylz_x". It must hold a digit or
# an underscore, so "snapchat videos" stays.
_PLATFORM_HANDLE = re.compile(
    r"\b(?:snapchat|snap|insta|instagram|tiktok|twitter|facebook|fb)\s*(?:name|handle|account|is|:|-)?\s*(?:is\s+)?"
    r"(?P<handle>(?=[\w.]*[_\d])[A-Za-z][\w.]*[A-Za-z0-9_])",
    _I,
)
# A number after these is a reference or a bus, not a house: "incident number 0412", "the number 17"
_NOT_HOUSE_NUMBER = re.compile(
    r"(?:incident|log|reference|ref|crime|case|report|job|ticket|complaint|call|bus|route|"
    r"(?<!\bat\s)(?<!\bfrom\s)(?<!\bto\s)(?<!\bin\s)the)\s+$",
    _I,
)
_STREET_TYPES = (
    r"Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Terrace|Terr|Ter|Close|Cl|Crescent|Cres|Drive|Dr|Place|Pl|Grove|Gr|"
    r"Gardens|Gdns|Row|Way|Court|Ct|View|Walk|Square|Sq|Parade|Pde|Hill|Park|Mews|Villas|Green|Vale|Rise|Bank|"
    r"Chare|Wynd|Gate|Yard|Buildings|Estate|Boulevard|Crossway|Croft|Field|Fields|Mount|Side"
)
# 12 Grange Road, 56a Stanhope St, 7 Elswick Row, 9 westmorland road
_ADDRESS_STREET = re.compile(
    # not the minutes of a time or the tail of a sum ("3.15, parents park", "£1,200 car park fine")
    # "21 and 23 Albert Street", "4-6 Cobden Row": both numbers go
    rf"(?<!\d[.:,])(?<![£$€])\b(?:\d{{1,4}}[A-Za-z]?\s*(?:and|&|-|–|to|or)\s*)?\d{{1,4}}[A-Za-z]?,?\s+(?:(?:[A-Z][\w'’-]*\s+){{1,3}}(?:{_STREET_TYPES})|"
    r"(?!(?:back|main|side|front|dark|same|other|busy|quiet|whole|next|local|nearby|different|big|small|little|old|new)\b)"
    rf"[a-z][a-z'’-]+\s+(?i:{_STREET_TYPES}))\b\.?"
)
# number 12, no. 12, flat 3b, the house at 45 (only the number goes: "the house at [ADDRESS]")
_ADDRESS_CUE_WORDS = "number no flat apartment apt unit maisonette house homes home flats lives living live stays staying"
_ADDRESS_CUED = re.compile(
    r"\b(?=" + trie_regex({w for word in _ADDRESS_CUE_WORDS.split() for w in (word, word.title())}) + ")"
    r"(?:(?:[Nn]umber|[Nn]o\.|No|no(?=\s?\d+[a-zA-Z]?\s+(?:[A-Z]|has|is|was|next|on|at|across|over|opposite)))"
    r"\s?\d{1,4}[A-Za-z]?\b(?!\s*(?:bus|cares|one|problem|priority|issue|%|am|pm|times?|minutes?|mins?|hours?|years?))"
    r"|(?:[Ff]lat|[Aa]partment|[Aa]pt|[Uu]nit|[Mm]aisonette|[Hh]ouse\s+number)\.?\s?\d{1,4}[A-Za-z]?\b"
    # "home at 6.30am", "home at 6 o'clock" are times, not house numbers
    r"|(?:house|homes|home|flats|flat|lives|living|live|stays|staying)\s+at\s+(?P<number>\d{1,4}[A-Za-z]?)\b"
    r"(?![.:]\d|\s*(?:am|pm|a\.m|p\.m|o['’]?\s?clock|ish|in\s+the\s+(?:morning|evening|afternoon)|at\s+night)\b"
    r"|\s*(?:or|-|–|to|till|until)\s*\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm|a\.m|p\.m|o['’]?\s?clock|in\s+the|at\s+night)\b))"
)

# Words a context cue can be followed by that are not names.
_NOT_NAMES = frozenset(
    """i i'm im i'll i've i'd a an the and or but so if is was are were be been has had have do does did not no yes he she they we
    you it its his her him them their our my me us this that these those there here who what when where which why how
    police god council street road lane avenue terrace next door over across up down from at in on to of for with
    by about said says told tells came comes went goes got gets keeps kept lives lived living has always never just
    also still too very really again now then today tonight yesterday monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october november december christmas
    easter big little old young mr mrs ms dr pc sir madam officer sergeant boss love pet hinny mate man lad lass
    fella bloke woman girl boy guy someone somebody anyone everyone nobody one two three four five""".split()
)
_NAME_WORD = r"[A-Z][A-Za-z'’]+(?:-[A-Z][A-Za-z'’]+)?"
_ANY_WORD = r"[A-Za-z][A-Za-z'’]+(?:-[A-Za-z][A-Za-z'’]+)?"
_RELATION_WORDS = (
    "neighbour neighbours neighbor neighbors brother sister son daughter mam mum mother dad father husband wife partner "
    "boyfriend girlfriend friend mate pal cousin uncle aunt auntie aunty nan nana nanna gran grandad grandma grandson "
    "granddaughter niece nephew landlord landlady carer ex fella lass lad bairn kid stepdad stepmum stepson "
    "stepdaughter missus hubby officer pcso copper bobby councillor worker caretaker warden manager owner doctor gp "
    "nurse teacher vicar flatmate housemate lodger tenant colleague client barmaid"
).split()
# "my brothers Rahim and Sami", "one of my lads, Jayden,": plurals count too
_RELATION_WORDS += [w + "s" for w in _RELATION_WORDS if not w.endswith(("s", "x"))] + ["lasses"]
_RELATION = trie_regex(_RELATION_WORDS)
# Each name rule is its own regex behind a cheap gate, so an answer with no cue costs little.
# A title goes with the name ("[NAME]" for "Mrs Okafor", "Councillor Hetherington"): with a
# street, "Mrs" or "Councillor" narrows who it is, and every writer of the fresh sets counted it
# as part of the name.
_TITLED = re.compile(
    r"\b(?:Mrs?|MRS?|mrs?|M[sx]|Miss|Dr|DR|dr|Doctor|PC|PCSO|DC|DS|DI|Sgt|SGT|Sergeant|Insp|Inspector|Cllr|Councillor|"
    rf"Rev|Reverend)\.?\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
)
# A relation or role then a capitalised name: "my neighbour Gary", "the PCSO, Laura,".
_AFTER_RELATION = re.compile(
    rf",?\s+(?P<name>(?:(?:Mrs?|Ms|Mx|Miss|Dr|PC|PCSO|Sgt|Cllr)\.?\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
)
_AFTER_RELATION_LOWER = re.compile(r",?\s+(?P<name>[a-z]+)\b(?!['’-])")
_RELATION_GATE = re.compile(rf"\b(?:{_RELATION})\b")
_RELATION_GATE_ANY_CASE = re.compile(rf"\b(?:{_RELATION})\b", re.IGNORECASE)
# "called Kelly", "named Tommy", "her name is Sarah", "they call Big Steve", "ask for Jean".
_CUE = re.compile(
    r"\b(?=" + trie_regex("call calls called name named names known goes they ask asking speak talk contact".split()) + ")"
    r"(?:called|named|name\s+is|name['’]?s|names|name(?=\s+[a-z])|known\s+as|goes\s+by|"
    r"(?:they\s+)?calls?(?:\s+(?:him|her|them)(?:sel[fv]e?s?)?)?|ask\s+for|asking\s+for|speak\s+to|talk\s+to|contact)\s+"
)
_AFTER_CUE = re.compile(rf"(?P<name>(?:(?:Big|Little|Old|Auld|Young|Mad|Fat|Wee)\s+)?{_ANY_WORD}(?:\s+{_NAME_WORD})?)")
_CUE_ANY_CASE = re.compile(_CUE.pattern, re.IGNORECASE)
# Every cue holds one of these; a few substring searches rule most answers out faster than
# the word-by-word scan of _CUE.
_CUE_HINTS = ("call", "name", "known", "goes", "ask", "speak", "talk", "contact")
# "I'm Paul", "this is Jean", "our Kev", and "Dave from number 12", "Gary next door":
# only with a known first name.
_KNOWN = re.compile(
    r"\b(?:I'?m|I\s+am|[Tt]his\s+is|[Ii]t'?s|[Oo]ur|[Ww]or|[Mm]e|[Mm]y|[Ss]igned|[Rr]egards|[Tt]hanks|[Cc]heers|[Ff]rom)[,\s]+"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
)
# A name set off by commas after the person it names: "the girl from the corner, Jade, hasn't",
# "one of my lads, Jayden, 13,", "a woman, Chelsea I think, who..."; and "Jade, who sleeps...".
_APPOSED = re.compile(rf",\s+(?P<name>{_NAME_WORD})(?=\s*,|\s+I\s+think\b|\s+who\b)")
_NAME_WHO = re.compile(rf"(?<![.!?]\s)(?<!^)\b(?P<name>{_NAME_WORD}),\s+who\b")
_PERSON = re.compile(
    r"\b(?:" + trie_regex(_RELATION_WORDS + "girl girls woman women lady ladies boy boys man men bloke blokes regular "
                          "regulars resident residents customer customers pupil pupils student students".split())
    + r")\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r".*[.!?;:\n]", re.DOTALL)
# "Pat and Gary across the road": a first name joined by "and" to a name found
_AND_AFTER = re.compile(rf"\s+(?:and|&)\s+(?P<name>{_NAME_WORD})\b")
_AND_BEFORE = re.compile(rf"(?<![\w'’])(?P<name>{_NAME_WORD})\s+(?:and|&)\s+$")
_LOCATED = re.compile(
    rf"\b(?P<name>{_NAME_WORD})(?=\s+(?:from|at|in|off)\s+(?:number|no\.?|flat|\d)|\s+(?:next\s+door|over\s+the\s+road|"
    r"across\s+the\s+road|up\s+the\s+road|down\s+the\s+road|round\s+the\s+corner|from\s+next\s+door|upstairs|downstairs))"
)
# A capital at the start of a word: the same as r"\b[A-Z][A-Za-z'’-]+", written capital first
# (the lookbehind checks the character before it is no word character) so that the regex
# engine can skip from capital to capital instead of trying every position.
_CAPITALISED = re.compile(r"[A-Z](?<!\w[A-Z])[A-Za-z'’-]+")
_NAME_PARTS = re.compile("['’-]")  # "Mary-Jane", "O'Neil": the first part is looked up
_DIGIT = re.compile(r"\d")
_URL_HINT = re.compile(r"www\.|http|\.(?:co|org|gov|ac|net|uk|io|info|ly|me)")
# Postcodes and plates hold letters right before a digit ("NE1", "AB12") or three capitals and a space.
_PLATE_OR_POSTCODE = re.compile(r"[A-Za-z]\d|[A-Z] \d")
_APOSTROPHES = "'’"
_WORDS = re.compile(r"\S+")
_TITLES = frozenset("mr mrs ms mx miss dr doctor pc pcso dc ds di sgt sergeant insp inspector cllr councillor".split())
_NICKNAME = frozenset("big little old auld young mad fat wee".split())


# A common first name with a capital needs no cue ("ever since Tony moved in", "Ray Collins
# dumps rubbish"), unless it is also an everyday word ("Will you...", "Mark my words", "on
# Amber", "Grace period") or begins a place ("Victoria Road", "George Street", "Albert Park").
_EVERYDAY_NAMES = frozenset(
    "will mark rose may june april august grace hope joy faith amber jack bill dawn holly ivy lily pat "
    "sue rob frank max miles chase summer ruby jade ray sky angel sunny rich guy don dean dale glen carol "
    "crystal star penny victoria albert george elizabeth christian dominic chelsea florence grant "
    "olive iris violet destiny skye reg roger stanley percy vera stella austin harley travis roman milan sydney "
    "eden pearl rowan warren dee rio troy otis ally jude blake angus teddy".split())
_BARE_NAME = re.compile(r"(?<![\w'’@#/.])[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b(?!['’](?!s\b)\w)")
_SURNAME = re.compile(r"\s+([A-Z][a-z'’]+(?:-[A-Z][a-z]+)?)\b")
_PLACE_WORD = re.compile(rf"(?:{_STREET_TYPES}|Hospital|Infirmary|Station|School|Academy|College|Church|Centre|"
                         r"Center|House|Metro|Arms|Inn|Hotel|Stadium|Bridge|Quay|Dock|Hall|Library|Surgery|Practice|"
                         r"Court)s?\b")
_THE_BEFORE = re.compile(r"\b(?:[Tt]he|St\.?|Saint)\s+$")
_NEXT_WORD = re.compile(r"[\s,]+(\w+)")
_PREVIOUS_WORD = re.compile(r"(?<![\w'’@#/.])([A-Z][a-z]+)[ \t]+$")
_STARTERS = frozenset("even once later sometimes maybe perhaps anyway plus both every each another last after "
                      "before since until while because although though whenever meanwhile please ask".split())
_GREETINGS = frozenset("thanks thank cheers regards dear hi hello hiya signed love from ask tell speak call ring "
                       "message text email contact".split()) | _TITLES


def _first_name(word: str) -> bool:
    """A capitalised word that is a known first name ("Mary-Jane" by "Mary"), not a month or a common word."""
    return word.split("-", 1)[0] in FIRST_NAMES and word.lower() not in _NOT_NAMES


def _bare_name(m: re.Match[str], text: str) -> tuple[int, int] | None:
    """Span of a first name (and surname) standing without a cue, or None."""
    first = m.group()
    if first.split("-", 1)[0] not in FIRST_NAMES or _THE_BEFORE.search(text, max(0, m.start() - 7), m.start()):
        return None  # "the Davy Lamp", "St Hilda's": a pub, a church or a thing, not a person
    surname = _SURNAME.match(text, m.end())
    if surname and _PLACE_WORD.match(surname.group(1)):
        return None  # "Victoria Road", "George Street"
    if surname and surname.group(1).lower() in _NOT_NAMES:
        surname = None  # "Tony Said..." in shouty capitals is not a surname
    if first.lower() in _EVERYDAY_NAMES and not surname:
        return None
    end = surname.end() if surname else m.end()
    after = _NEXT_WORD.match(text, end + 2 if text[end:end + 2] in ("'s", "’s") else end)
    if after and _PLACE_WORD.match(after.group(1)):
        return None  # "James Cook Hospital", "Mary Jane Lane"
    start = m.start()
    before = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    if before:
        word = before.group(1).lower()
        # "Sonia Ahmed": a first name the list lacks, before a surname it has; but not the
        # adverb or greeting that starts a sentence ("Apparently Tony...", "Thanks Ahmed")
        if word not in _NOT_NAMES and word not in _GREETINGS and word not in _STARTERS and not word.endswith("ly"):
            start = before.start(1)
    return start, end


def _name_span(m: re.Match[str], group: str) -> tuple[int, int] | None:
    """Start and end of a plausible name found by rule ``group``, trimming words that are not names."""
    start = m.start("name")
    words = list(_WORDS.finditer(m.group("name")))
    title = words[0].start() if words and words[0].group().rstrip(".").lower() in _TITLES else None
    while words and words[0].group().rstrip(".").lower() in _TITLES:
        words = words[1:]  # "my neighbour Mrs Henderson": the name is after the title, which goes with it
    keep = []
    possessive = False
    for w in words:
        raw = w.group()
        if raw.endswith(("'s", "’s")) and len(raw) > 3:
            raw, possessive = raw[:-2], True  # "our Stacey's lad": the name is "Stacey"
        word = raw.strip(_APOSTROPHES + ",")
        low = word.lower()
        if not keep and low in _NICKNAME and len(words) > 1 and words[1].group()[:1].isupper():
            keep.append(w)  # "Big Steve"
            possessive = False
            continue
        if low in _NOT_NAMES or (low.endswith("s") and low[:-1] in _NOT_NAMES):
            break
        keep.append(w)
        if possessive:
            break
    if not keep:
        return None
    first = keep[0].group().strip(_APOSTROPHES + ",")
    if first.endswith(("'s", "’s")):
        first = first[:-2]
    if first.lower() in _NICKNAME:
        if len(keep) < 2:
            return None
    elif group in ("known", "located") and first.split("-")[0].title() not in FIRST_NAMES:
        return None
    elif group == "cued" and not first[:1].isupper() and first.split("-")[0].title() not in FIRST_NAMES:
        return None
    # a second word stays only when it is capitalised (a surname), not "Kelly said"
    second = keep[1].group() if len(keep) > 1 else ""
    if second and (not second[:1].isupper() or second.isupper()):  # "GARY SAW IT": shouting, not a surname
        keep = keep[:1]
        possessive = keep[0].group().endswith(("'s", "’s"))
    end = start + keep[-1].end()
    if possessive and m.string[end - 2:end] in ("'s", "’s"):
        end -= 2
    while m.string[end - 1] in ",":
        end -= 1
    return start + (keep[0].start() if title is None else title), end


def _candidates(text: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    add = found.append
    low = text.lower()
    if "@" in text:
        for m in _EMAIL.finditer(text):
            add((m.start(), m.end(), "email"))
        for m in _HANDLE.finditer(text):
            add((m.start(), m.end(), "handle"))
    if _URL_HINT.search(low):
        for m in _URL.finditer(text):
            s, e = m.span()
            while e > s and text[e - 1] in ".,;:!?)]}'\"’":
                e -= 1
            add((s, e, "url"))
    has_digit = _DIGIT.search(text) is not None
    if has_digit:
        if sum(map(text.count, "0123456789")) >= 10:  # a UK number has 10 digits or more
            for m in _PHONE.finditer(text):
                add((m.start(), m.end(), "phone"))
        if _PLATE_OR_POSTCODE.search(text):
            for m in _POSTCODE.finditer(text):
                add((m.start(), m.end(), "postcode"))
            for m in _VEHICLE.finditer(text):
                letters = m.group("prefix_letters") or m.group("suffix_letters")
                if letters and letters in _PLATE_WORDS:
                    continue
                add((m.start(), m.end(), "vehicle"))
        if "reg" in low or "plate" in low:
            for m in _PARTIAL_PLATE.finditer(text):
                plate = m.group("plate")
                if any(c.isdigit() for c in plate) and not plate.lower().endswith(("am", "pm", "th", "st", "nd", "rd")):
                    add((m.start("plate"), m.end("plate"), "vehicle"))
        for m in _ADDRESS_STREET.finditer(text):
            s, e = m.span()
            if text[e - 1] == ".":
                e -= 1
            add((s, e, "address"))
        for m in _ADDRESS_CUED.finditer(text):
            s, e = m.span("number") if m.group("number") else m.span()
            if text[s] in "Nn" and _NOT_HOUSE_NUMBER.search(text, max(0, s - 30), s):
                continue  # "incident number 0412", "the number 17 bus"
            add((s, e, "address"))
    # The words each rare rule needs, as plain substring tests (the fastest check there is):
    # most answers have none of them.
    if "letter" in low or " bit " in low or ("end" in low and (
            "ends " in low or "end in" in low or "end with" in low or "ending" in low)):
        for m in _PLATE_LETTERS.finditer(text):
            if m.group("plate") not in _NOT_PLATES:
                add((m.start("plate"), m.end("plate"), "vehicle"))
    if "dot" in low:
        for m in _SPELT_EMAIL.finditer(text):
            add((m.start(), m.end(), "email"))
    if (has_digit or "_" in text) and (  # a platform-named handle holds a digit or an underscore
            "snap" in low or "insta" in low or "tiktok" in low or "twitter" in low or "facebook" in low or "fb" in low):
        for m in _PLATFORM_HANDLE.finditer(text):
            add((m.start("handle"), m.end("handle"), "handle"))
    # Every name rule but the cues ("called kelly") needs a capitalised word that is not a
    # common word ("The", "Police"); most answers have none.
    capitalised = []
    known_first_name = False  # one of them is a first name ("Mary-Jane" counts by "Mary")
    for m in _CAPITALISED.finditer(text):
        word = m.group()
        if word.lower() in _NOT_NAMES:
            continue
        first_name = _NAME_PARTS.split(word, 1)[0].title() in FIRST_NAMES
        # Only the last few characters matter; slicing the whole prefix for every capital
        # made a long answer cost time quadratic in its length. 40 blank characters count as
        # a break, like the start of the text.
        before = text[max(0, m.start() - 40):m.start()].rstrip()
        starts_sentence = not before or (before[-1] in ".!?" and before.split()[-1].rstrip(".").lower() not in _TITLES)
        if starts_sentence and not first_name:
            continue  # a capital that only starts a sentence ("Abandoned cars...") names no one
        capitalised.append(word)
        known_first_name = known_first_name or first_name
    if capitalised:
        # lower() keeps the offsets for almost all text; when it does not, match case-blind instead
        relations = _RELATION_GATE.finditer(low) if len(low) == len(text) else _RELATION_GATE_ANY_CASE.finditer(text)
        for relation in relations:
            m = _AFTER_RELATION.match(text, relation.end())
            span = _name_span(m, "related") if m else None
            if span:
                add((span[0], span[1], "name"))
            elif (m := _AFTER_RELATION_LOWER.match(text, relation.end())) and _uncased_name(m.group("name")):
                add((m.start("name"), m.end("name"), "name"))  # "my colleague tomasz, Gary's mate"
    if len(low) != len(text):  # lower() moved the offsets: match case-blind instead
        cues = _CUE_ANY_CASE.finditer(text)
    elif any(hint in low for hint in _CUE_HINTS):
        cues = _CUE.finditer(low)
    else:
        cues = ()
    for cue in cues:
        m = _AFTER_CUE.match(text, cue.end())
        # "ask for", "speak to", "contact" also precede organisations: known first names only
        weak = cue.group().startswith(("ask", "speak", "talk", "contact")) or cue.group().rstrip() in ("call", "calls")
        span = _name_span(m, "known" if weak else "cued") if m else None
        if span:
            add((span[0], span[1], "name"))
    rules = [("titled", _TITLED)] if capitalised else []
    if known_first_name:
        for m in _BARE_NAME.finditer(text):  # "ever since Tony moved in", "Ray Collins dumps"
            span = _bare_name(m, text)
            if span:
                add((span[0], span[1], "name"))
        rules.append(("known", _KNOWN))
        rules.append(("located", _LOCATED))
    for group, rule in rules:
        for m in rule.finditer(text):
            span = _name_span(m, group)
            if span:
                add((m.start() if group == "titled" else span[0], span[1], "name"))
    if capitalised and "," in text:
        for m in _APPOSED.finditer(text):
            clause = text[max(0, m.start() - 60):m.start()]
            end = _CLAUSE_END.match(clause)
            # a first name only: "women from my country, Lithuanian I think," names nobody
            if _first_name(m.group("name")) and _PERSON.search(clause, end.end() if end else 0):
                span = _name_span(m, "apposed")
                if span:
                    add((span[0], span[1], "name"))
        if known_first_name:
            for m in _NAME_WHO.finditer(text):
                if _first_name(m.group("name")):
                    add((m.start("name"), m.end("name"), "name"))
    if " and " in text or "&" in text:
        for start, end, kind in list(found):
            if kind != "name":
                continue
            for m in (_AND_AFTER.match(text, end), _AND_BEFORE.search(text, max(0, start - 40), start)):
                if m and _first_name(m.group("name")):
                    add((m.start("name"), m.end("name"), "name"))
    return found


_LETTERS = re.compile(r"[^\W\d_]+")
_MIXED_CASE = re.compile(r"[A-Z][a-z]")
# First names that, written without a capital, are more often words: "a bobby on the beat",
# "a johnny on the step", "half a mo", "new year's eve", "shell be fine", "don't be a jessie".
_WORDS_WHEN_UNCASED = frozenset(
    "bob bobby dot eve hazel heather jan jay johnny ken lee lou mo nat nic poppy shell trace wes mike ed daz chez "
    "jock wally jessie barry luke les raj sonny gabby nancy jo liv sid stan rick sally mason rosie ross".split())
_CAPITAL_I = frozenset(("I", "I'm", "I’m", "I've", "I’ve", "I'll", "I’ll", "I'd", "I’d"))


_UNCASED_NAMES = frozenset(n.lower() for n in FIRST_NAMES if n.lower() not in _EVERYDAY_NAMES
                           and n.lower() not in _WORDS_WHEN_UNCASED and n.lower() not in _NOT_NAMES)


def _uncased_name(word: str) -> bool:
    """A word typed without a capital that is still a known first name: "tomasz", not "will"."""
    return word.lower() in _UNCASED_NAMES


def _one_case_view(text: str) -> str | None:
    """The answer as a careful writer would have cased it, when it is all in one case.

    In "SINCE JEAN DIED..." or "my mate ryan got his bike nicked" a capital says nothing about
    names: every word has one, or none has. The view lower-cases every word but known first
    names (not the everyday ones: "WILL", "mark"), the pronoun I and a word after a title
    ("MRS PATTERSON"), so that the name rules read it as written with care. None when the
    answer mixes cases, or when casing would move the offsets.
    """
    upper, lower = text.isupper(), text.islower()  # the fast cases: no lower-case, or no capital letter
    if not (upper or lower):  # a capital I, or a shouted word, in lower-case writing
        for word in _WORDS.findall(text):
            if word.isupper():
                upper = upper or word not in _CAPITAL_I
            elif word.islower():
                lower = True
            elif any(c.isalpha() for c in word):
                return None  # "Gary", "McDonald's": the writer uses capitals as usual
            if upper and lower:
                return None
        if not (upper or lower):
            return None
    if not upper and _UNCASED_NAMES.isdisjoint(_LETTERS.findall(text.lower())):
        return None  # in lower case with no first name in it, the view would read as the answer
    previous = ""
    named = False

    def cased(m: re.Match[str]) -> str:
        nonlocal previous, named
        word, low = m.group(), m.group().lower()
        title = low.title()
        if low == "i":
            out = "I"
        elif _uncased_name(low) or previous in _TITLES:
            out, named = title, True
        else:
            out = low
        previous = low
        return out

    view = _LETTERS.sub(cased, text)
    if not (named or upper) or len(view) != len(text):
        return None  # in lower case with no first name in it, the view would read as the answer
    return view


def redact(text: str) -> Redaction:
    """Replace personal data in ``text`` with typed placeholders such as "[PHONE]"."""
    if not text:
        return Redaction("")
    candidates = _candidates(text)
    # the usual answer mixes cases ("Gary", "McDonald's"): one fast test before the word-by-word one
    view = None if _MIXED_CASE.search(text) else _one_case_view(text)
    if view is not None:
        # names and addresses as read in the careful view; the rest (plates, postcodes) as typed
        candidates = [c for c in candidates if c[2] not in ("name", "address")] + [
            c for c in _candidates(view) if c[2] in ("name", "address")]
    if not candidates:
        return Redaction(text)
    # Earliest first; at the same start the longer, then the higher-ranked kind wins.
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0]), _RANK[c[2]]))
    spans: list[RedactedSpan] = []
    last_end = 0
    for start, end, kind in candidates:
        if start >= end:
            continue
        if start < last_end:
            # Overlapping finds of one kind join ("number 34" + "34 Wingrove Ave"); of two
            # kinds, the first found keeps its span.
            if kind == spans[-1].kind and end > last_end:
                spans[-1] = RedactedSpan(kind, spans[-1].start, end)
                last_end = end
            continue
        spans.append(RedactedSpan(kind, start, end))
        last_end = end
    pieces = []
    position = 0
    for span in spans:
        pieces.append(text[position:span.start])
        pieces.append(span.placeholder)
        position = span.end
    pieces.append(text[position:])
    return Redaction("".join(pieces), tuple(spans))
