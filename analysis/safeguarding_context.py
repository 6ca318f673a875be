"""Is the harm a flag points at a present or ongoing risk to a person?

Both the rules and the learned model find the words of harm; neither reads the frame they
sit in. An officer must act on a present or ongoing risk to a person, so a flag is dropped
when every sentence holding its evidence is one of these (the families of false flags seen
on answers written by people who never saw the screen):

* **media and hearsay**: a television plot, a film, a book, a podcast, the news, a rumour,
  something read about elsewhere ("on Emmerdale one of them got kidnapped");
* **jokes**: the sentence, or the one after it, says it is one ("haha", "only joking", "😂");
* **animals**: the one harmed is a pet or an animal ("my dog was attacked off its lead");
* **hypotheticals**: a worry about what could happen ("it's only a matter of time before one
  of them gets hurt", "if she was older I'd be terrified");
* **past and resolved**: the sentence tells of an event in the past and the answer says it
  is over ("years ago a woman was attacked in the lane but they caught him"; "she was fine,
  her sister came and picked her up").

Recall comes first, so each family is drawn narrowly and a sentence that also says the
harm goes on ("still", "again", "every night", "now") is never dropped as past or
hypothetical. Everything here works on lower-cased text with its offsets unchanged.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from analysis.rulegen import lookahead

__all__ = ["sentences", "not_present", "keep_present", "grown_up"]

def _words(*patterns: str) -> re.Pattern[str]:
    """``patterns`` (alternatives each matched from a word start), joined, behind a lookahead
    for the strings their matches start with: most word starts fail at their first letter."""
    pattern = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"\b{lookahead(pattern)}(?:{pattern})")


_SENTENCE_END = re.compile(r"[.!?]+(?=\s)|\n+")


def sentences(text: str, ends: re.Pattern[str] = _SENTENCE_END) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, covering it all; a line break ends one too
    unless ``ends`` says otherwise."""
    spans, start = [], 0
    for m in ends.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


# Fiction, broadcasts, the press, the internet, hearsay: what happened there is no disclosure.
_SHOWS = (r"emmerdale|eastenders|east\s+enders|corrie|coronation\s+street|hollyoaks|casualty|vera|"
          r"line\s+of\s+duty|happy\s+valley|breaking\s+bad|the\s+bill|crimewatch|neighbours\s+(?:on|last)|"
          r"the\s+wire|peaky\s+blinders|love\s+island|grand\s+theft\s+auto|gta|call\s+of\s+duty|fortnite|xbox|playstation|"
          r"ps[45]|minecraft|roblox|video\s*games?|on\s+(?:his|her|their|the)\s+(?:games|console)|tiktok|youtube|"
          r"(?:school\s+|nativity\s+)?play\s+about|(?:a|the|his|her|some|this|that)\s+game\s+(?:where|with|about|has|called)|"
          r"game\s+(?:has|had)\s+\w+|playing\s+(?:zombies|cops\s+and\s+robbers|war|soldiers|tig|hide\s+and\s+seek|pretend)")
_MEDIA = (
    r"(?:" + _SHOWS + r")\b|"
    r"(?:episodes?|programmes?|series|soap|soaps|documentary|documentaries|podcasts?|novels?|dramas?|box\s+set|"
    r"netflix|true\s+crime|cluedo|video\s+game|detective\s+story|crime\s+(?:novels?|books?|dramas?|shows?|programmes?|series|podcasts?))\b|"
    # not "a film of a lass being...": a recording of someone real
    r"(?:a|the|that|this|some|one|watched|watching|saw)\s+(?:\w+\s+)?(?:film|movie)s?\b(?!\s+of\s+(?:a|an|her|him|them|the|my|his|some|two|these|those)\b)|"
    r"(?:on|watching|watched)\s+(?:the\s+)?(?:telly|tv|television)\b|"
    r"(?:a|the|her|his|my)\s+(?:\w+\s+)?(?:story|book)\s+(?:about|where|for\s+school)|"
    r"(?:writing|wrote|reading|readin(?:'|’)?|read)\s+(?:a\s+|an\s+|some\s+|this\s+|that\s+)?(?:\w+\s+)?(?:story|book|thriller|novel|whodunn?it|crime\s+fiction)\b|"
    r"(?:in|from)\s+(?:a|the|that|this)\s+(?:\w+\s+)?(?:book|story|novel|film|movie|programme|episode)\s+(?:my|his|her|our|we|i|they|she|he)\b|"
    r"(?:on|in)\s+the\s+(?:news|papers?|gazette|echo|chronicle|journal|radio)\b|"
    r"(?:read|heard|saw|seen)\s+(?:\w+\s+){0,3}?(?:in|on)\s+(?:the\s+)?(?:news|papers?|gazette|echo|chronicle|"
    r"journal|facebook|twitter|tiktok|internet|telly|tv)\b|"
    r"(?:according\s+to|rumou?r(?:s|ed)?|gossip|you\s+hear\s+stories|heard\s+stories|a\s+lot\s+of\s+talk|read\s+about|wind[\s-]?up|from\s+what\s+i\s+(?:read|hear)|"
    r"(?:had|ran|did|was|there\s+was)\s+(?:a|an)\s+(?:story|article|piece|report|item)\s+(?:about|on))\b")
