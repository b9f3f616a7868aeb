"""Typed errors of the core.

Every error a user can cause carries a Dutch message (``message``) that the client shows as plain
text. The English ``str()`` is for logs and tests; it never holds personal data.
"""

from __future__ import annotations


class ArbokluisError(Exception):
    """Base of every expected error. ``message`` is Dutch and fit to show to the user."""

    message: str = "Er ging iets mis."

    def __init__(self, message: str | None = None, *, detail: str = "") -> None:
        if message is not None:
            self.message = message
        self.detail = detail
        super().__init__(detail or type(self).__name__)


class ValidationError(ArbokluisError):
    """Input refused. ``field`` names the form field that caused it."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message, detail=f"invalid field {field}")


class ValidationErrors(ArbokluisError):
    """Several fields refused at once; ``errors`` maps field → Dutch message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        first = next(iter(self.errors.values()), "Controleer de invoer.")
        super().__init__(first, detail="invalid fields " + ", ".join(sorted(self.errors)))


class PermissionDenied(ArbokluisError):
    message = "U hebt geen toegang tot deze gegevens of handeling."


class NotFound(ArbokluisError):
    message = "Het gevraagde gegeven bestaat niet (meer)."


class Conflict(ArbokluisError):
    message = "Het gegeven is intussen gewijzigd. Laad het opnieuw."


# --- vault and login -------------------------------------------------------------------------


class VaultError(ArbokluisError):
    message = "Het sleutelbestand van de praktijk is niet te gebruiken."


class VaultDamaged(VaultError):
    message = (
        "Het sleutelbestand (vault.json) is beschadigd of gewijzigd. Zet het bestand terug uit een "
        "back-up of neem contact op met de beheerder."
    )


class VaultTampered(VaultDamaged):
    """The medical part of the vault does not carry the medical key's MAC."""

    message = (
        "Het sleutelbestand (vault.json) is gewijzigd door iemand zonder de medische sleutel: er "
        "zijn sleutels of gebruikers toegevoegd of vervangen. Er is niets geopend of aan iemand "
        "doorgegeven. Zet vault.json terug uit de nieuwste back-up (is de sleutel na die back-up "
        "vervangen, zet dan de hele back-up terug) en laat een beheerder arbokluis-cli verify "
        "uitvoeren."
    )


class DirectoryMismatch(VaultDamaged):
    """A login slot's keys have no (matching) entry in the vault's user directory."""

    message = (
        "Uw sleutels komen niet overeen met de gebruikerslijst in het sleutelbestand (vault.json). "
        "Er is niets geopend. Vraag de beheerder het sleutelbestand te controleren (arbokluis-cli "
        "verify) of zet het terug uit de nieuwste back-up."
    )


class NoPractice(VaultError):
    message = "In deze gegevensmap staat geen praktijk."


class PracticeExists(VaultError):
    message = "In deze gegevensmap staat al een praktijk; er is niets overschreven."


class InvalidCredentials(ArbokluisError):
    message = "Gebruikersnaam of wachtwoord onjuist."


class HeldAfterRestore(PermissionDenied):
    """A user this workstation saw removed, back through the restore of an older backup."""

    message = (
        "U bent na het maken van de teruggezette back-up als gebruiker verwijderd. U kunt pas weer "
        "aanmelden als een beheerder van de praktijk u opnieuw toelaat."
    )


class InvalidPassphrase(ArbokluisError):
    message = "De medische wachtzin is onjuist."


class InvalidRecoveryKey(ArbokluisError):
    message = "De herstelsleutel is onjuist. Controleer de groepen tekens en probeer het opnieuw."


class LoginThrottled(ArbokluisError):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            f"Te veel mislukte pogingen. Probeer het over {max(1, round(seconds))} seconden opnieuw.",
            detail="login throttled",
        )


class KeyringProblem(ArbokluisError):
    """A practice bound to the OS keyring cannot find its installation secret."""


