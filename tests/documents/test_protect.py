"""AES-256 passwords on PDFs (pypdf), and the passwords refused with a Dutch message."""

import pytest
from pypdf import PasswordType
from pypdf.errors import FileNotDecryptedError

from desktop_app.documents.layout import build_pdf, para, styles
from desktop_app.documents.protect import MIN_LENGTH, check_password, protect
from desktop_app.errors import ValidationError
from tests.documents import LETTERHEAD, WHEN, reader

PASSWORD = "Sterk-genoeg-1"


@pytest.fixture(scope="module")
def plain() -> bytes:
    st = styles()
    story = [para("Geheime inhoud", st["body"])] + [para(f"Regel {i}", st["body"]) for i in range(100)]
    return build_pdf("Beveiligd", story, letterhead=LETTERHEAD, created=WHEN)


def test_the_encryption_is_aes_256_revision_6(plain):
    r = reader(protect(plain, PASSWORD))
    assert r.is_encrypted
    encrypt = r.trailer["/Encrypt"].get_object()
    assert encrypt["/Filter"] == "/Standard"
    assert encrypt["/V"] == 5
    assert encrypt["/R"] == 6
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
    assert encrypt["/StmF"] == "/StdCF"
    assert encrypt["/StrF"] == "/StdCF"


def test_nothing_is_readable_without_the_password(plain):
    pdf = protect(plain, PASSWORD)
    assert b"Beveiligd" not in pdf  # metadata strings are encrypted too
    assert b"Arbodienst" not in pdf
    r = reader(pdf)
    with pytest.raises(FileNotDecryptedError):
        r.pages[0].extract_text()
    assert r.decrypt("Verkeerd-wachtwoord") == PasswordType.NOT_DECRYPTED


def test_the_password_opens_it_with_everything_kept(plain):
    r = reader(protect(plain, PASSWORD))
    assert r.decrypt(PASSWORD) == PasswordType.USER_PASSWORD
    assert "Geheime inhoud" in r.pages[0].extract_text()
    assert len(r.pages) == len(reader(plain).pages) > 1
    assert r.metadata.title == "Beveiligd"
    assert r.metadata.producer == "Arbokluis"


def test_a_password_with_letters_outside_ascii_works(plain):
    password = "Wachtwoord-ĳs-€-Łódź"
    r = reader(protect(plain, password))
    assert r.decrypt(password) == PasswordType.USER_PASSWORD


def test_the_owner_password_is_random_each_time(plain):
    first = reader(protect(plain, PASSWORD)).trailer["/Encrypt"]["/O"]
    second = reader(protect(plain, PASSWORD)).trailer["/Encrypt"]["/O"]
    assert first != second


@pytest.mark.parametrize("password", ["", None, "kort", "1234567", " Lang-genoeg-1", "Lang-genoeg-1 "])
def test_weak_or_empty_passwords_are_refused_in_dutch(plain, password):
    with pytest.raises(ValidationError) as err:
        protect(plain, password)
    assert err.value.field == "pdf_password"
    assert "wachtwoord" in err.value.message.lower()


def test_eight_characters_are_enough():
    assert MIN_LENGTH == 8
    assert check_password("12345678") == "12345678"
    with pytest.raises(ValidationError, match="pdf_password") as err:
        check_password("1234567")
    assert "minstens 8 tekens" in err.value.message