_JOKE = (
    r"(?:haha\w*|hahah\w*|lol|lmao|rofl|jk|joke|joked|joking|jokes|kidding|only\s+messing|tongue\s+in\s+cheek|"
    r"cheeky\s+sod|dark\s+humou?r|had\s+a\s+laugh|we\s+laughed|(?:is|was|'s)\s+not\s+serious|(?:isn'?t|wasn'?t)\s+serious|"
    r"(?:doesn'?t|didn'?t|does\s+not|did\s+not)\s+mean\s+it)\b")
# A threat taken back in the same breath: "he'll murder him. He won't, he's soft as butter".
_RETRACTED = (
    r"metaphorically|figuratively|not\s+literally|(?:only|just)\s+(?:joking|kidding)|"
    r"(?:wouldn'?t|would\s+not|couldn'?t)\s+hurt\s+a\s+fly|soft\s+as\s+(?:butter|a\s+brush|muck|clarts)|all\s+talk\b|"
    r"(?:he|she|they|i)\s+(?:won'?t|wouldn'?t|would\s+not|will\s+not)(?:\s+really)?\s*,\s*(?:he'?s|she'?s|they'?re|i'?m)\s|"
    r"(?:he'?s|she'?s|they'?re)\s+(?:a\s+)?(?:big\s+)?(?:softie|softy|soft\s+lad|pussycat|teddy\s+bear)\b|"
    r"never\s+(?:held|hurt|harmed|touched|hit)\s+(?:anything|anyone|anybody|a\s+fly)")
# The writer says in so many words that the person is all right: "Normal teenager, nothing to
# worry about", "He's a big lad and nobody bothers him".
_ALL_CLEAR = re.compile(r"\b(?:nothing\s+to\s+worry\s+about|(?:i\s+)?(?:don'?t|do\s+not|never)\s+worry\s+about\s+(?:him|her|them)\b|"
                        r"nobody\s+(?:bothers|bothered|troubles)\s+(?:him|her|them)\b|no\s+cause\s+for\s+concern)")
# A joke told as one: the set-up is the sentence before the punchline.
_JOKE_SETUP = re.compile(r"\b(?:what'?s\s+the\s+difference\s+between|heard\s+the\s+one\s+about|"
                         r"joke\s+(?:going|doing)\s+(?:round|around|the\s+rounds)|punchline)")
_JOKE_SIGN = re.compile(r"😂|🤣|😆|😅|😜|💀|🙄|😭|:\)|:d\b|;\)|,\s*ha+!")
_ANIMAL = _words(
    r"(?:dog|dogs|doggy|pup|puppy|puppies|cat|cats|kitten|kittens|pet|pets|fox|foxes|horse|horses|pony|bird|birds|"
    r"pigeon|pigeons|seagull|seagulls|gull|gulls|rat|rats|mouse|mice|hamster|rabbit|rabbits|hedgehog|squirrel|"
    r"staffie|staffy|alsatian|terrier|collie|labrador|spaniel|greyhound|whippet|poodle|vet|rspca)\b")
# A person in the clause, not as the owner of an animal ("someone's dog").
_PERSON = _words(
    r"(?:i|me|we|us|she|her|he|him|they|them|woman|women|lass|lasses|girl|girls|lad|lads|boy|boys|man|men|"
    r"bloke|fella|kid|kids|child|children|bairn|bairns|baby|toddler|son|daughter|wife|husband|partner|mam|mum|"
    r"dad|neighbour|someone|somebody|anyone|people|resident|residents|nan|gran|grandson|granddaughter)\b(?!['’]s\b)")
