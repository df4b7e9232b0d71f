"""has_data rules, one class of the labelling guidelines (section 4 and the has_data clarification) at a
time: each class with sentences that are data and a look-alike that is not. Sentences are invented
(the first group's words echo the guidelines' own examples)."""

import pytest

from tagging import rules

GUIDELINE_CASES = [
    ("An additional £1.4 million a year was allocated to social work posts.", True),
    ("The attainment gap between children in care and their peers is widening.", True),
    ("Performance is now in line with the Department for Education thresholds.", True),
    ("The council has yet to achieve the target of reducing agency staff to 10%.", False),
    ("Two full time social workers are required in the duty team.", False),
    ("136 of the Education and Inspections Act 2006.", False),
    ("Repeat referrals fell from 24% to 17%.", True),
    # guidelines: fractions in words and counts over a period are data ...
    ("Almost two thirds of the families worked with have children of school age.", True),
    ("There have been only two adoption disruptions in the last two years.", True),
    ("The local authority has surpassed its target of 225 families.", True),
    # ... ages, paragraph references, extension numbers and a single example are not
    ("Some care leavers over 21 years receive ongoing help.", False),
    ("Homeless young people aged 16 and 17 are assessed promptly.", False),
    ("Ensure that training covers children who go missing (paragraphs 141, 144).", False),
    ("CONTACT OFFICER: Paul Rogers 3317", False),
    ("One young person said that they felt listened to.", False),
    ("The committee asked for the report to include access to comparative data.", False),
    # a part counted against a whole, a figure as a clause's subject, a count in brackets after what
    # it counts ...
    ("It was reported that seven of the 14 measures were outside of the target.", True),
    ("Only 14 out of 90 targets were met.", True),
    ("56 are unaccompanied asylum-seeking children.", True),
    ("There was a large backlog of cases (89) until recently.", True),
    ("Most decisions are made within 24 hours.", True),
    ("Sixty-four adoption households were approved during the year.", True),
    # ... but not a pronoun, a sub-section, ages or a percentage named without a figure
    ("One was judged outstanding at its most recent inspection.", False),
    ("The duties are set out in section 17 (2) of the Act.", False),
    ("Young people aged between 18 and 21 have a personal adviser.", False),
    ("The percentage had been affected by long-term sickness absence.", False),
    ("Children are expected to be seen within 24 hours.", False),
    ("Decisions must be made within 24 hours.", False),
]