class KeyringSecretMissing(KeyringProblem):
    message = (
        "Deze praktijk is gekoppeld aan de sleutelbos van het werkstation, maar het geheim van de "
        "installatie ontbreekt daar. Dit gebeurt na verhuizing naar een ander werkstation of na "
        "het wissen van de sleutelbos. Koppel opnieuw met de herstelsleutel."
    )


class KeyringBackendChanged(KeyringProblem):
    message = (
        "De sleutelbos van dit werkstation is een andere dan waarmee de praktijk is gekoppeld. "
        "Koppel opnieuw met de herstelsleutel."
    )


class KeyringSecretDiffers(KeyringProblem):
    message = (
        "De sleutelbos van dit werkstation bevat voor deze praktijk een ander geheim dan waarmee de "
        "praktijk is gekoppeld (bijvoorbeeld van een andere installatie). Dit is niet als "
        "verkeerd wachtwoord geteld. Koppel opnieuw met de herstelsleutel."
    )


class KeyringUnavailable(KeyringProblem):
    message = (
        "De sleutelbos van het besturingssysteem is niet bereikbaar. Deze praktijk is eraan "
        "gekoppeld en kan zonder niet worden geopend. Start de sleutelbos of koppel opnieuw met "
        "de herstelsleutel."
    )


class PasswordPolicyError(ValidationError):
    pass


class NoMedicalGrant(PermissionDenied):
    message = (
        "Voor u is geen toegang tot het medische deel vastgelegd (meer). Vraag de beheerder "
        "om die toegang."
    )


# --- the audit trail -------------------------------------------------------------------------


class AuditTrailBroken(ArbokluisError):
    """The trail does not match its head: nothing is written until someone looks at it."""

    def __init__(self, problem: str, seq: int | None = None, *, detail: str = "") -> None:
        self.problem = problem
        self.seq = seq
        super().__init__(
            f"Het logboek klopt niet meer: {problem}. Er is niets vastgelegd of gewijzigd. Laat een "
            "beheerder arbokluis-cli verify uitvoeren; een breuk die verklaard is, legt de "
            "beheerder vast met arbokluis-cli audit-acknowledge.",
            detail=detail or f"audit trail broken at {seq}",
        )


class MedicalLocked(ArbokluisError):
    message = "Het medische deel is vergrendeld. Ontgrendel het met uw medische wachtzin."


class SessionLocked(ArbokluisError):
    message = "Het programma is vergrendeld. Meld u opnieuw aan."


# --- storage ---------------------------------------------------------------------------------


class StorageError(ArbokluisError):
    """The environment's fault (disk, file), not a bug: shown as a plain message."""

    message = "De gegevens konden niet worden gelezen of opgeslagen."


RESTORE_HINT = ("Zet de praktijk terug uit de nieuwste back-up (in het programma: Back-up "
                "terugzetten; of arbokluis-cli restore).")


class DatabaseDamaged(StorageError):
    message = (
        "Een databasebestand is beschadigd of is niet van deze praktijk. Er is niets "
        "overschreven. " + RESTORE_HINT
    )

    def __init__(self, message: str | None = None, *, detail: str = "", file: str = "") -> None:
        self.file = file
        if message is None and file:
            message = (f"Het bestand {file} in de gegevensmap is beschadigd of is niet van deze "
                       f"praktijk. Er is niets overschreven. {RESTORE_HINT}")
        super().__init__(message, detail=detail)


class DiskFull(StorageError):
    message = "De schijf is vol. De wijziging is niet opgeslagen; maak ruimte vrij en probeer opnieuw."


class ReadOnly(StorageError):
    message = "De gegevensmap is alleen-lezen. De wijziging is niet opgeslagen."


class DatabaseBusy(StorageError):
    message = "De gegevens zijn in gebruik door een ander programma. Probeer het zo opnieuw."


class PracticeInUse(StorageError):
    message = (
        "Deze praktijk is al geopend in een ander venster of door een andere gebruiker op dit "
        "werkstation. Sluit dat eerst."
    )