_CLAUSE = re.compile(r"[,;:]|\b(?:but|and|then|so)\b")
# Worry about what may happen, not a report of what does.
_HYPOTHETICAL = (
    r"(?:only\s+a\s+matter\s+of\s+time|matter\s+of\s+time\s+before|accident\s+waiting\s+to\s+happen|"
    r"waiting\s+to\s+happen|one\s+o(?:f|'|’)?\s+these\s+(?:days|nights)|one\s+day|(?:what|wat|wot)\s+if|god\s+forbid|heaven\s+forbid|touch\s+wood|"
    r"(?:could|might|may)\s+(?:\w+\s+){0,3}?(?:get|be|end\s+up)\s+(?:\w+\s+)?(?:hurt|attacked|killed|injured|raped|"
    r"stabbed|approached|grabbed|taken|abducted|kidnapped|followed|mugged|robbed|beaten|assaulted|next)\b|"
    r"could\s+(?:someone|somebody|anyone|one\s+of)|"
    r"(?:i'?d|i\s+would|we'?d|we\s+would)\s+(?:\w+\s+){0,2}?(?:be|feel)\s+(?:terrified|scared|worried|frightened|nervous)|"
    r"if\s+(?:my|our|she|he|they|her|his)\s+(?:\w+\s+){0,2}?(?:was|were|is)\s+(?:a\s+(?:few|couple\s+of)\s+years\s+)?"
    r"(?:older|younger|on\s+(?:her|his)\s+own)|when\s+(?:she|he|they)(?:'?s|'?re|\s+is|\s+are|\s+gets?)\s+(?:\w+\s+)?older|"
    r"(?:worry|worried|afraid|scared|frightened|terrified|dread)\s+(?:that|about\s+what|what)\b|"
    r"(?:hope|hoping)\s+(?:it|that)\s+never|(?:i\s+am|i'?m)\s+worry\b|give\s+it\s+(?:a|another)\s+(?:year|month|week|few)|mark\s+my\s+words|"
    r"when\s+(?:my|our)\s+(?:\w+\s+)?(?:is|are|gets?)\s+(?:bigger|older)|if\s+i\s+keep\s+(?:\w+\s+){0,3}?(?:i'?d|i\s+would|i'?ll)\b|(?:what|wat)\s+(?:would|might|could|will)\s+happen\s+if|"
    r"(?:worry|fear|concern|dread)\s+is\s+(?:that|what)|eventually\s+(?:\w+\s+){0,3}?(?:going\s+to|gonna|will|'s\s+going\s+to)|"
    r"(?:some|a|one\s+of\s+the)\s+(?:kid|kids|child|bairn|bairns|wean|little\s+one)(?:'s|\s+is|\s+are)\s+(?:gonna|going\s+to|ganna)\b|(?:i'?d|i\s+would|we'?d|we\s+would)\s+hate\s+(?:for|it\s+if)|"
    r"when\s+(?:my|our|she|he|they)\s+(?:\w+\s+){0,2}?(?:is|are|gets?)\s+(?:\w+\s+)?older|maybe\s+(?:\w+\s+){1,4}?(?:will|would|could|might)\b|(?:biggest|worst|main|only|greatest)\s+(?:fear|worry|dread)|(?:i'?d|i\s+would)?\s*hate\s+to\s+think|if\s+(?:\w+\s+){1,3}ever\b|(?:it'?d|it\s+would|that'?d|that\s+would)\s+be\s+a\s+(?:disaster|tragedy|nightmare)|never\s+(?:seen|heard\s+of)\s+(?:it|that|anything\s+like\s+that)|"
    r"(?:before|until|till)\s+(?:one\s+of\s+(?:them|those|the)\s+\w+|someone|somebody|a\s+\w+)\s+(?:gets?|is)\s+(?:\w+\s+)?"
    r"(?:hurt|killed|attacked|injured|raped|stabbed)|"
    r"(?:it|that)(?:'d|\s+would)\s+only\s+take|if\s+(?:i|we)\s+(?:had|was|were)\s+(?:a|an|got\s+a)\b|(?:i|we)\s+(?:worry|fear|dread)\s+(?:that\s+)?(?:\w+\s+){0,6}?(?:will|would|could|might|'ll)\b|(?:you|we|one)\s+could\s+(?:easily\s+)?(?:see|imagine|picture))")
