import pytest

from desktop_app.errors import InvalidRecoveryKey
from desktop_app.vault import recovery


def test_generated_key_has_nine_groups_of_four_and_parses_back():
    key = recovery.generate()
    groups = key.split("-")
    assert len(groups) == 9
    assert all(len(g) == 4 for g in groups)
    assert len(recovery.key_material(key)) == 20  # 160 bits


def test_typing_variants_are_accepted():
    key = recovery.generate()
    typed = key.lower().replace("-", " ")
    assert recovery.key_material(typed) == recovery.key_material(key)
    # O and I/L are read as 0 and 1.
    confusable = key.replace("0", "O").replace("1", "I")
    assert recovery.key_material(confusable) == recovery.key_material(key)


def test_a_mistyped_character_is_caught_by_the_checksum():
    key = recovery.generate()
    first = key[0]
    swapped = ("A" if first != "A" else "B") + key[1:]
    with pytest.raises(InvalidRecoveryKey) as err:
        recovery.key_material(swapped)
    assert "verkeerd overgenomen" in err.value.message


@pytest.mark.parametrize("text", ["", "ABCD", "!" * 36, "ÄÖÜ" * 12])
def test_garbage_is_refused_with_a_dutch_message(text):
    with pytest.raises(InvalidRecoveryKey) as err:
        recovery.key_material(text)
    assert err.value.message


def test_keys_differ():
    assert len({recovery.generate() for _ in range(50)}) == 50
