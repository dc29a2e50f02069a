import pytest

from priorities.specifications.outcome_language import check_outcome_language


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Increase the number of people attending sessions.", "number of people attending"),
        ("Forty sessions delivered each year.", "sessions delivered"),
        ("Ten courses run in community centres.", "courses run"),
        ("5,000 leaflets distributed to homes.", "leaflets distributed"),
        ("We will set up a drop-in centre.", "set up a drop-in"),
    ],
)
def test_outcome_language_flags_outputs_with_why_and_how(text, phrase):
    warnings = check_outcome_language(text)

    assert [warning.phrase for warning in warnings] == [phrase]
    assert "output" in warnings[0].why
    assert warnings[0].suggestion


def test_outcome_language_accepts_a_change_for_people():
    text = "Fewer young people in Hillfields are out of work, education or training, and more adults move into jobs."

    assert check_outcome_language(text) == []


def test_outcome_language_warns_once_for_overlapping_phrases():
    warnings = check_outcome_language("Double the number of people attending the centre.")

    assert [warning.phrase for warning in warnings] == ["number of people attending"]