# Counterfactual: "if a child went missing nobody would see", "would anyone hear me if I
# shouted": about anyone, not a person the writer names. (Not "if I tell anyone he would...":
# a threat reported in the sentence is never a counterfactual, see _REPORTED.)
_COUNTERFACTUAL = re.compile(
    r"\bif\s+(?:a|an|any|one\s+of\s+\w+|someone|somebody|anyone|anybody|anything|something)\b[^.!?\n]{0,80}?"
    r"\b(?:would|wouldn'?t|could|couldn'?t|might)\b|"
    r"\b(?:would|could)\s+(?:anyone|anybody|someone|somebody|people|you|we|they)\b[^.!?\n]{0,60}?\bif\b")
_REPORTED = re.compile(r"\b(?:said|says|saying|sayin['’]?|told|telt|tells|threaten\w*|warned|warns|reckons)(?!\w)")
# A threat someone made, told as what he would do "if": a disclosure, never a worry
# ("he told me if I ever said anything he would burn the house down").
_THREAT_REPORTED = re.compile(
    r"\b(?:told|telt|tells|said|says|saying|sayin['’]?|threaten\w*|warned|warns|swore|swears)\s+(?:(?:me|her|him|us|them|my\s+\w+)\s+)?"
    r"(?:that\s+)?(?:if|unless|he'?d|he\s+would|she'?d|she\s+would|they'?d|they\s+would|he'?ll|she'?ll|they'?ll)\b")
# The event is over: told in the past, and ended. Long ago, an escape ends it too ("when I
# was a teenager a man tried to pull me into his car; I ran"); lately, only an ending told
# as such ("they caught him", "she got home safe").
_LONG_AGO = _words(
    r"(?:(?:\w+\s+)?years?|decades?|a\s+long\s+time)\s+(?:ago|back)|back\s+in\s+(?:(?:19|20)\d\d|['’]\d\d|the\s+(?:\d0s|day))|"
    r"in\s+(?:19|20)\d\d|in\s+the\s+(?:19|20)?\d0s|in\s+the\s+(?:fifties|sixties|seventies|eighties|nineties)|when\s+(?:i|she|he|they|we)\s+(?:was|were)\s+(?:only\s+|just\s+|about\s+)?"
    r"(?:a\s+(?:kid|child|teenager|teen|girl|lad|lass|boy|bairn)|young|little|at\s+school|\d+|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen)|as\s+a\s+(?:kid|child|teenager|girl|lad)|(?:two|three|four|five)\s+(?:summers|winters)\s+ago|"
    r"when\s+(?:we|i|they|she|he)\s+first\s+(?:came|moved\s+in|moved\s+here|arrived|got\s+here)")
_PAST = _words(
    r"(?:last|two|three)\s+(?:year|summer|winter|spring|autumn|christmas|summers|winters|week|month)|the\s+other\s+(?:week|day|night)|"
    r"a\s+(?:few|couple\s+of)\s+(?:years|months|weeks)\s+(?:ago|back)|a\s+while\s+(?:back|ago)|used\s+to|"
    r"when\s+(?:i|she|he|they|we)\s+(?:was|were)|once\b|at\s+the\s+time|that\s+was|before\s*,|"
    # a sentence told in the simple past
    r"(?:was|were|had|did|came|went|sat|got|found|gave|took|said|told|knocked|asked|walked|helped|rang|called|made|saw|"
    r"heard|left|brought|tried|wanted|needed|seemed|fell|kept|felt|thought|met|paid|sent|\w{3,}ed)\b")
# ...unless the same sentence talks in the present ("he was caught but he's back and keeps...")
_PRESENT = _words(
    r"(?:is|are|am|isn'?t|aren'?t|keeps?|does|doesn'?t|has|have|hasn'?t|haven'?t|today|tonight|won'?t|will|'ll)\b|"
    r"'(?:s|re|m)\s+\w+ing\b")
