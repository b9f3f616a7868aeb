"""An employee's name as the screens and the letters show it, from the four stored parts."""

from desktop_app.domain.names import employee_formal_name, employee_name


def test_a_screen_shows_the_given_names():
    assert employee_name("Jan Pieter", "J.P.", "van den", "Berg") == "Jan Pieter van den Berg"


def test_a_screen_falls_back_to_the_initials():
    assert employee_name("", "J.P.", "van den", "Berg") == "J.P. van den Berg"


def test_a_letter_uses_the_initials():
    assert employee_formal_name("Jan Pieter", "J.P.", "van den", "Berg") == "J.P. van den Berg"


def test_a_letter_falls_back_to_the_given_names():
    assert employee_formal_name("Jan Pieter", "", "van den", "Berg") == "Jan Pieter van den Berg"


def test_a_prefix_written_against_the_name_stays_against_it():
    assert employee_name("Marco", "M.", "d'", "Ancona") == "Marco d'Ancona"