COUNTS_COMPARISONS_AND_TIMESCALES = [
    # a vague amount made exact by a figure in brackets or between commas is a count
    ("A small number (12) of referrals were passed back without a decision.", True),
    ("For a handful of young people (three), pathway plans were out of date.", True),
    ("A small number, nine, are placed more than 20 miles away.", True),
    ("A small number of children (aged 15) were spoken to.", False),
    ("A number of children were seen by the nurse.", False),
    # a duration measured, not set: an average or a performance figure is a timescale met
    ("Care proceedings now take 31 weeks on average.", True),
    ("The average duration of assessments last year was 38 days.", True),
    ("Timeliness has improved, with the wait now down to 9 weeks.", True),
    ("The average duration should be no longer than 26 weeks.", False),
    ("Care proceedings must conclude within 26 weeks.", False),
    # a count of events over a period, a zero included; one example is still not a figure
    ("Since the last inspection, one serious incident notification has been made.", True),
    ("There have been no placement disruptions in the last 12 months.", True),
    ("No complaints were outstanding at the time of the inspection.", True),
    ("There should be no delays in the last stage of the process.", False),
    ("There were no concerns about the building.", False),
    ("Since the last inspection, one young person told us she felt safe.", False),
    # a change from one figure to another, with a date between; a span of years is not data
    ("Agency staff have fallen from 41 in March 2021 to 17.", True),
    ("The strategy runs from 2021 to 2024.", False),
    # a zero of events is a count even without a period; a zero of children now is a state
    ("There have been no adoption disruptions.", True),
    ("The provision has resulted in no primary exclusions.", True),
    ("There are no children living in unregistered children's homes.", False),
    # a proportion in words, not a number of changes over a period
    ("Four in five care leavers are in education, employment or training.", True),
    ("In one case there were four in 18 months.", False),
    # a comparison with the country without a figure, not benchmarking named as an activity
    ("Their progress compares favourably to the national picture.", True),
    ("The increase is less than that seen nationally.", True),
    ("Insufficient benchmarking limits leaders' understanding.", False),
    ("The report will include benchmarking data against statistical neighbour averages.", False),
    ("Orders are pursued in line with national reforms.", False),
    # a caseload's size and an average age are measures; a protected caseload is a rule
    ("Caseloads are unacceptably high at around 40.", True),
    ("The average age of children reported missing fell to 13.", True),
    ("Waiting times for the service are less than one month.", True),
    # a singular noun after a plural number modifies what is counted: counted only if that is a child,
    # a case or an event
    ("The role is covered by two child protection chairs.", False),
    ("Five multi-agency family hubs have opened.", False),
    ("There were 26 child deaths in the year.", True),
    ("There have been two adoption disruptions post placement.", True),
    # a total, a wait or a time taken is measured; a plan on target is not a measure
    ("All cases, currently 80 in total, are risk assessed.", True),
    ("It has taken 2,000 days to find the right family.", True),
    ("Children should not wait more than 26 weeks.", False),
    ("The local authority has not achieved its own targets for recruiting foster carers.", True),
    ("The new recording project is on target to go live in May.", False),
    # a number stated for a measure, a vague amount made exact, a timescale being met, a change to a
    # duration: measured; a plan to double, an age and a worker's experience are not
    ("The number of decisions that changed away from adoption was 65 and now stands at eight.", True),
    ("The number of children in care is a concern for leaders.", False),
    ("Relatively few (11) children receive direct support from CAMHS.", True),
    ("Placement stability is good, with no disruptions over the last 12 months.", True),
    ("Public law proceedings were being completed within 22 weeks.", True),
    ("Delays have been reduced to approximately four weeks.", True),
    ("There has been a doubling of referrals to CAMHS in 12 months.", True),
    ("The board is doubling the size of its audit sample next year.", False),
    ("Care leavers have priority housing status up to 21 years.", False),
    ("A clear majority of workers now have more than two years' experience.", False),
    ("Caseloads are manageable in the transition service (16 to 18 years).", False),
    ("The rate is now in line with that of similar young people nationally.", True),
    ("Timeliness in care proceedings now stands at 26 weeks.", True),
    ("The processes are unused as no care leavers have left custody since their implementation.", True),
    ("The council has not used any external fostering placements in the last two years.", True),
    ("The board has not undertaken any formal scrutiny reviews in the last year.", False),
    ("Changes follow the government's children's social care reform opportunities, in line with the government's reforms.", False),
    ("There is a much lower proportion of looked after children than comparable local authorities.", True),
    ("The difference in attainment between children looked after and their peers is diminishing.", True),
    ("The 16-25 Vulnerable Young People service supports homeless young people.", False),
    ("Adopter assessments are completed within six months.", True),
    ("Other CAMHS assessments are completed within a 12-week period.", True),
    ("Half the plans seen require improvement.", True),
    ("The duration of the court process remains at approximately 28 weeks.", True),
    ("No children have been identified as young carers during a child and family assessment in the last 12 months.", True),
    ("There is not enough accommodation for children aged over 16 and children in care.", False),
    ("The council has pathfinder status in wave 2 of the Families First for Children programme.", False),
    ("It took part in the review as one of the 10 local design areas.", False),
    ("All but one of the eight children's centres have been judged good.", True),
    ("This is an increase from 1,974 at 31 March 2016.", True),
    ("Take-up of training has improved, with 2,000 participants in recent sessions.", False),
    ("Plans to create a 0 to 25 service for disabled children are well advanced.", False),
    # a ratio between counts, not a frequency
    ("There are three times as many referrals from schools as from health.", True),
    ("Social workers visit twice a week.", False),
    # children and their families counted are data; counts of what is not a child or a case (staff,
    # homes, councils, audits, meetings, the inspectorate's visits) are not (the issue: "three audits")
    ("Eleven birth parents attended the support group this year.", True),
    ("Both parents attended the conference.", False),
    ("There are 4 members of staff in the missing team.", False),
    ("The local authority operates five children's homes.", False),
    ("Adoption West involves six local authorities.", False),
    ("Only two audits were conducted in 2014-15.", False),
    ("Two focused visits in 2019 identified serious weaknesses.", False),
    ("Inspectors saw four visits that were late.", True),
    # ... unless a review's own method counted them, a share of them is a proportion, or so many a
    # month is a rate
    ("The review team interviewed 16 social workers and 5 team managers.", True),
    ("None of the 25 staff had received any relevant training.", True),
    ("Fifty audits are completed each month by trained managers.", True),
    # performance against a target, without a figure, is a comparison with a benchmark
    ("The timeliness of health assessments was still below target.", True),
    ("The aim is to be above target by the spring.", False),
    ("The target is for every child to have a plan.", False),
    # a rank in words against the country or region
    ("The borough has the highest rate of child poverty in London.", True),
    ("Our ambition is to have the lowest rate of repeat referrals in England.", False),
    ("Some of the most vulnerable children in the country live here.", False),
    # ... and against any of the four nations (Welsh councils report against Wales)
    ("The county had the lowest rate of looked after children in Wales.", True),
    ("The aim is to have the lowest rate of re-referrals in Wales.", False),
    ("Many children in Wales live in poverty.", False),
]