_RESOLVED = _words(
    r"caught\s+(?:him|them|her|the\s+\w+|the\s+lads?)|(?:got|was|were|been)\s+(?:arrested|caught|charged|convicted|"
    r"jailed|locked\s+up|sent\s+down|put\s+away|rehoused|housed|helped)|sent\s+down|went\s+(?:to\s+)?(?:prison|jail)|went\s+down\b(?!\s+(?:on|onto|in|into|like|hard|to\s+the|with|the))|"
    r"got\s+(?:\w+\s+)?(?:years|months)\b|did\s+(?:\w+\s+)?(?:years|months)\b|moved\s+(?:away|out|on)|"
    r"(?:go|goes|gone|sent)\s+to\s+(?:prison|jail)|deported|(?:police|they|coppers|cops)\s+(?:caught|got|arrested)\s+(?:him|them|the\s+(?:lad|lads|man|men|bloke|fella))\b|"
    r"long\s+done|done\s+and\s+dusted|(?:she|he|they)\s+(?:is|are|'s|'re)\s+(?:in\s+the\s+)?(?:hostel|refuge|shelter)\s+now\s+and\s+(?:ok|okay|fine|safe)|(?:all\s+)?over\s+and\s+done|(?:she|he|they)\s+(?:is|are|'s|'re)\s+free\b|police\s+catch\s+him\b|"
    r"never\s+(?:see|saw|seen)\s+(?:him|them|her)\s+again|now\s+(?:it\s+is\s+|it'?s\s+|is\s+)?(?:ok|okay|fine|alright|quiet|safe)\b|(?:been|is|was|'s)\s+in\s+(?:prison|jail)\s+(?:ever\s+)?since|"
    r"happy\s+ending|(?:he|she|they)\s+(?:apologised|apologized|said\s+sorry)|(?:into|in)\s+a\s+(?:refuge|hostel)|rehoused|"
    r"in\s+recovery|recovered|on\s+the\s+mend|(?:is|was|are|were|am|'s|'re|'m|s|m)\s+(?:absolutely\s+|totally\s+|perfectly\s+|very\s+|really\s+|so\s+)?"
    r"(?:fine|ok|okay|alright|safe|happy|doing\s+(?:really\s+|very\s+|so\s+)?(?:well|great|fine|ok|better))(?:\s+now)?\b|"
    r"(?:fine|okay|ok|safe|alright)\s+now|(?:shes|hes|theyre|she'?s|he'?s|they'?re)\s+(?:doing\s+(?:really\s+|very\s+|so\s+)?well|fine|ok|okay|safe|happy)|"
    r"(?:moved|rehoused|put)\s+(?:\w+\s+)?somewhere\s+safe|happy\s+enough|went\s+(?:off\s+)?(?:home|on\s+(?:her|his|their)\s+way)|"
    r"got\s+(?:home|back)\s+(?:safe|safely|fine|ok|okay|alright|in\s+one\s+piece)|home\s+safe|(?:it\s+)?was\s+a\s+one[\s-]?off|"
    r"(?:texted|messaged|rang|called|came\s+(?:back|round))\s+(?:\w+\s+){0,5}?(?:to\s+say\s+)?(?:thanks|thank\s+you)|"
    r"(?:got|has|found|given)\s+(?:her|him|them)?\s*(?:a\s+)?(?:bed|room|place)\s+(?:at|in)\s+(?:the\s+|a\s+)?(?:hostel|refuge|shelter|drop[\s-]?in)|"
    r"(?:was|were|is)\s+sound\s+(?:after|now)|sorted\s+now|(?:are|is|were)\s+(?:mates|friends)\s+again|"
    r"(?:came|come)\s+(?:\w+\s+){0,4}?(?:took|take|taken)\s+(?:it|them)\s+away|"
    r"(?:they|council|the\s+council)\s+(?:took|take|takes|taken|cleared|removed)\s+(?:it|them)\s+(?:away\s+)?(?:the\s+same\s+day|within|straight\s+away)|(?:hadn'?t|had\s+not|didn'?t)\s+touch(?:ed)?\s+(?:it|them)|(?:i'?m|im|i\s+am)\s+(?:\w+\s+)?(?:married|settled)\s+now|"
    r"(?:missing|lost)\s+(?:\w+\s+){0,5}?for\s+(?:a\s+few|a\s+couple\s+of|two|five|ten|twenty|\d+)\s+minutes|(?:got|was|were|been)\s+evicted|(?:now|is)\s+settled|"
    r"(?:lovely|great|grand|peaceful|quiet|fine|no\s+bother)\s+(?:ever\s+)?since|(?:'s|is)\s+(?:a\s+)?qualified\s+\w+|all\s+sorted|sorted\s+(?:\w+\s+)?out|no\s+harm\s+done|nobody\s+(?:was|got)\s+hurt|"
    r"nothing\s+(?:like\s+that\s+)?since|(?:quiet|quieter|calmer|better|fine)\s+since|much\s+better\s+now|long\s+gone|"
    r"done\s+with\s+(?:him|her|them|that\s+(?:life|lot|man|bloke|fella))\b|turned\s+out|no\s+reports|relief|reunion|got\s+(?:her|him|them)\s+(?:into|a)|"
    r"in\s+a\s+(?:really\s+|much\s+|very\s+)?(?:good|better)\s+place|(?:shut|closed)\s+(?:it\s+)?down|got\s+shut|no\s+contact|"
    r"got\s+help|thank(?:ed)?\s+(?:me|us)|waves\s+at\s+(?:me|us)|nothing\s+sinister|all\s+(?:fine|normal|good|ok|okay)|"
    # an ending told in residents' words: a good state now, home safe, away from him, the one who did it locked up
    r"(?:was|is|'s|s)\s+(?:now\s+|still\s+)?(?:grand|right\s+as\s+rain|in\s+(?:prison|jail)|clean\s+now|well\s+away)|right\s+as\s+rain|"
    # "he's still inside", "the man is now inside" (not "inside the house")
    r"(?:was|is|'s|s)\s+(?:now\s+|still\s+)inside\b(?!\s+(?:the|a|an|my|her|his|their|our|your|with|for|of))|"
    r"(?:went|go|goes|gone)\s+(?:off\s+)?(?:home\s+)?(?:a\s+bit\s+)?(?:happy|happier|brighter)|"
    r"(?:came|come|comes)\s+(?:and|to)\s+(?:take|took|pick|picked|fetch|fetched|get|got)\s+(?:her|him|them)\s+(?:home|up)?|"
    r"(?:got|get|gets|is|was|'s)\s+(?:well\s+)?away\s+from\s+(?:him|her|them)|nothing\s+like\s+that\s+(?:now|since|anymore|any\s+more)|"
    r"(?:was|were|is)\s+(?:all\s+)?over\s+by\s+(?:then|the\s+time)|"
    r"(?:he'?s|she'?s|he\s+is|she\s+is|they'?re|i'?m)\s+(?:\w+\s+)?(?:[2-9]\d|thirty|forty|fifty|sixty|seventy)\s+now|"
    # or it happened somewhere else
    r"different\s+(?:area|street|estate|part\s+of\s+town)|(?:nowhere\s+near|not\s+round)\s+here|other\s+side\s+of\s+(?:town|the\s+city)")
