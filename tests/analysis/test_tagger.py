"""Zero-shot tagging with the default codebook: what an officer sees for typical answers."""
import pytest

import analysis
from analysis.codebook import parse_codebook
from analysis.tagger import CodebookTagger
from tests.conftest import naughty_strings


@pytest.fixture(scope="module")
def tagger():
    return CodebookTagger(analysis.load_codebook())


def test_clear_answer_gets_its_theme_with_evidence_at_original_offsets(tagger):
    text = "Every night kerb crawlers pulled up and asked me how much."
    result = tagger.tag(text)
    assert "kerb_crawling" in result.themes
    assert 0.5 <= result.scores["kerb_crawling"] <= 1.0
    evidence = result.evidence["kerb_crawling"]
    assert any(e.term == "kerb crawlers" and e.source == "phrase" for e in evidence)
    for e in evidence:
        assert text[e.start:e.end] == e.term


def test_offsets_survive_accents_emoji_and_curly_quotes(tagger):
    text = "Café owner 😡 says: “needles” all over the back lane"
    result = tagger.tag(text)
    assert "discarded_items" in result.themes
    assert {text[e.start:e.end] for e in result.evidence["discarded_items"]} >= {"needles"}


def test_one_answer_can_have_several_themes(tagger):
    result = tagger.tag("Used condoms and needles in the alley, and the street lights have been broken for months")
    assert {"discarded_items", "environment_lighting"} <= set(result.themes)


@pytest.mark.parametrize("text, theme", [
    ("Found neddles by the school gate", "discarded_items"),          # known misspelling
    ("Grafiti sprayed on every wall", "antisocial_behaviour"),       # one letter off
    ("Men keep kerbcrawling round the block", "kerb_crawling"),       # run-together
    ("Dealers selling drugs on the corner", "drugs"),
    ("I am frightened to walk home after dark", "feeling_unsafe"),
    ("The women need support not punishment, many are exploited", "welfare_of_workers"),
    ("The police never turn up when we report it", "police_response"),
    ("House prices have dropped and I want to move away", "area_reputation"),
    ("Shouting and car doors slamming at 3am wake us up", "noise_disturbance"),
])
def test_typical_answers(tagger, text, theme):
    assert theme in tagger.tag(text).themes


@pytest.mark.parametrize("text", ["n/a", "N/A", "Nothing to add", "no issues", "None.", "-", "", "   ", "Cant think of owt", "nowt to add", "dunno",
                                  "nothing else to say", "No comment"])
def test_null_answers_get_no_theme(tagger, text):
    assert tagger.tag(text).themes == ()


def test_improvement_is_still_about_the_topic_but_less_sure(tagger):
    improved = tagger.tag("No problems with drugs any more")
    plain = tagger.tag("Problems with drugs every day")
    assert "drugs" in improved.themes
    assert improved.scores["drugs"] < plain.scores["drugs"]


def test_unrelated_answer_gets_no_theme(tagger):
    assert tagger.tag("I like the new bakery's sourdough").themes == ()


def test_a_word_shared_by_every_theme_is_weak_evidence():
    book = parse_codebook({"codebook": "t", "version": 1, "title": "T", "themes": [
        {"id": "a", "label": "Street litter", "keywords": ["litter"]},
        {"id": "b", "label": "Street noise", "keywords": ["noise"]},
        {"id": "c", "label": "Street lights", "keywords": ["lights"]},
    ]})
    tagger = CodebookTagger(book)
    assert tagger.tag("Our street").themes == ()
    assert tagger.tag("litter").themes == ("a",)


def test_american_spelling_meets_british_codebook():
    book = parse_codebook({"codebook": "t", "version": 1, "title": "T", "themes": [
        {"id": "behaviour", "label": "Neighbour behaviour", "keywords": ["neighbour behaviour"]},
        {"id": "other", "label": "Other", "keywords": ["parking"]},
    ]})
    assert CodebookTagger(book).tag("My neighbor's behavior is awful").themes == ("behaviour",)


def test_huge_and_garbage_texts_do_not_crash(tagger):
    huge = "needles in the alley " * 50_000  # about 1 MB
    assert "discarded_items" in tagger.tag(huge).themes
    assert tagger.tag("\x00\ufffd\udcff" * 1000).themes == ()


def test_fast_tokens_are_exactly_nltk_regexp_tokenizer_tokens():
    from analysis.text import TOKENIZER, tokens
    samples = ["Don’t park on the kerb, it's 3am!", "naïve café—résumé 12B", "\x00\udcff x"] + naughty_strings()
    for text in samples:
        assert [(t.start, t.end) for t in tokens(text)] == list(TOKENIZER.span_tokenize(text))


def test_fuzzy_matching_does_not_swap_first_letters(tagger):
    # "night" is one letter from "light": it must not count as a lighting keyword.
    assert "environment_lighting" not in tagger.tag("Every night the same").scores


