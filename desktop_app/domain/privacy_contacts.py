"""Where the employee can turn: the practice's data-protection officer (FG), its complaint
procedure, and the Autoriteit Persoonsgegevens. The letters about requests, the complaint
acknowledgement, the AVG-19 notices and the processing register's header show these.

Sources: AVG art. 12 lid 4 (a refusal names the right to complain to the supervisory authority
and to go to court), art. 13 lid 1 b and art. 30 lid 1 a (the FG's contact details), art. 77 (the
complaint to the AP); the AP's address from autoriteitpersoonsgegevens.nl ("Voordat u een klacht
indient"; letters: Postbus 93374, 2509 AJ Den Haag). Complaint terms: Wkkgz art. 17 (six weeks,
once four more) for the consultations at the employee's own request; Arbowet art. 14 lid 2 h
requires a complaint procedure for the rest; the practice sets its terms.
"""

from __future__ import annotations

from dataclasses import dataclass

AP_NAME = "Autoriteit Persoonsgegevens"
AP_POSTAL = "Postbus 93374, 2509 AJ Den Haag"
AP_WEBSITE = "autoriteitpersoonsgegevens.nl"
AP_PHONE = "088 - 1805 250"


@dataclass(frozen=True)
class DpoContact:
    name: str
    email: str
    phone: str

    @classmethod
    def from_settings(cls, values: dict[str, str]) -> DpoContact:
        return cls(values.get("dpo_name", "").strip(), values.get("dpo_email", "").strip(),
                   values.get("dpo_phone", "").strip())

    @property
    def known(self) -> bool:
        return bool(self.name or self.email or self.phone)

    def line(self) -> str:
        """"Functionaris gegevensbescherming: mr. J. Smit, fg@…, 030-…" or what is missing."""
        if not self.known:
            return "Functionaris gegevensbescherming: (nog niet ingesteld)"
        parts = [p for p in (self.name, self.email, self.phone) if p]
        return "Functionaris gegevensbescherming: " + ", ".join(parts)


@dataclass(frozen=True)
class ComplaintProcedure:
    contact: str
    answer_weeks: int
    extension_weeks: int
    external: str

    @classmethod
    def from_settings(cls, values: dict[str, str]) -> ComplaintProcedure:
        def number(key: str, default: int) -> int:
            try:
                return int(values.get(key, default))
            except ValueError:
                return default

        return cls(values.get("complaint_contact", "").strip(), number("complaint_answer_weeks", 6),
                   number("complaint_extension_weeks", 4), values.get("complaint_external", "").strip())

    def sentences(self) -> list[str]:
        to = self.contact or "de praktijk"
        out = [f"Bent u het niet eens met hoe wij met uw verzoek of uw gegevens omgaan, dan kunt u een klacht "
               f"indienen bij {to}. U krijgt binnen {self.answer_weeks} weken ons oordeel"
               + (f"; als dat niet lukt, laten wij u weten waarom en krijgt u het binnen nog eens "
                  f"{self.extension_weeks} weken." if self.extension_weeks else ".")]
        if self.external:
            out.append(f"Komt u er met ons niet uit, dan kunt u zich wenden tot {self.external}.")
        return out


def ap_route() -> str:
    return (f"U kunt ook een klacht indienen bij de {AP_NAME}: via {AP_WEBSITE}, per post ({AP_POSTAL}) "
            f"of eerst telefonisch om advies ({AP_PHONE}). U kunt zich ook tot de rechter wenden.")


def rights_block(dpo: DpoContact, procedure: ComplaintProcedure) -> list[str]:
    """The paragraphs a letter to the employee ends with."""
    return [*procedure.sentences(), dpo.line() + ".", ap_route()]
