"""Text normalisation shared by the codebook matcher, the learned model and phrases.

Only NLTK pieces that need no downloaded data are used (RegexpTokenizer, SnowballStemmer),
so the product runs on a machine that has never called ``nltk.download()``.

Everything that turns one token into a matching key is cached: survey answers reuse a
small vocabulary, so after the first few thousand answers almost every lookup is a dict hit.
"""
from __future__ import annotations

import re
import unicodedata

import regex  # NLTK's own regular-expression engine (an NLTK dependency)
from functools import lru_cache
from typing import Iterator, NamedTuple

from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import RegexpTokenizer

__all__ = [
    "Token", "tokens", "TOKENIZER", "WORD_RE", "WORD_SPLIT_RE", "ASCII_WORD_SPLIT_RE", "stem_key", "normalise_word", "STOPWORDS", "NEGATORS",
    "is_null_answer", "says_nothing", "nothing_to_improve", "edit_variants",
]

# Words with apostrophes stay whole ("didn't") so negation can see them; digits are kept
# because house numbers and times ("3am") are part of what residents describe.
WORD_PATTERN = r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+[^\W\d_]*"
TOKENIZER = RegexpTokenizer(WORD_PATTERN)
# NLTK 3.10 runs every RegexpTokenizer through a ReDoS-guarded Python wrapper around the
# `regex` engine, which costs more than all the tagging together. The hot path compiles the
# very same (linear, backtracking-free) pattern with that same `regex` engine directly, so
# Unicode classes match NLTK's exactly (the stdlib `re` differs on rare code points); a test
# checks tokens and offsets equal TOKENIZER.span_tokenize on the naughty-strings list.
WORD_RE = regex.compile(WORD_PATTERN)
WORD_SPLIT_RE = regex.compile(f"({WORD_PATTERN})")  # split() keeps the words between separators
# On ASCII text the two engines agree on every character class, and the standard library's
# split is a third faster; the hot path uses it when ``text.isascii()``.
ASCII_WORD_SPLIT_RE = re.compile(f"({WORD_PATTERN})")
_STEMMER = SnowballStemmer("english")


class Token(NamedTuple):
    """A word of the original text: its surface form, offsets, and matching key."""
    text: str
    start: int
    end: int
    key: str | None  # stem after normalising; "not" for any negator; None for stopwords