NUMBERS_THAT_ARE_NOT_EVIDENCE = [
    # a span of dates is not a change from one figure to another
    ("The inspection took place from 11 to 13 July 2023.", False),
    ("Re-referrals rose from 11 to 13 per cent.", True),
    # a noun made an adjective is not what the number counts
    ("The panel commissioned two child friendly versions of the plan.", False),
    ("The panel heard from two children in care this year.", True),
    # a page number at a line's end is not a count of what the next line begins with (a contents page)
    ("Contents\nAreas for improvement 7\nOutcomes for children and young people 8\nLeadership 24", False),
    ("Areas for improvement: 7 children\nwere waiting for an assessment.", True),
    # a title's number is not a count of what follows a dash
    ("Ofsted Monitoring Visit 4 - Children in Care", False),
    ("Visits were made to 4 children in care.", True),
    # ages, room and reference numbers, places in a series, plans and caseload limits are not data
    ("Children over the age of 11 are supported by the service.", False),
    ("An audit of all case files of children under 5 on child protection plans.", False),
    ("Workers stay with young people until they are at least 21 years.", False),
    ("Inspectors saw 5 children on child protection plans.", True),
    ("The committee met in Room 214, Civic Centre.", False),
    ("Decision ref: 452 approved by the cabinet.", False),
    ("This was the third of four visits by inspectors.", False),
    ("The new service would include two annual reviews.", False),
    ("The council will recruit 25 new foster carers.", False),
    ("Newly qualified social workers have a protected caseload of 12 cases.", False),
    # ... while the same numbers as evidence still are
    ("Inspectors sampled 214 case records.", True),
    ("Inspectors saw four visits that were late.", True),
    ("Newly qualified social workers had an average caseload of 12 cases.", True),
    # a label word must be a whole word: "average" ends in "age" but labels nothing
    ("Caseloads in the team average 18 children.", True),
    ("Children up to the age 18 can use the service.", False),
    # a number that ends a sentence is a figure; a paragraph number run in after a grade or a sentence's
    # end is not
    ("Children open to the youth offending team reduced from 60 to 36. During the same period re-offending rose.", True),
    ("Caseloads are high, sometimes over 40. This means that contact is infrequent.", True),
    ("Leadership, management and governance are inadequate 103. The local authority has failed to act.", False),
    ("Help is offered to young people. 12. The local authority has failed to act.", False),
    # a figure measured against a target whose value is stated is data; the target alone is not
    ("Care proceedings were concluded within the national target of 26 weeks in 45% of cases.", True),
    ("The council has a target of 26 weeks for care proceedings.", False),
    # a count in brackets with the period it covers
    ("Children accessing an advocate are still low (18 during 2015-2016).", True),
    ("The plan runs for three years (2024 – 2027).", False),
    ("The health needs of the 28 unaccompanied asylum seekers who are looked after are met.", True),
    ("Adoption figures show that 36 adult adoptees were in receipt of support.", True),
    # a change with its years between the figures; a span of dates is not one
    ("The average time to adoption fell from 613 days in 2013–14 to 567 days in 2014–15.", True),
    ("The strategy runs from April 2023 to March 2025.", False),
    # a wait between two durations is measured; a limit on waiting is a rule
    ("Prospective adopters waited between seven and 10 months for approval.", True),
    ("Adopters should not wait more than six months for approval.", False),
    # a large count of training activities is not of children or cases
    ("A further 4,346 e-learning activities were also accessed.", False),
    ("A further 4,346 contacts were received.", True),
    # a comparison with peers nationally, and a share by its exceptions, are data
    ("Primary school children do better than their peers do nationally.", True),
    ("Children have the same opportunities as their peers.", False),
    ("Over the past year all but one care leaver have maintained their tenancy.", True),
    ("All but the youngest children attend the group.", False),
    # a vague amount made exact at the end of its clause
    ("The small number of children who live in homes outside the borough (21) are visited.", True),
    ("A small number of children who live outside the borough (see below) are visited.", False),
    # a comparison with an average; comparisons named as what a dataset holds are not one made
    ("Attendance rates are above average for similar groups.", True),
    ("The data gives some comparisons made with statistical neighbours, but lacks analysis.", False),
    # compliance with national requirements is not a comparison
    ("Assessments of adopters are undertaken in line with national requirements.", False),
    ("Performance is in line with national averages.", True),
    # performance against a target, in the present tense
    ("The timeliness of care proceedings consistently meets the 26-week target.", True),
    ("The local authority is not meeting its own target for assessments.", True),
    ("The service aims to meet the target next year.", False),
    # a zero of events over a period, whatever opens it
    ("Awareness is poor, resulting in no children being identified as privately fostered for the last two years.", True),
    ("Inspectors found no children at immediate risk.", False),
    # a part of a whole in brackets; "1:1" is one-to-one work, not a count
    ("but 39 (of the 78) children live within 10 miles of the boundary", True),
    ("Parents receive bespoke 1:1 sessions with their worker.", False),
    # staff appointed to run a service's interviews are staff, not a review's own method
    ("Return home interviews improved following the appointment of five additional staff.", False),
    ("Inspectors interviewed five staff.", True),
    # a list item of a report's statistics opening with "one" counts a child; an example does not
    ("one lives in a residential special school out of the authority area", True),
    ("─ one young person ceased to be looked after and is now living in a house of multiple occupation.", True),
    ("One young person said that the service helped them.", False),
    ("one session to the next.", False),
    # a change with a clause between its figures, to an approximate figure
    ("Waiting times have reduced from 50 weeks, at the time of the previous inspection, to around 15 weeks.", True),
    ("The service runs from Monday, in most areas, to Friday.", False),
    # comparisons in other wordings; a gap between services is a transition, not a comparison
    ("This is critical in a workforce that has a higher-than-average proportion of agency workers.", True),
    ("Turnover, although comparable with other local areas, is high.", True),
    ("Numbers are mostly now in line with an average for London.", True),
    ("Looked after children are more likely than their peers to be at risk of exploitation.", True),
    ("The average time to adoption remains considerably longer than the expected timescales.", True),
    ("Advisers help to bridge the gap between children’s and adults’ services.", False),
    ("Monitoring should be informed by quality measures and comparator information.", False),
    ("Adoption should take place within the expected timescales.", False),
    # a fraction after "at" or an approximation; a count judged, or stated as what happened
    ("Conversion rates are relatively high, at a fifth to a quarter.", True),
    ("The meeting starts at a quarter past ten.", False),
    ("The number of placements that broke down has been relatively low (six).", True),
    ("Such placements, of which there have been four so far, have been variable.", True),
    ("From an original cohort of 16 ambassadors, only two are left.", True),
    ("Of the eight sets of adopters being assessed, half are seeking dual approval.", True),
    ("All four of the current young people of this age live with their foster carers.", True),
    ("All six of the recommendations have been addressed.", False),
    # a time taken in hours; hours of provision a week are an entitlement
    ("Decisions to transfer cases are appropriate, but most take longer than 24 hours.", True),
    ("Children receive at least 25 hours of education per week.", False),
    # a recommendation's figures say what to do; "Adoption Activity days" are not adoptions
    ("Review all cases where children have been subject to a plan for over 18 months.", False),
    ("Children have been subject to a plan for over 18 months.", True),
    ("The authority took part in two Adoption Activity days last year.", False),
]


@pytest.mark.parametrize("text,expected",
                         GUIDELINE_CASES + COUNTS_COMPARISONS_AND_TIMESCALES + NUMBERS_THAT_ARE_NOT_EVIDENCE)
def test_has_data_follows_the_guidelines(text, expected):
    assert bool(rules.data_cues(text)) is expected
