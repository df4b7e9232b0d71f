"""Fictional documents for the narratives' whole-pipeline tests: a council's two inspection reports
(an old one and its latest), an adviser's readiness review full of advice, the council's own
performance report with a table, and three other councils' latest reports. Everything here is
invented; the councils other than Bedford do not exist.
"""

from __future__ import annotations

from pathlib import Path

OFSTED_BOILERPLATE = (
    "The Office for Standards in Education, Children's Services and Skills (Ofsted) regulates and inspects to achieve "
    "excellence in the care of children and young people, and in education and skills for learners of all ages."
)


def _report(council: str, dates: str, published: str, grades: tuple[str, str, str, str, str], findings: dict[str, list[str]],
            improve: list[str]) -> str:
    rows = "\n".join(f"| {area} | {grade} |" for area, grade in zip(
        ("The impact of leaders on social work practice with children and families",
         "The experiences and progress of children who need help and protection",
         "The experiences and progress of children in care", "The experiences and progress of care leavers",
         "Overall effectiveness"), grades))
    parts = [
        f"# Inspection of {council} local authority children's services", "",
        f"Inspection dates: {dates}", "", f"Date of publication: {published}", "",
        "Lead inspector: Sam Ridley, His Majesty's Inspector", "",
        "| Judgement | Grade |", "|---|---|", rows, "",
        "This inspection was carried out under section 136 of the Education and Inspections Act 2006 and in line with the "
        "ILACS framework.", "",
        "## What needs to improve?", "",
    ]
    parts += [f"- {item}" for item in improve] + [""]
    number = 1
    for heading, paragraphs in findings.items():
        parts += [f"## {heading}", ""]
        for paragraph in paragraphs:
            parts += [f"{number}. {paragraph}", ""]
            number += 1
    parts += [OFSTED_BOILERPLATE, ""]
    return "\n".join(parts)


def bedford_latest() -> str:
    return _report(
        "Bedford Borough Council", "4 to 15 March 2024", "3 May 2024", ("Good", "Good", "Good", "Good", "Good"),
        {
            "The experiences and progress of children who need help and protection: good": [
                "Children and families who need early help receive it quickly from family hubs, and most children's "
                "circumstances improve as a result.",
                "Children at risk of significant harm are protected promptly, and strategy discussions are timely and well attended.",
                "Social workers know their children well and see them regularly. Children's views shape their plans.",
            ],
            "The experiences and progress of children in care: good": [
                "Children in care live in stable homes where they are well cared for, and most live close to their families and schools.",
                "Children are helped to understand their histories through thoughtful life-story work.",
                "Initial health assessments are not always completed on time, which delays some children's health care.",
            ],
            "The experiences and progress of care leavers: good": [
                "Care leavers are supported by personal advisers who know them well and help them into education, employment and training.",
                "Care leavers live in safe and suitable homes, and none live in bed and breakfast accommodation.",
            ],
            "The impact of leaders on social work practice with children and families: good": [
                "Leaders have an accurate understanding of the quality of practice, and social workers say caseloads are manageable.",
                "Inspectors looked at case records and spoke to children, parents, carers and staff.",
            ],
        },
        ["The timeliness of initial health assessments for children coming into care.",
         "The quality of pathway plans for care leavers aged 18 to 21."],
    )


def bedford_old() -> str:
    return _report(
        "Bedford Borough Council", "7 to 18 January 2013", "1 March 2013",
        ("Requires improvement to be good",) * 5,
        {
            "The experiences and progress of children in care: requires improvement to be good": [
                "Children in care experience too many changes of placement, and too many wait too long for permanence.",
                "Children in care are not always visited regularly by their social workers.",
            ],
            "The experiences and progress of children who need help and protection: requires improvement to be good": [
                "Children in need of help wait too long for their assessments to be completed.",
            ],
        },
        ["The stability of placements for children in care."],
    )


def bedford_review() -> str:
    return "\n".join([
        "# Review of readiness for inspection: Bedford Borough Council", "",
        "Date: 10 October 2025", "",
        "## Introduction", "",
        "1 Bedford Borough Council asked us to review its readiness for the inspection of its children's services.", "",
        "2 We reviewed over 170 evidence documents and interviewed 16 social workers.", "",
        "## Findings", "",
        "3 Front line partnership working is excellent and is making a difference to children and families.", "",
        "4 The table below shows the number of contacts received by the front door in each quarter.", "",
        "## Action Points", "",
        "A9 Develop a short narrative about the multi-agency case file audits that identifies examples of improved practice.", "",
        "A14 Prepare short narratives for areas of work with an emphasis on outcomes rather than process.", "",
        "5 A one or two page narrative with up to date information and data is much more useful than copies of minutes of meetings.", "",
    ])


def bedford_performance() -> str:
    return "\n".join([
        "# Children's Social Care Performance Report: Quarter 3 2025/26", "",
        "Bedford Borough Council", "",
        "Date of meeting: 12 February 2026", "",
        "## Front door and assessment", "",
        "| Indicator | Q1 2025/26 | Q3 2025/26 | England 2024/25 |",
        "|---|---|---|---|",
        "| Re-referrals within 12 months | 23.1% | 19.4% | 22.4% |",
        "| Assessments completed within 45 working days | 81% | 88% | 82% |",
        "",
        "## Children in care", "",
        "| Indicator | Q1 2025/26 | Q3 2025/26 | England 2024/25 |",
        "|---|---|---|---|",
        "| Initial health assessments within 20 working days | 55% | 71% | 63% |",
        "",
        "4.1 Children in care told us in our survey that they feel settled where they live, and 84 per cent said their social "
        "worker listens to them.", "",
        "4.2 We will report the health assessment figures to the Corporate Parenting Panel in June 2026.", "",
    ])


OTHERS = {
    "northmoor": ("Northmoor Borough Council", "2 to 13 June 2025", "1 August 2025"),
    "eastmere": ("Eastmere Borough Council", "6 to 17 January 2025", "7 March 2025"),
    "southdale": ("Southdale Borough Council", "3 to 14 November 2025", "9 January 2026"),
}


def other_report(key: str) -> str:
    council, dates, published = OTHERS[key]
    place = council.split()[0]
    return _report(
        council, dates, published, ("Outstanding",) * 5,
        {
            "The experiences and progress of children in care: outstanding": [
                f"Children in care in {place} achieve exceptionally well at school and 92 per cent attend regularly.",
                f"Children in care in {place} live in stable homes and are helped to keep in touch with their families.",
            ],
            "The experiences and progress of children who need help and protection: outstanding": [
                f"Children in {place} who need help are identified early, and re-referrals fell to 12 per cent.",
            ],
        },
        [f"The consistency of supervision records in {place}."],
    )


def write_bedford_folder(folder: Path) -> dict[str, Path]:
    """Bedford's four documents and three other councils' latest reports, as Markdown files."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "bedford-ilacs-2024.md": bedford_latest(),
        "bedford-lac-2013.md": bedford_old(),
        "bedford-readiness-review-2025.md": bedford_review(),
        "bedford-performance-q3-2025-26.md": bedford_performance(),
        **{f"{key}-ilacs.md": other_report(key) for key in OTHERS},
    }
    paths = {}
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths
