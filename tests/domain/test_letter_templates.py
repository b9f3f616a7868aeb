"""Letter templates: every merge field renders, an unknown field or an unbalanced brace is refused
with a message naming it, and a value holding braces or markup is inserted as text."""

import pytest

from desktop_app.domain import letter_templates as rules
from desktop_app.domain.letter_defaults import BY_KEY, DEFAULTS, GENERAL, INVITATION
from desktop_app.domain.letter_fields import FIELDS, fields_for
from desktop_app.errors import ValidationError, ValidationErrors


def test_every_merge_field_renders_its_value():
    text = " | ".join(f.token for f in FIELDS.values())
    values = {name: f"<{i}>" for i, name in enumerate(FIELDS)}
    assert rules.render(text, values) == " | ".join(f"<{i}>" for i in range(len(FIELDS)))


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_every_merge_field_is_accepted_by_a_template_that_has_its_source(name):
    t = next(t for t in DEFAULTS if FIELDS[name].source in t.all_sources)
    assert rules.check(t, "Onderwerp", f"Tekst {{{name}}}.")[1] == f"Tekst {{{name}}}."


def test_every_default_template_passes_its_own_check():
    for t in DEFAULTS:
        assert rules.check(t, t.subject, t.body) == (t.subject, t.body)


def test_an_unknown_field_is_refused_naming_it():
    with pytest.raises(ValidationErrors) as exc:
        rules.check(BY_KEY[GENERAL], "Onderwerp", "Beste {werknemer.nam},")
    assert exc.value.errors == {"body": "Tekst: het samenvoegveld {werknemer.nam} bestaat niet. Kies een veld "
                                        "uit de lijst."}


def test_a_field_of_another_source_is_refused_naming_it():
    with pytest.raises(ValidationErrors) as exc:
        rules.check(BY_KEY[INVITATION], "Onderwerp", "Doel: {toestemming.doel}")
    assert "{toestemming.doel} hoort niet bij deze brief" in exc.value.errors["body"]


def test_an_unknown_field_in_the_subject_is_refused_at_the_subject():
    with pytest.raises(ValidationErrors) as exc:
        rules.check(BY_KEY[GENERAL], "Over {zaak.nummer}", "Tekst")
    assert list(exc.value.errors) == ["subject"]
    assert "{zaak.nummer}" in exc.value.errors["subject"]


@pytest.mark.parametrize("body, near", [("Beste {werknemer.naam,", "{werknemer.naam,"),
                                        ("Beste {werknemer.naam\nen verder}", "{werknemer.naam"),
                                        ("Beste werknemer.naam}", "}")])
def test_an_unbalanced_brace_is_refused_naming_where(body, near):
    with pytest.raises(ValidationErrors) as exc:
        rules.check(BY_KEY[GENERAL], "Onderwerp", body)
    assert near in exc.value.errors["body"]


def test_an_empty_field_name_is_refused():
    with pytest.raises(ValidationErrors) as exc:
        rules.check(BY_KEY[GENERAL], "Onderwerp", "Beste {},")
    assert "{}" in exc.value.errors["body"]


def test_doubled_braces_are_literal_braces():
    assert rules.render("{{werknemer.naam}} is {werknemer.naam}", {"werknemer.naam": "X"}) == \
        "{werknemer.naam} is X"


def test_markup_and_braces_in_a_value_stay_literal():
    evil = "<b>Jan</b> {werknemer.geboortedatum} &amp; <font color=red>x</font>"
    out = rules.render("Beste {werknemer.naam},", {"werknemer.naam": evil, "werknemer.geboortedatum": "01-01-1970"})
    assert out == f"Beste {evil},"


def test_a_typed_field_left_empty_shows_a_gap():
    assert rules.render("Datum: {afspraak.datum}", {}) == f"Datum: {rules.MISSING}"


def test_a_typed_value_with_a_control_character_is_refused():
    with pytest.raises(ValidationError):
        rules.check_value("afspraak.tijd", "10:00\x07")


def test_paragraphs_split_at_blank_lines_only():
    assert rules.paragraphs("a\nb\n\n\nc") == ["a\nb", "c"]


def test_fields_for_a_template_hold_the_base_sources():
    names = {f.name for f in fields_for(BY_KEY[INVITATION].all_sources)}
    assert {"werknemer.naam", "afspraak.datum"} <= names
    assert "toestemming.doel" not in names


def test_free_text_left_empty_prints_nothing():
    assert rules.paragraphs(rules.render("Beste X,\n\n{brief.tekst}\n\nGroet", {})) == ["Beste X,", "Groet"]
