"""Issue 13, the generated register of processing activities against the rule the program
applies, on a hand-worked example."""

from datetime import date

from desktop_app.domain.retention import Category
from desktop_app.services import register, retention
from tests.helpers.retention_practice import populate, years

T = date.today()


def test_the_register_states_the_medical_term_the_program_applies(arts):
    """Hand-worked: last medical entry today (T), employment ends T + 3 years. The register says
    "20 jaar na de laatste wijziging van het dossier ..., en niet eerder dan de
    persoonsgegevens": max(T + 20, T + 3 + 5) = T + 20. The program keeps it until T + 23 (20
    years from the end of employment). The practice's legal register and its practice differ by
    three years; the register must name the counting the program uses."""
    person = populate(arts, today=T)
    (medical,) = [i for i in retention.due(arts, today=years(T, 30))
                  if i.employee_id == person.employee_id and i.category is Category.MEDICAL]
    assert medical.due == years(T, 23)  # the program, as found
    (row,) = [a for a in register.register(arts).activities if "7:454" in a.retention]
    assert "dienstverband" in row.retention