# To "What could we do better?", "Nothing" is praise; the codebook says which theme it counts as.
PRAISE_IF_NOTHING = {"codebook": "fft", "version": 1, "title": "T", "null_answer_theme": "praise", "themes": [
    {"id": "praise", "label": "Positive experience", "keywords": ["thank you", "excellent"]},
    {"id": "staff", "label": "Staff manner", "keywords": ["kind", "rude"]},
    {"id": "unhappy", "label": "Negative experience", "keywords": ["not good", "poor"]},
]}


@pytest.mark.parametrize("text", ["Nothing.", "nothing at all!!", "None", "Can't think of anything",
                                  "  ... nothing really"])
def test_nothing_counts_as_the_codebooks_null_answer_theme(text):
    result = CodebookTagger(parse_codebook(PRAISE_IF_NOTHING)).tag(text)
    assert result.themes == ("praise",)
    [evidence] = result.evidence["praise"]
    assert evidence.source == "null_answer"
    assert text[evidence.start:evidence.end] == evidence.term
    assert evidence.term.lower().startswith(("nothing", "none", "can't"))


@pytest.mark.parametrize("text", ["n/a", "No comment", "Don't know", "Nothing to add", "-", "...", ""])
def test_declining_to_answer_is_still_no_theme(text):
    assert CodebookTagger(parse_codebook(PRAISE_IF_NOTHING)).tag(text).themes == ()


def test_without_a_null_answer_theme_nothing_is_no_theme(tagger):
    book = dict(PRAISE_IF_NOTHING)
    del book["null_answer_theme"]
    assert CodebookTagger(parse_codebook(book)).tag("Nothing.").themes == ()
    assert tagger.tag("Nothing at all, I can't think of anything").themes == ()


def test_a_leading_nothing_adds_the_theme_and_does_not_negate_the_next_clause():
    tagger = CodebookTagger(parse_codebook(PRAISE_IF_NOTHING))
    result = tagger.tag("Nothing really, the nurses were so kind")
    assert set(result.themes) == {"praise", "staff"}
    assert result.evidence["praise"][0].term == "Nothing really"
    # "Nothing ... good" across a comma is not the phrase "not good".
    assert "unhappy" not in tagger.tag("Nothing really, it was a very good experience").themes
    assert "unhappy" in tagger.tag("It was not good").themes
    assert "praise" not in tagger.tag("No comment, the nurses were kind").themes


def test_naughty_strings_with_a_null_answer_theme_keep_true_offsets():
    tagger = CodebookTagger(parse_codebook(PRAISE_IF_NOTHING))
    texts = naughty_strings()
    texts += ["❤️", "nothing\x00", "\udcffnone", "Nothing \u200b really, ok", "no" * 10_000]
    for text in texts + [t + ", nothing" for t in texts] + ["nothing, " + t for t in texts]:
        result = tagger.tag(text)
        for evidence in (e for found in result.evidence.values() for e in found):
            assert text[evidence.start:evidence.end] == evidence.term


@pytest.mark.parametrize("text, said", [
    ("The crew could not have done any better.", "could not have done any better"),
    ("Lovely nurses, can't fault them", "can't fault"),
    ("No complaints at all", "No complaints"),
    ("There isn't anything I can think of that could be done better", "isn't anything I can think of that could be done better"),
    ("couldn’t ask for more", "couldn’t ask for more"),
])
def test_saying_there_is_nothing_to_improve_counts_too(text, said):
    result = CodebookTagger(parse_codebook(PRAISE_IF_NOTHING)).tag(text)
    assert "praise" in result.themes
    assert said in [e.term for e in result.evidence["praise"]]


@pytest.mark.parametrize("text", ["The waiting room could be better", "It couldn't be more rude", "There has been no improvement",
                                  "Nothing has changed", "Nothing can be done about the parking", "It was not my fault"])
def test_complaints_that_sound_like_nothing_to_improve_are_not_praise(text):
    assert "praise" not in CodebookTagger(parse_codebook(PRAISE_IF_NOTHING)).tag(text).themes


def test_a_leading_nothing_keeps_the_themes_own_keywords_as_evidence():
    result = CodebookTagger(parse_codebook(PRAISE_IF_NOTHING)).tag("Nothing, excellent care from start to end")
    assert result.themes == ("praise",)
    assert [(e.term, e.source) for e in result.evidence["praise"]] == [("Nothing", "null_answer"), ("excellent", "keyword")]


# Residents describe without naming: words found together in one sentence, a supporting word
# that only counts alongside a keyword, small words by their wording, and their own speech.
WORDS_TOGETHER = {"codebook": "t", "version": 1, "title": "T", "themes": [
    {"id": "kerb", "label": "Kerb crawling", "keywords": ["car|van|driver + slow|crawl + ask|offer|how much"]},
    {"id": "unsafe", "label": "Feeling unsafe", "keywords": ["scared", "~at night"]},
    {"id": "parking", "label": "Parking", "keywords": ["parking", "how much"]},
]}