_ESCAPED = _words(r"(?:i|we|she|he|and|so|then)\s+(?:ran|legged\s+it|escaped|got\s+away|fought\s+(?:him|them)\s+off)\b|"
                   r"chased\s+(?:him|them|the\s+\w+|a\s+man)\s+off|chased\s+off\s+(?:a|the)\s+(?:man|bloke|fella)")
_FINE = re.compile(r"\b(?:fine|ok|okay|alright|safe|happy)\b")
# "she says she's fine": a claim of the one at risk, not an ending
_CLAIMED = re.compile(r"\b(?:said|says|saying|claims?|claimed|insists?|insisted|reckons?|told\s+\w+|pretends?|think|thinks|thought|"
                      r"(?:not|n't|dont|isnt|wasnt|never)(?:\s+\w+){0,2})\s+(?:that\s+)?"
                      r"(?:(?:she|he|they|i|we|it)\s*)?$")


# Words that say the harm goes on: a clause holding one is never dropped as past or
# hypothetical, nor a sentence holding one of the strongest. What happens "every night" or
# "most nights" goes on too, unless the sentence says it "used to" or was long ago.
_ONGOING = _words(
    r"(?:still|again|keeps?|keeping|constantly|ongoing|won'?t\s+stop|right\s+now|as\s+we\s+speak|tonight|"
    r"at\s+the\s+moment|currently)\b")
_HABITUAL = _words(
    r"(?:always|regularly|every\s+(?:night|day|week|weekend|time)|each\s+(?:night|day|week)|most\s+(?:nights|days|weekends))\b")
_STILL_GOING = _words(r"(?:again|right\s+now|as\s+we\s+speak|tonight|at\s+the\s+moment|currently)\b")
_USED_TO = _words(r"used\s+to\b")
# The one at risk as a child is the writer, long grown up: "when I was about fifteen a man..."
_MY_CHILDHOOD = _words(
    r"when\s+(?:i|we)\s+(?:was|were)\s+(?:only\s+|just\s+|about\s+|around\s+)?(?:a\s+(?:kid|child|teenager|teen|girl|lad|lass|boy|"
    r"bairn)|young|little|at\s+school|\d+|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|younger)|as\s+a\s+(?:kid|child|teenager|girl|lad)")


