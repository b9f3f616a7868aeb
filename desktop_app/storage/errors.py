"""Storage errors that name the file: the environment's fault, said plainly, with what to do.

The kinds that other layers already catch (``DatabaseBusy``, ``ReadOnly``, ``DiskFull``,
``DatabaseDamaged``) live in ``desktop_app.errors``; the ones below are the further kinds that the
SQLite result codes call for. ``about_file`` builds any of them with a Dutch message that names the
database file and its folder. The English ``detail`` holds the result code and the file's name
only (``practice.db``, ``medical.db``), never the folder: a folder may carry a person's name.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DiskFull,
    ReadOnly,
    StorageError,
)


class CannotOpen(StorageError):
    """SQLITE_CANTOPEN where the folder is missing or unreachable."""

    message = (
        "Een databasebestand kan niet worden geopend. Controleer of de gegevensmap bestaat en "
        "bereikbaar is."
    )


class DiskError(StorageError):
    """SQLITE_IOERR: the operating system reported a read or write error."""

    message = (
        "Lezen of schrijven van de gegevens is mislukt door een fout van de schijf. De wijziging "
        "is niet opgeslagen."
    )


class LockingFailed(StorageError):
    """SQLITE_PROTOCOL: the file system's locks did not behave (typically a network share)."""

    message = (
        "Het vergrendelen van een databasebestand is mislukt. Sluit andere programma's die de "
        "gegevensmap gebruiken en probeer het opnieuw."
    )


class NoAccess(StorageError):
    """SQLITE_PERM: the operating system refused the access mode asked for."""

    message = (
        "Arbokluis heeft geen toegang tot een databasebestand. Controleer de rechten op de "
        "gegevensmap."
    )


class DatabaseMissing(DatabaseDamaged):
    """A section's file is not there (a ``DatabaseDamaged``, so callers need not tell apart)."""

    message = (
        "Een databasebestand ontbreekt in de gegevensmap. Er is niets overschreven. Zet de "
        "gegevens terug uit de nieuwste back-up."
    )


# Dutch messages that name the file ({file}) and its folder ({folder}) and say what to do.
_ABOUT_FILE: dict[type[StorageError], str] = {
    DatabaseBusy: (
        "Het bestand {file} in de map {folder} is in gebruik door een ander programma (een "
        "tweede Arbokluis, een back-upprogramma of een virusscanner). Wacht even en probeer het "
        "opnieuw."
    ),
    ReadOnly: (
        "Het bestand {file} in de map {folder} kan niet worden gewijzigd: de map of het bestand "
        "is alleen-lezen. De wijziging is niet opgeslagen. Controleer de schrijfrechten of de "
        "schrijfbeveiliging van de schijf en start Arbokluis daarna opnieuw."
    ),
    DiskFull: (
        "De schijf is vol: het bestand {file} in de map {folder} kon niet groeien. De wijziging "
        "is niet opgeslagen. Maak ruimte vrij op de schijf en probeer het opnieuw."
    ),
    DatabaseDamaged: (
        "Het bestand {file} in de map {folder} is beschadigd of is niet van deze praktijk. Er is "
        "niets overschreven. Zet de gegevens terug uit de nieuwste back-up."
    ),
    DatabaseMissing: (
        "Het bestand {file} ontbreekt in de map {folder}. Er is niets overschreven. Zet de "
        "gegevens terug uit de nieuwste back-up."
    ),
    CannotOpen: (
        "Het bestand {file} kan niet worden geopend. Controleer of de map {folder} bestaat en "
        "bereikbaar is (een netwerkschijf of USB-stick kan zijn losgekoppeld) en start Arbokluis "
        "daarna opnieuw."
    ),
    DiskError: (
        "Lezen of schrijven van het bestand {file} in de map {folder} is mislukt door een fout "
        "van de schijf of van de verbinding met de netwerkmap. De wijziging is niet opgeslagen. "
        "Controleer de schijf en probeer het opnieuw; blijft het misgaan, zet dan de nieuwste "
        "back-up terug op een andere schijf."
    ),
    LockingFailed: (
        "Het vergrendelen van het bestand {file} in de map {folder} is mislukt. Dat gebeurt "
        "vooral als de gegevensmap op een netwerkschijf staat. Sluit andere programma's die de "
        "map gebruiken en probeer het opnieuw; gebruik bij herhaling een map op een lokale schijf."
    ),
    NoAccess: (
        "Arbokluis heeft geen toegang tot het bestand {file} in de map {folder}. Laat de "
        "beheerder de rechten op de map en het bestand controleren."
    ),
}


def about_file(kind: type[StorageError], path: Path | None, code: str) -> StorageError:
    """``kind`` with a message naming ``path`` (the class's own message when there is none)."""
    if path is None:
        return kind(detail=code)
    path = Path(path)
    template = _ABOUT_FILE.get(kind)
    message = template.format(file=path.name, folder=path.parent) if template else None
    return kind(message, detail=f"{code} on {path.name}")