# A hand-written list because NLTK's stopword corpus is downloaded data. Negators are not
# stopwords for negation detection, but they are never matching keys either.
STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself of off on once only or other our ours ourselves out over own same
she should so some such than that the their theirs them themselves then there these they this
those through to too under until up very was we were what when where which while who whom why
will with would you your yours yourself yourselves also get got getting go going gone went
really quite lot lots much many still even well just like one ones thing things im ive id dont
its it's i'm i've i'd us etc would've could've re ve ll s t d m
""".split())

NEGATORS = frozenset("""
no not never nothing none nobody nowhere neither nor without cannot cant can't don't dont
didn't didnt doesn't doesnt isn't isnt wasn't wasnt aren't arent weren't werent won't wont
haven't havent hasn't hasnt hadn't hadnt shouldn't shouldnt wouldn't wouldnt couldn't couldnt
""".split())

# British spellings are canonical (the product serves a UK force); American spellings and
# frequent misspellings map onto them before stemming, so "color", "neighbor" and "nieghbour"
# all meet the codebook's "colour" and "neighbour". Edit-distance matching catches the rest.
_VARIANTS = {
    "color": "colour", "colors": "colours", "neighbor": "neighbour", "neighbors": "neighbours",
    "neighborhood": "neighbourhood", "neighborhoods": "neighbourhoods", "nieghbour": "neighbour",
    "neighbourood": "neighbourhood", "nieghbours": "neighbours", "behavior": "behaviour",
    "behaviors": "behaviours", "center": "centre", "centers": "centres", "theater": "theatre",
    "curb": "kerb", "curbs": "kerbs", "curbside": "kerbside",
    "tire": "tyre", "tires": "tyres", "program": "programme",
    "organization": "organisation", "organize": "organise", "organized": "organised",
    "apologize": "apologise", "realize": "realise", "realized": "realised",
    "recognize": "recognise", "favor": "favour", "favorite": "favourite", "honor": "honour",
    "labor": "labour", "odor": "odour", "odors": "odours", "harbor": "harbour", "gray": "grey",
    "jewelry": "jewellery", "traveled": "travelled", "traveling": "travelling",
    "vandalized": "vandalised", "vandalize": "vandalise", "burglarized": "burgled",
    "license": "licence", "defense": "defence", "offense": "offence", "catalog": "catalogue",
    "analyze": "analyse", "mom": "mum", "moms": "mums", "trash": "rubbish", "garbage": "rubbish",
    "apartment": "flat", "apartments": "flats", "cops": "police", "cop": "police",
    "definately": "definitely", "definatly": "definitely", "recieve": "receive",
    "recieved": "received", "untill": "until", "alot": "lot", "becuase": "because",
    "beacuse": "because", "wierd": "weird", "seperate": "separate", "tommorow": "tomorrow",
    "prostitue": "prostitute", "prostitues": "prostitutes", "prostitition": "prostitution",
    "prostituion": "prostitution", "needels": "needles", "neddles": "needles",
    "syringes": "syringe", "condums": "condoms", "polise": "police", "pollice": "police",
    "harrassed": "harassed", "harrasment": "harassment", "harassement": "harassment",
    "harrassment": "harassment", "agressive": "aggressive", "agression": "aggression",
    "kerbcrawling": "kerb crawling", "kerbcrawlers": "kerb crawlers", "cctv's": "cctv",
    "thanks": "thank", "thankyou": "thank you",
    "appt": "appointment", "appts": "appointments", "dr": "doctor", "drs": "doctors",
    "docs": "doctors", "meds": "medication", "xmas": "christmas",
}
# North-east England and wider UK speech, mapped to the plain word the codebooks use, so that
# "the polis divvn't gan doon the lane" meets "police" and "the bairns" meets "children".
# Only words with one common meaning are mapped ("lass" is a woman, a girl or a wife).
_VARIANTS.update({
    "polis": "police", "bizzies": "police", "coppers": "police", "copper": "police", "bobbies": "police",
    "bobby": "police", "plod": "police", "feds": "police",
    "bairn": "child", "bairns": "children", "bairnies": "children", "grandbairns": "grandchildren",
    "grandbairn": "grandchild", "weans": "children", "wean": "child", "kiddies": "children", "kiddos": "children",
    "gadgie": "man", "gadgies": "men", "fella": "man", "fellas": "men", "fellers": "men", "feller": "man",
    "bloke": "man", "blokes": "men", "geezer": "man", "geezers": "men",
    "gan": "go", "gans": "goes", "gannin": "going", "ganning": "going", "oot": "out", "noo": "now",
    "roond": "round", "hoose": "house", "hooses": "houses", "doon": "down", "toon": "town", "neet": "night",
    "neets": "nights", "yem": "home", "aboot": "about", "divvn't": "don't", "divvnt": "don't", "divvent": "don't",
    "divent": "don't", "divn't": "don't", "divnt": "don't", "dinnae": "don't", "dinnit": "don't",
    "cannit": "can't", "cannae": "can't", "canna": "can't", "summat": "something", "nowt": "nothing",
    "owt": "anything", "ginnel": "alley", "ginnels": "alleys", "gennel": "alley", "snicket": "alley",
    "snickets": "alleys", "vennel": "alley", "twitten": "alley", "hoy": "throw", "hoying": "throwing",
    "hoyed": "threw", "kip": "sleep", "kipping": "sleeping", "jag": "inject", "jagging": "injecting",
    "smackhead": "addict", "smackheads": "addicts", "druggie": "addict", "druggies": "addicts",
    "junkie": "addict", "junkies": "addicts", "bagheads": "addicts", "baghead": "addict", "skag": "heroin",
    "smack": "heroin", "johnnies": "condoms", "johnny": "condom", "jonnies": "condoms", "rubbers": "condoms",
    "offy": "off licence", "mortal": "drunk", "bladdered": "drunk", "steaming": "drunk", "hammered": "drunk",
    "wor": "our", "yous": "you", "youse": "you", "mam": "mum", "mams": "mums", "mammy": "mum",
    "nicked": "stolen", "pinched": "stolen", "twoc": "stolen", "twocked": "stolen",
    "racket": "noise", "din": "noise", "clatter": "noise",
})


def normalise_word(word: str) -> str:
    """Lower-case, fold accents and curly apostrophes, and map variant spellings."""
    w = word.lower().replace("’", "'")
    if not w.isascii():
        w = unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode("ascii") or w
    return _VARIANTS.get(w, w)


# Words whose stem would meet another word's: "parked" and "parking" are not "a park".
_FIXED_KEYS = {"parking": "parking", "parked": "parking", "parks up": "parking"}


@lru_cache(maxsize=200_000)
def stem_key(word: str) -> str | None:
    """Matching key of one surface word: normalised then Snowball-stemmed; None if stopword.

    A variant that maps to two words ("kerbcrawling") keys on its stems joined by a space.
    """
    w = normalise_word(word)
    if w in NEGATORS:
        return "not"  # one key for every negator, so "not good" matches "never good"
    if w in STOPWORDS:
        return None
    fixed = _FIXED_KEYS.get(w)
    if fixed:
        return fixed
    if " " in w:
        return " ".join(_STEMMER.stem(p) for p in w.split())
    if w.endswith("'s"):
        w = w[:-2]
        if w in STOPWORDS:  # "there's", "he's", "what's"
            return None
    return _STEMMER.stem(w) if len(w) > 2 else w


def tokens(text: str) -> Iterator[Token]:
    """Tokenise as NLTK's RegexpTokenizer(WORD_PATTERN) does; offsets point into ``text``."""
    for m in WORD_RE.finditer(text):
        word = m.group()
        yield Token(word, m.start(), m.end(), stem_key(word))