# A benign explanation given by someone who knows ("they said that's normal").
_EXPLAINED = (
    r"(?:they'?re|he'?s|she'?s|they\s+are|he\s+is|she\s+is)\s+(?:\w+\s+)?(?:on\s+holiday|away\s+(?:for|on|at|with)|abroad|"
    r"in\s+(?:spain|portugal|france|majorca|tenerife|benidorm|turkey|greece|poland|pakistan|india))\b|"
    r"(?:told|tell|telling)\s+(?:her|him|them|us|me|the\s+\w+)\s+(?:that\s+)?(?:it'?s|its|it\s+was|it\s+is|that'?s|they'?re|they\s+are)\s+"
    r"(?:all\s+|only\s+|just\s+)?(?:made\s+up|fake|not\s+real|pretend|a\s+story|a\s+film|a\s+game|acting)\b|"
    r"(?:said|says|told\s+(?:us|me))\s+(?:that'?s|thats|it'?s|its|it\s+was|it\s+is)\s+(?:normal|fine|safe|nothing)\b|"
    r"(?:is|was|it'?s|its)\s+(?:just|only)\s+(?:the\s+|a\s+|some\s+)?(?:\w+\s+)?(?:bonfires?|barbecues?|bbq|chimneys?|fireworks|"
    r"gas\s+works|roadworks|engineers|boiler|foxes|cats)\b")
# "someone's going to break their neck on that": an accident foreseen, not a threat.
# A mishap with no one doing it ("fell off his bike and broke his wrist").
_MISHAP = _words(r"(?:fell|falls|fall|fallen|tripped|trips|trip|slipped|slips|slip)\s+(?:off|over|down|up|on|in)\b|"
                 r"(?:hit|banged|bumped|knocked|cut)\s+(?:my|his|her|their)\s+(?:head|knee|elbow|arm|leg|shin|toe)\s+on\s+(?:a|the)\b|"
                 r"in\s+a\s+(?:boxing|rugby|football|karate|judo|kickboxing)\s+(?:match|bout|game|class|fight)|"
                 r"(?:boxing|rugby|football|karate|judo|kickboxing)\s+(?:club|training|practice|session)|"
                 # hurt at sport
                 r"(?:playing|at|during)\s+(?:rugby|football|footy|hockey|netball|cricket|basketball|boxing|judo|karate|"
                 r"training|pe|gymnastics|the\s+match)\b|"
                 r"(?:came|come|comes)\s+off\s+(?:his|her|their|my|a|the)\s+(?:\w+\s+)?(?:bike|scooter|skateboard|horse|trampoline|swing)")
_DONE_BY = _words(r"(?:push\w*|shov\w*|threw|thrown|chuck\w*|hit|hits|kick\w*|punch\w*|attack\w*|beat\w*|batter\w*|"
                  r"drag\w*|knock\w*\s+(?:her|him|me|them))\b")
_ACCIDENT = (
    r"(?:someone|somebody|anyone|one\s+of\s+(?:them|us|the\s+\w+))(?:'s|\s+is)?\s+(?:going\s+to|gonna|will|'ll)\s+"
    r"(?:\w+\s+){0,2}?(?:break\s+(?:their|his|her)\s+(?:neck|leg|arm)|trip|fall|have\s+an\s+accident|get\s+(?:hurt|injured))")


# One scan each for the frames that drop a match outright, and for those that drop it unless
# the harm goes on.
_FICTION = _words(_MEDIA, _JOKE, _RETRACTED)
_WORRY = _words(_HYPOTHETICAL, _ACCIDENT, _EXPLAINED)


def _sentence(spans: list[tuple[int, int]], position: int) -> int:
    return bisect_right(spans, (position, float("inf"))) - 1


def _clause(text: str, start: int, end: int, position: int) -> str:
    """The clause of the sentence ``text[start:end]`` that holds ``position``."""
    left = start
    for m in _CLAUSE.finditer(text, start, position):
        left = m.end()
    right = _CLAUSE.search(text, position, end)
    return text[left:right.start() if right else end]