@pytest.mark.parametrize("text", [
    "A van crawled past me and the driver offered me money",
    "every evening the same driver slows down and asks the women",
    "Cars slowing right down. Then one asked my sister how much.",  # two sentences: no
])
def test_words_found_together_in_one_sentence_make_a_keyword(text):
    result = CodebookTagger(parse_codebook(WORDS_TOGETHER)).tag(text)
    together = "sentences" not in text and "Then" not in text
    assert ("kerb" in result.themes) == together
    if together:
        found = result.evidence["kerb"]
        assert any(e.source == "phrase" and e.end - e.start > 20 for e in found)  # the words together
        assert all(text[e.start:e.end] == e.term for e in found)


def test_a_supporting_word_counts_only_alongside_a_keyword():
    tagger = CodebookTagger(parse_codebook(WORDS_TOGETHER))
    assert tagger.tag("The bins go out at night").themes == ()
    alone, supported = tagger.tag("I'm scared"), tagger.tag("I'm scared at night")
    assert "unsafe" in supported.themes
    assert supported.scores["unsafe"] > alone.scores["unsafe"]


def test_a_keyword_of_small_words_is_found_by_its_wording():
    tagger = CodebookTagger(parse_codebook(WORDS_TOGETHER))
    assert tagger.tag("How much is a permit?").themes == ("parking",)
    assert tagger.tag("There is much to do").themes == ()


def test_north_east_speech_meets_the_codebook(tagger):
    assert "children_young_people" in tagger.tag("the bairns cannot play out").themes
    assert "police_response" in tagger.tag("the polis never come").themes
    assert "kerb_crawling" in tagger.tag("gadgies in cars asking the lasses how much").themes


def test_a_park_is_no_parking_and_a_brother_no_brothel(tagger):
    assert "vehicles_parking" not in tagger.tag("we walk the dog in the park").themes
    assert "vehicles_parking" in tagger.tag("somebody parked across my drive again").themes
    assert "street_sex_work" not in tagger.tag("my brother called round").scores


# Default codebook v6: families of residents' wording, in words of our own.
@pytest.mark.parametrize("text, theme", [
    ("A bloke leaned out of his motor and asked my sister if she was working.", "kerb_crawling"),
    ("Some fella keeps creeping along beside the women in his car asking how much.", "kerb_crawling"),
    ("The same few cars go round and round the block slowing at every corner.", "kerb_crawling"),
    ("She takes the punters round the back of the garages most nights.", "street_sex_work"),
    ("Found a man and a woman in the bushes by the church, him with his flies undone.", "street_sex_work"),
    ("The prozzies are out by the bus shelter from teatime.", "street_sex_work"),
    ("There's a flat on the corner where folk come and go every few minutes, day and night.", "drugs"),
    ("The smackheads by the shops ask everyone who walks by if they're after anything.", "drugs"),
    ("Older lads pay the young ones to carry packages round the estate.", "drugs"),
    ("Coming off the late bus I hold my keys between my fingers and walk faster past the alley.", "feeling_unsafe"),
    ("Somebody broke the glass in my back door and they grab my wife purse off the table.", "crime_property"),
    ("Kids chucking stones at the windows of the cars parked on the front.", "crime_property"),
    ("Lads on scramblers doing wheelies and laps of the estate till gone midnight.", "vehicles_parking"),
    ("You never see the bobbies round here unless something's kicked off.", "police_response"),
])
def test_residents_own_wording_of_kerb_crawling_and_street_sex_work(tagger, text, theme):
    assert theme in tagger.tag(text).themes


@pytest.mark.parametrize("text", [
    "Ring me if you need more, my postcode is the one on the form.",
    "One of them sat on our wall for an hour, crying, poor thing.",
    "The bins got stuck in the lane again.",
])
def test_a_postcode_given_or_a_common_word_is_no_sign_of_the_areas_reputation(tagger, text):
    assert "area_reputation" not in tagger.tag(text).themes


def test_a_keyword_found_by_its_wording_is_not_weakened_by_other_themes_using_its_word():
    # "sell" is in several themes ("sell up", "selling sex"); "sells from" is drugs alone
    book = parse_codebook({"codebook": "t", "version": 1, "title": "T", "themes": [
        {"id": "drugs", "label": "Drugs", "keywords": ["sells from"]},
        {"id": "moving", "label": "Moving", "keywords": ["sell up", "selling the house"]},
        {"id": "sex", "label": "Sex work", "keywords": ["selling sex"]}]})
    tags = CodebookTagger(book).tag("A lad sells from the flat above the shop.")
    assert tags.themes == ("drugs",)


@pytest.mark.parametrize("text", ["Nothing to report, thank you.", "nowt to report cheers", "No, thanks"])
def test_nothing_to_report_is_no_theme(tagger, text):
    assert tagger.tag(text).themes == ()


def test_a_house_for_sale_is_no_kerb_crawling(tagger):
    assert "kerb_crawling" not in tagger.tag("Three houses on our row have been up for sale for a year.").themes