def edit_variants(word: str) -> list[str]:
    """The word and every string one deletion away, in a fixed order (symmetric-delete
    fuzzy matching: two words within edit distance 1 share a deletion variant, so lookups
    stay dictionary hits, not scans). A list, not a set: set order changes with Python's
    hash seed, and the first variant that matches must be the same in every process."""
    return [word] + [word[:i] + word[i + 1:] for i in range(len(word))]


# Answers that say there is nothing to say. Matched on the whole answer after normalising,
# so "no issues with drugs" is NOT a null answer but "no issues" is.
_NULL_WORDS = frozenset("""
n a na nil none nothing no nope not applicable comment comments add say else further issue
issues problem problems concern concerns answer idea sure know unsure nothing. currently
moment time now this that at to the for i have has don't dont do any really particular
specific whatsoever think of cant can't owt nowt nout nothin anything dunno idk ta
all can cannot could off thing much lot report
""".split())
# Courtesy around a null answer ("Nothing to report, thank you"); on its own ("Thank you") it
# is no null answer: to some questions it is praise.
_COURTESY = frozenset("thank thanks you cheers much very".split())
# Null answers that decline to answer ("n/a", "no comment", "don't know", "nothing to add"),
# as opposed to saying there is nothing ("Nothing", "None", "Can't think of anything").
_DECLINE_WORDS = frozenset("""
n na applicable comment comments add say answer idea sure unsure know dunno idk further
""".split())
_NOTHING_WORDS = frozenset("nothing nothin none nil no nope not nowt nout cant can't cannot".split())
_NULL_RE = re.compile(r"^[\W_]*(?:n\W?a|none|nil|nothing|no|-+|\.+|\?+|x+)?[\W_]*$", re.I)


def is_null_answer(text: str) -> bool:
    """True for answers like "n/a", "Nothing to add", "no issues", "-", or empty text."""
    if len(text) > 120:  # a null answer is short; skip the work for real answers
        return False
    if _NULL_RE.match(text):
        return True
    words = [w.lower() for w in WORD_RE.findall(text)]
    said = [w for w in words if w not in _COURTESY]
    return len(words) <= 8 and bool(said) and all(w in _NULL_WORDS for w in said)


# Saying there is nothing to improve or complain about, anywhere in an answer: "Could not have
# been better", "Can't fault them", "No complaints", "I don't think anything could be improved".
# A negation is required: "could be better" is a complaint.
_NOTHING_TO_IMPROVE_RE = regex.compile(r"""\b(?:
    (?:could(?:n['’]?t|\s+not|\s+have\s+not)|can(?:no|['’])?t|can\s+not)\s+(?:have\s+)?
        (?:(?:be|been|done|do)\s+(?:any\s*thing\s+|any\s+|much\s+)?better|ask\s+for\s+(?:any\s*thing\s+)?(?:more|better))
  | (?:can(?:no|['’])?t|can\s+not|could(?:n['’]?t|\s+not)|hard\s+to|unable\s+to|difficult\s+to)\s+(?:find\s+)?(?:any\s+)?faults?
  | no\s+(?:complaints?|faults?)\b
  | (?:nothing|(?:\w*n['’]?t|not)\s+(?:think\s+)?any\s*thing)\s+(?:\w+\s+){0,6}?(?:could|can|should|would|needs?)\s+
        (?:\w+\s+){0,2}?(?:be\s+|have\s+been\s+)?(?:improved|better|changed|done\s+(?:better|differently))
)""", regex.I | regex.X)


def nothing_to_improve(text: str):
    """The words saying there is nothing to improve or complain about ("Couldn't have been
    better", "No complaints"), as a match with offsets, or None."""
    return _NOTHING_TO_IMPROVE_RE.search(text)


def says_nothing(text: str) -> bool:
    """True for a null answer that says there is nothing ("Nothing", "None at all", "Can't
    think of anything"); False for one that declines ("n/a", "No comment", "Don't know",
    "Nothing to add") or says nothing at all ("-", ""). To "What could we do better?" the
    first is praise and the second is not."""
    if not is_null_answer(text):
        return False
    words = {w.lower() for w in WORD_RE.findall(text)}
    return not words.isdisjoint(_NOTHING_WORDS) and words.isdisjoint(_DECLINE_WORDS)