class _Frames:
    """The frames of one answer's sentences, each worked out once, when first asked about."""

    __slots__ = ("low", "spans", "_media", "_resolved")

    def __init__(self, low: str, spans: list[tuple[int, int]] | None = None):
        self.low, self.spans = low, spans or sentences(low)
        self._media: dict[int, bool] = {}
        self._resolved: list[int] | None = None

    def _joke_or_media(self, k: int) -> bool:
        found = self._media.get(k)
        if found is None:
            a, b = self.spans[k]
            low = self.low
            found = bool(_FICTION.search(low, a, b) or _JOKE_SIGN.search(low, a, b))
            if not found and k > 0:  # the punchline of "what's the difference between...?"
                found = bool(_JOKE_SETUP.search(low, *self.spans[k - 1]))
            if not found:  # "My son is 15 and on his Xbox all day. Normal teenager, nothing to worry about."
                found = bool(_ALL_CLEAR.search(low, self.spans[k][0], self.spans[min(k + 1, len(self.spans) - 1)][1]))
            if not found and k + 1 < len(self.spans):  # "...? 😂", "... Only joking."
                a, b = self.spans[k + 1][0], min(self.spans[k + 1][1], self.spans[k + 1][0] + 40)
                found = bool(_FICTION.search(low, a, b) or _JOKE_SIGN.search(low, a, b))
            self._media[k] = found
        return found

    def _endings(self) -> list[int]:
        """Where the answer tells of an ending ("they caught him", "she was fine"), not a claim of one."""
        if self._resolved is None:
            low = self.low
            self._resolved = [m.start() for m in _RESOLVED.finditer(low)
                              if not (_FINE.search(m.group()) and _CLAIMED.search(low, max(0, m.start() - 30), m.start()))]
        return self._resolved

    def resolved(self, start: int = 0, end: int | None = None) -> bool:
        """The answer tells of an ending (from ``start`` up to ``end``)."""
        return any(start <= p and (end is None or p < end) for p in self._endings())

    def not_present(self, start: int, end: int) -> bool:
        low, spans = self.low, self.spans
        k = _sentence(spans, start)
        s_start, s_end = spans[k][0], spans[max(k, _sentence(spans, max(start, end - 1)))][1]
        if self._joke_or_media(k):
            return True
        clause = _clause(low, s_start, s_end, start)
        if _ANIMAL.search(clause) and not _PERSON.search(clause.replace(low[start:end], " ")):
            return True
        if _ONGOING.search(clause) or _STILL_GOING.search(low, s_start, s_end):
            return False
        if _HABITUAL.search(clause) and not (_USED_TO.search(low, s_start, s_end) or _LONG_AGO.search(low, s_start, s_end)):
            return False
        if _THREAT_REPORTED.search(low, s_start, s_end):
            # a threat told as made long ago, and ended since ("when we first came a neighbour said
            # he'd put our windows in... he apologised"), is over; any other is a disclosure
            return bool(_LONG_AGO.search(low, s_start, s_end)) and self.resolved()
        if _WORRY.search(low, s_start, s_end):
            return True
        if _COUNTERFACTUAL.search(low, s_start, s_end) and not _REPORTED.search(low, s_start, s_end):
            return True
        if _MISHAP.search(low, s_start, s_end) and not _DONE_BY.search(low, s_start, s_end):
            return True
        if _LONG_AGO.search(low, s_start, s_end):
            return self.resolved() or bool(_ESCAPED.search(low))
        if _PRESENT.search(clause):
            return False
        # told in the past, or in the plain present of a second language ("she say her boyfriend
        # take her bag, police come, she go home happy"), with its ending told there or next
        following = spans[min(len(spans) - 1, _sentence(spans, max(start, end - 1)) + 1)][1]
        return bool(_PAST.search(low, s_start, s_end) and self.resolved()) or self.resolved(s_start, following)


def not_present(low: str, start: int, end: int, spans: list[tuple[int, int]] | None = None) -> bool:
    """True if the words ``low[start:end]`` (``low``: the lower-cased answer) sit in a frame
    that is no present risk to a person: media, a joke, an animal, a hypothetical, or a past
    event the answer says is over."""
    return _Frames(low, spans).not_present(start, end)


def keep_present(low: str, matches: list[re.Match[str]], spans: list[tuple[int, int]] | None = None) -> list[re.Match[str]]:
    """The matches that are not in such a frame."""
    if not matches:
        return matches
    frames = _Frames(low, spans)
    return [m for m in matches if not frames.not_present(m.start(), m.end())]


def grown_up(low: str, matches: list[re.Match[str]], spans: list[tuple[int, int]] | None = None) -> list[re.Match[str]]:
    """The mentions of a child that are not the writer's own childhood ("when I was fifteen")."""
    if not matches:
        return matches
    spans = spans or sentences(low)
    kept = []
    for m in matches:
        a, b = spans[_sentence(spans, m.start())]
        if not any(c.start() <= m.start() < c.end() for c in _MY_CHILDHOOD.finditer(low, a, b)):
            kept.append(m)
    return kept
