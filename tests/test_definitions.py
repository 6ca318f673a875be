"""Survey definitions: the default loads; broken files are refused with file, question and problem."""
import pytest
import yaml

from surveys import definitions, services
from surveys.definitions import DefinitionError, load_file


def write(tmp_path, data, name="survey.yaml"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def default_raw():
    return yaml.safe_load(definitions.DEFAULT_DEFINITION.read_text(encoding="utf-8"))


def test_default_survey_asks_what_the_issue_lists():
    survey = load_file()
    ids = [q.id for q in survey.questions]
    assert ids[:2] == ["street", "audience"]
    assert {"seen_kerb_crawling", "seen_soliciting", "seen_discarded", "seen_drugs", "seen_noise_night",
            "seen_vehicles_circling", "safe_day", "safe_dark", "impact", "improve", "age_band"} <= set(ids)
    assert [o.value for o in survey.question("audience").options] == ["resident", "business"]
    assert survey.question("impact").max_length == 2000
    assert not survey.question("age_band").required
    assert len(survey.rounds) == 2


def test_default_survey_asks_nothing_that_identifies_a_person():
    labels = " ".join(q.label.lower() for q in load_file().questions)
    for identifying in ("your name", "email", "phone number", "house number", "date of birth"):
        assert identifying not in labels


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["pages"][2]["questions"][0].update(type="slider"), "question 'seen_kerb_crawling': type must be one of"),
    (lambda d: d["pages"][2]["questions"][0].update(scale="often"), "question 'seen_kerb_crawling': scale 'often' is not defined"),
    (lambda d: d["pages"][4]["questions"][0].update(max_length=0), "question 'impact': max_length must be a whole number"),
    (lambda d: d["pages"][6]["questions"][0].update(options=[]), "question 'age_band': options must be a non-empty list"),
    (lambda d: d["pages"][5]["questions"][0].update(id="impact"), "question 'impact': id is used twice"),
    (lambda d: d["pages"][1]["questions"][0].pop("label"), "question 'audience': label is missing"),
    (lambda d: d["rounds"][0].update(closes="soon"), "round 'autumn-2026': opens and closes must be dates"),
    (lambda d: d["pages"].pop(0), "needs exactly one question of type 'street' (found 0)"),
    (lambda d: d.pop("rounds"), "rounds must be a non-empty list"),
    (lambda d: d["pages"][2]["questions"][1].update(required="yes"), "question 'seen_soliciting': required must be true or false"),
])
def test_invalid_definitions_name_the_file_question_and_problem(tmp_path, mutate, message):
    raw = default_raw()
    mutate(raw)
    path = write(tmp_path, raw)
    with pytest.raises(DefinitionError) as error:
        load_file(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)


@pytest.mark.parametrize("content, message", [
    ("survey: [unclosed", "not valid YAML"),
    ("- just\n- a list\n", "must be a mapping"),
    ("", "must be a mapping"),
])
def test_files_that_are_not_definitions_are_refused(tmp_path, content, message):
    with pytest.raises(DefinitionError, match=message):
        load_file(write(tmp_path, content))


def test_missing_file_is_named(tmp_path):
    with pytest.raises(DefinitionError, match="file not found"):
        load_file(tmp_path / "nope.yaml")


def test_a_changed_definition_becomes_a_new_version_and_an_unchanged_one_does_not(app, tmp_path):
    first, created = services.store_definition(load_file())
    again, created_again = services.store_definition(load_file())
    assert created and not created_again and again.id == first.id
    raw = default_raw()
    raw["pages"][4]["questions"][0]["label"] = "How does it affect you?"
    second, created = services.store_definition(load_file(write(tmp_path, raw)))
    assert created and second.number == 2
    assert services.definition_for(first).question("impact").label != services.definition_for(second).question("impact").label
