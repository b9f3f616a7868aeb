"""The functional capacities list (FML): six rubrics of items, each scored against normal, and
the overview of a scored list (what is limited, per rubric)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class FmlScore(StrEnum):
    """An FML item scored against normal (what a healthy person of the same age can do)."""

    NORMAL = "normaal"
    LIMITED = "beperkt"
    STRONGLY_LIMITED = "sterk_beperkt"

    @property
    def label(self) -> str:
        return {"normaal": "normaal", "beperkt": "beperkt", "sterk_beperkt": "sterk beperkt"}[self.value]


@dataclass(frozen=True)
class FmlItem:
    code: str
    label: str


@dataclass(frozen=True)
class FmlRubric:
    numeral: str
    title: str
    items: tuple[FmlItem, ...]

    @property
    def heading(self) -> str:
        return f"{self.numeral} {self.title}"


def _rubric(numeral: str, title: str, *items: tuple[str, str]) -> FmlRubric:
    return FmlRubric(numeral, title, tuple(FmlItem(code, label) for code, label in items))


FML_RUBRICS: tuple[FmlRubric, ...] = (
    _rubric("I", "Persoonlijk functioneren",
            ("concentreren", "Concentreren (vasthouden van de aandacht)"),
            ("verdelen_aandacht", "Verdelen van de aandacht"), ("herinneren", "Herinneren"),
            ("inzicht", "Inzicht in eigen kunnen"), ("handelingstempo", "Handelingstempo"),
            ("zelfstandig", "Zelfstandig handelen"),
            ("deadlines", "Werken onder tijdsdruk, deadlines of productiepieken"),
            ("persoonlijk_risico", "Persoonlijk risico (gevaarlijke machines, verkeer)")),
    _rubric("II", "Sociaal functioneren",
            ("emoties_anderen", "Omgaan met emotionele problemen van anderen"),
            ("conflicten", "Omgaan met conflicten"), ("samenwerken", "Samenwerken"),
            ("klantcontact", "Intensief klantcontact"), ("leidinggeven", "Leidinggeven")),
    _rubric("III", "Aanpassing aan fysieke omgevingseisen",
            ("zien", "Zien"), ("horen", "Horen"), ("huidcontact", "Huidcontact met stoffen of vocht"),
            ("beschermende_middelen", "Dragen van beschermende middelen"),
            ("hitte_koude", "Hitte of koude"), ("geluid", "Lawaai"), ("trillingen", "Trillingen"),
            ("stof", "Stof, rook of dampen"), ("hoogte", "Werken op hoogte")),
    _rubric("IV", "Dynamische handelingen",
            ("tillen", "Tillen of dragen"), ("duwen", "Duwen of trekken"), ("lopen", "Lopen"),
            ("traplopen", "Traplopen"), ("klimmen", "Klimmen"), ("knielen", "Knielen of hurken"),
            ("buigen", "Buigen"), ("torderen", "Torderen (draaien van de romp)"),
            ("reiken", "Reiken"), ("hand_vinger", "Hand- en vingergebruik"),
            ("repeterend", "Repeterende handelingen")),
    _rubric("V", "Statische houdingen",
            ("zitten", "Zitten"), ("staan", "Staan"), ("geknield", "Geknield of gehurkt actief zijn"),
            ("gebogen", "Gebogen of getordeerd actief zijn"),
            ("boven_schouder", "Boven schouderhoogte actief zijn"),
            ("hoofd_fixeren", "Het hoofd in één stand houden")),
    _rubric("VI", "Werktijden",
            ("uren_dag", "Uren per dag"), ("uren_week", "Uren per week"),
            ("avond", "Avondwerk"), ("nachtdiensten", "Nachtdiensten"),
            ("onregelmatig", "Onregelmatige of wisselende diensten")),
)
FML_ITEMS: dict[str, str] = {i.code: i.label for r in FML_RUBRICS for i in r.items}


def fml_field(code: str) -> str:
    """The form field of an item's score; its explanation is ``fml_field(code) + "_note"``."""
    return f"fml_{code}"


@dataclass(frozen=True)
class FmlItemScore:
    code: str
    score: FmlScore = FmlScore.NORMAL
    note: str = ""

    @property
    def label(self) -> str:
        return FML_ITEMS.get(self.code, self.code)


@dataclass(frozen=True)
class FmlRubricView:
    numeral: str
    title: str
    limited: tuple[FmlItemScore, ...]
    normal_count: int

    def describe(self) -> str:
        if not self.limited:
            return "geen beperkingen"
        return "; ".join(f"{i.label} — {i.score.label}" + (f" ({i.note})" if i.note else "")
                         for i in self.limited)

    def line(self) -> str:
        return f"{self.numeral} {self.title}: {self.describe()}"


@dataclass(frozen=True)
class FmlOverview:
    """The total view of an FML: per rubric what is limited, and the counts."""

    rubrics: tuple[FmlRubricView, ...]

    @property
    def limited(self) -> tuple[FmlItemScore, ...]:
        return tuple(i for r in self.rubrics for i in r.limited)

    @property
    def limited_count(self) -> int:
        return sum(1 for i in self.limited if i.score is FmlScore.LIMITED)

    @property
    def strongly_limited_count(self) -> int:
        return sum(1 for i in self.limited if i.score is FmlScore.STRONGLY_LIMITED)

    @property
    def all_normal(self) -> bool:
        return not self.limited

    def headline(self) -> str:
        if self.all_normal:
            return "Geen beperkingen: alle onderdelen normaal."
        return (f"{self.limited_count} beperkt, {self.strongly_limited_count} sterk beperkt "
                f"(van {sum(len(r.items) for r in FML_RUBRICS)} onderdelen).")

    def lines(self) -> list[str]:
        return [self.headline()] + [r.line() for r in self.rubrics]


@dataclass(frozen=True)
class FmlBody:
    """Every item of every rubric with its score; an item not given counts as normal."""

    items: tuple[FmlItemScore, ...]
    summary: str = ""

    def score(self, code: str) -> FmlItemScore:
        for item in self.items:
            if item.code == code:
                return item
        return FmlItemScore(code)

    def overview(self) -> FmlOverview:
        views = []
        for rubric in FML_RUBRICS:
            scored = [self.score(i.code) for i in rubric.items]
            limited = tuple(s for s in scored if s.score is not FmlScore.NORMAL)
            views.append(FmlRubricView(rubric.numeral, rubric.title, limited,
                                       len(scored) - len(limited)))
        return FmlOverview(tuple(views))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.summary:
            out["summary"] = self.summary
        out["items"] = {i.code: {"score": i.score.value, "note": i.note} for i in self.items}
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FmlBody:
        stored = data.get("items") or {}
        items = tuple(FmlItemScore(code, FmlScore(v.get("score", "normaal")), str(v.get("note", "")))
                      for code, v in stored.items())
        return cls(items, str(data.get("summary", "")))
