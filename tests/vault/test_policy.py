import pytest

from desktop_app.errors import PasswordPolicyError
from desktop_app.vault import policy


@pytest.mark.parametrize(
    ("secret", "fragment"),
    [
        ("", "vul dit in"),
        ("Kort-1!", "minstens 12"),
        ("aaaaaaaaaaaaaaaa", "verschillende"),
        ("alleenkleineletters", "drie van de vier"),
        ("wachtwoord123", "veelgebruikt"),
        ("x" * 2000, "hoogstens"),
        ("Goed\x00Wachtwoord-1", "stuurtekens"),
    ],
)
def test_weak_secrets_are_refused_with_the_reason(secret, fragment):
    with pytest.raises(PasswordPolicyError) as err:
        policy.check(secret, field="password")
    assert fragment in err.value.message
    assert err.value.field == "password"


def test_a_long_passphrase_of_words_is_fine():
    policy.check("paard batterij nietje correct", field="password")


def test_the_username_alone_is_not_enough():
    with pytest.raises(PasswordPolicyError):
        policy.check("janssen-12!A", field="password", username="janssen")
    policy.check("Demo-arts-2026!", field="password", username="arts")


def test_medical_passphrase_must_differ_from_the_password():
    with pytest.raises(PasswordPolicyError) as err:
        policy.check_pair("Hetzelfde-2026!", "Hetzelfde-2026!")
    assert err.value.field == "medical_passphrase"


def test_strength_grows_with_length_and_variety():
    assert policy.strength("") == 0
    assert policy.strength("abc") < policy.strength("Abc-12345678") <= policy.strength(
        "Een lange zin met 4 woorden en tekens!")
    assert policy.strength("Een lange zin met 4 woorden en tekens!") == 4
