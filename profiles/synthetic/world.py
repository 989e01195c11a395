"""A world of synthetic researchers: careers, and the papers they write together.

    world = generate_world(people=100, seed=1)  # the same people on every run
    world.people[0].name.full, len(world.papers)  ->  e.g. ("Shuning A. Tang", 1476)

Everything comes from one random.Random(seed). People are grouped in communities of about
COMMUNITY_SIZE in one field; a paper's other linked authors come mostly from its first
author's community, and the rest of its byline from a pool of names that are nobody's.
"""

import random
import re
import string
from dataclasses import dataclass, field

from profiles.synthetic.vocab import (
    ACADEMIC_TITLES,
    ARXIV,
    AWARDS,
    COMMUNITY_SIZE,
    DATE_STYLES,
    DEGREE_SPELLINGS,
    FELLOWSHIPS,
    FIELDS,
    FIRST_YEAR,
    INDUSTRY_TITLES,
    INTERN_TITLES,
    LANGUAGES,
    LAST_YEAR,
    LAYOUTS,
    MAX_AUTHORS,
    MAX_OTHERS,
    MAX_PAPERS,
    NAME_HEADS,
    NAME_TAILS,
    NAMES,
    ORGANIZATIONS,
    PATENT_OFFICE,
    POSTDOC_TITLES,
    PROPERTIES,
    PUBLISHERS,
    QUALITIES,
    SETTINGS,
    STUDENT_TITLES,
    STUDIES,
    STUDY_LEVELS,
    TITLE_TEMPLATES,
    Venue,
)
from profiles.text import ascii_slug, name_key, title_key


class Name:
    """A person's name, with the forms CVs write it in."""

    __slots__ = (
        "given",
        "family",
        "full",
        "initials",
        "key",
        "initials_key",
        "plain_initials",
        "full_has_initial",
    )

    def __init__(self, given, family):
        self.given, self.family = given, family
        self.full = f"{given} {family}"
        # 'Jean-Pierre K.' -> 'J.-P. K.'
        initials = " ".join("-".join(f"{p[0]}." for p in word.split("-")) for word in given.split())
        self.initials = f"{initials} {family}"
        self.key = name_key(self.full)
        self.initials_key = name_key(self.initials)
        # 'A. Okafor' is recognisable as Amara Okafor, 'K. de Vries' or 'S. El-Sayed' is not:
        # a reader takes only one-letter words before the family name as initials.
        self.plain_initials = all(len(word) == 1 for word in self.initials_key.split()[:-1])
        self.full_has_initial = any(len(word) == 1 for word in self.key.split())  # 'Maria K. Lopez'

    def __repr__(self):
        return f"Name({self.full!r})"


@dataclass(frozen=True)
class Organization:
    name: str
    kind: str  # university, institute, company
    location: str


@dataclass
class Period:
    """A study or a job; months are None when the person's CV gives years only."""

    organization: int  # index into World.organizations
    start_year: int
    start_month: int | None
    end_year: int | None
    end_month: int | None
    current: bool = False
    degree: str = ""  # studies: the normalised degree
    degree_written: str = ""  # as the CV writes it: 'Doctor of Philosophy'
    field: str = ""
    title: str = ""  # jobs


@dataclass
class Researcher:
    index: int
    name: Name
    field: object  # vocab.Field
    community: int
    layout: str  # how their CV is written: markdown, text or rst
    date_style: str
    education: list  # Periods, newest first
    jobs: list  # Periods, newest first; the first is current
    first_paper_year: int
    slug: str = ""
    quota: int = 0  # how many papers they list
    papers: list = field(default_factory=list)  # World.papers indices, newest first
    sections: list = field(default_factory=list)  # (section, item text)
    metrics: dict = field(default_factory=dict)

    @property
    def email(self):
        return f"{self.slug}@example.org"


@dataclass
class Paper:
    title: str
    key: str  # profiles.text.title_key(title): unique in a world
    year: int
    kind: str
    status: str
    venue: Venue
    authors: tuple  # (Name, researcher index or None), in byline order
    arxiv_id: str = ""
    patent_number: str = ""
    awards: tuple = ()
    has_code: bool = False

    @property
    def code_url(self):
        return f"https://example.org/code/{self.key[:40]}" if self.has_code else ""


@dataclass
class World:
    organizations: list
    people: list
    papers: list


class _Random(random.Random):
    """random.Random with cheaper draws for the hot loops (same seed, same world)."""

    def pick(self, items):
        return items[int(self.random() * len(items))]

    def between(self, low, high):
        return low + int(self.random() * (high - low + 1))


def generate_world(people, *, seed):
    """A deterministic world of `people` researchers and the papers they share."""
    rng = _Random(seed)
    organizations = [Organization(*row) for row in ORGANIZATIONS]
    universities = [i for i, o in enumerate(organizations) if o.kind == "university"]
    others = [i for i, o in enumerate(organizations) if o.kind != "university"]
    communities = [rng.pick(FIELDS) for _ in range(max(1, people // COMMUNITY_SIZE))]
    taken = set()
    researchers = [
        _researcher(rng, index, communities, universities, others, _fresh_name(rng, taken))
        for index in range(people)
    ]
    slugs = unique_slugs(researcher.name.full for researcher in researchers)
    for researcher, slug in zip(researchers, slugs, strict=True):
        researcher.slug = slug
    _set_quotas(rng, researchers)
    papers = _PaperWriter(rng, researchers, organizations, len(communities)).write()
    for researcher in researchers:
        researcher.papers.sort(key=lambda index: (-papers[index].year, index))
        _add_sections(rng, researcher, papers)
    return World(organizations, researchers, papers)


def unique_slugs(names):
    """Slugs for names, in order; a repeated slug gets -2, -3 ...

    unique_slugs(["José Núñez", "Jose Nunez"]) -> ["jose-nunez", "jose-nunez-2"]
    """
    slugs, used = [], set()
    for name in names:
        base = slug = ascii_slug(name)
        number = 1
        while slug in used:
            number += 1
            slug = f"{base}-{number}"
        used.add(slug)
        slugs.append(slug)
    return slugs


# A tradition as often as it has family names: a short list is not over-used.
_BY_FAMILY = tuple(tradition for tradition in NAMES for _ in tradition.family)


def _random_name(rng):
    tradition = rng.pick(_BY_FAMILY)
    given_names = tradition.given
    if rng.random() < 0.2:  # a family name from one tradition, a given name from another
        given_names = rng.pick(NAMES).given
    given = rng.pick(given_names)
    if tradition.syllables and rng.random() < 0.7:
        given = rng.pick(tradition.syllables) + rng.pick(tradition.syllables).lower()
    if rng.random() < 0.2:
        given = f"{given} {rng.pick(string.ascii_uppercase)}."
    family = rng.pick(tradition.family)
    if tradition.double_family and rng.random() < 0.3:
        second = rng.pick(tradition.family)
        family = family if second == family else f"{family} {second}"
    return Name(given, family)


def _fresh_name(rng, taken):
    """A name that is seldom one already taken: namesakes exist, but not by the thousand."""
    name = _random_name(rng)
    for _ in range(10):
        if name.key not in taken or rng.random() < 0.1:
            break
        name = _random_name(rng)
    taken.add(name.key)
    return name


_ENGINEERING = re.compile(r"Engineering|Robotics|Computer|Electrical")


def _month(rng, style, usual=None):
    if style not in ("month", "month-name", "numeric"):
        return None
    return usual if usual and rng.random() < 0.8 else rng.between(1, 12)


def _researcher(rng, index, communities, universities, others, name):
    community = int(rng.random() * len(communities))
    field_ = communities[community]
    style = rng.pick(DATE_STYLES)
    # Most people are early in their careers: years since starting a first degree.
    year = LAST_YEAR - int(rng.triangular(1, 50, 8))
    levels = [STUDY_LEVELS[0]]
    if rng.random() < 0.7:
        levels.append(STUDY_LEVELS[1])
    if rng.random() < 0.75:
        levels.append(STUDY_LEVELS[2])
    education = []
    for degrees, years in levels:
        subject = rng.pick(field_.degrees)
        degree = rng.pick(degrees)
        if degree.endswith("Eng.") and not _ENGINEERING.search(subject):
            degree = degrees[0]
        end = year + rng.between(*years)
        current = end > LAST_YEAR
        education.append(
            Period(
                organization=rng.pick(universities),
                start_year=year,
                start_month=_month(rng, style, 9),
                end_year=None if current else end,
                end_month=None if current else _month(rng, style, 6),
                current=current,
                degree=degree,
                degree_written=rng.pick(DEGREE_SPELLINGS[degree]),
                field=subject,
            )
        )
        if current:
            break
        year = end + (rng.random() < 0.2)
    jobs = _jobs(rng, style, education[-1], universities, others)
    first_paper_year = max(FIRST_YEAR, min(education[0].end_year or LAST_YEAR, LAST_YEAR - 1))
    education.reverse()
    return Researcher(
        index=index,
        name=name,
        field=field_,
        community=community,
        layout=LAYOUTS[index % len(LAYOUTS)],
        date_style=style,
        education=education,
        jobs=jobs,
        first_paper_year=first_paper_year,
    )


def _jobs(rng, style, last_study, universities, others):
    """1-5 jobs, newest first, the first of them current; no two start in the same year."""
    jobs = []
    if last_study.degree == "Ph.D." and rng.random() < 0.5:
        year = last_study.start_year + rng.between(1, 3)
        if year < LAST_YEAR:
            months = sorted([_month(rng, style, 6), _month(rng, style, 9)], key=lambda m: m or 0)
            jobs.append(
                Period(
                    organization=rng.pick(others),
                    title=rng.pick(INTERN_TITLES),
                    start_year=year,
                    start_month=months[0],
                    end_year=year,
                    end_month=months[1],
                )
            )
    if last_study.current:
        jobs.append(
            Period(
                organization=last_study.organization,
                title=rng.pick(STUDENT_TITLES),
                start_year=last_study.start_year,
                start_month=last_study.start_month,
                end_year=None,
                end_month=None,
                current=True,
            )
        )
        return jobs[::-1]
    year, previous_end = last_study.end_year, last_study.end_month
    academic = rng.random() < 0.5
    seniority = 0
    while True:
        end = year + rng.between(1, 7)
        final = end >= LAST_YEAR or len(jobs) == 4 or rng.random() < 0.3
        if academic and last_study.degree == "Ph.D." and not jobs:
            title, place = rng.pick(POSTDOC_TITLES), rng.pick(universities)
        elif academic:
            title, place = rng.pick(ACADEMIC_TITLES[min(seniority, 2)]), rng.pick(universities)
            seniority += 1
        else:
            title, place = rng.pick(INDUSTRY_TITLES[min(seniority, 2)]), rng.pick(others)
            seniority += rng.random() < 0.6
        start_month = _month(rng, style)
        if start_month and previous_end and start_month < previous_end:
            start_month = previous_end  # not before the previous position ended
        jobs.append(
            Period(
                organization=place,
                title=title,
                start_year=year,
                start_month=start_month,
                end_year=None if final else end,
                end_month=None if final else _month(rng, style),
                current=final,
            )
        )
        if final:
            return jobs[::-1]
        year, previous_end = end, jobs[-1].end_month


def _set_quotas(rng, researchers):
    """How many papers each person lists: most a few, some many, exactly one MAX_PAPERS."""
    for researcher in researchers:
        years = LAST_YEAR - researcher.first_paper_year + 1
        if rng.random() < 0.06:
            continue  # left research early, or never published
        raw = rng.lognormvariate(2.7, 1.15) * min(years, 25) / 8
        researcher.quota = min(MAX_OTHERS, int(raw))
    busiest = max(researchers, key=lambda r: (r.quota, -r.first_paper_year, -r.index))
    busiest.quota = MAX_PAPERS


class _PaperWriter:
    """Writes each researcher's papers until they have their quota, sharing them as it goes:
    a co-author's paper counts towards their quota too."""

    def __init__(self, rng, researchers, organizations, communities):
        self.rng = rng
        self.researchers = researchers
        self.organizations = organizations
        self.remaining = [r.quota for r in researchers]
        self.members = [[] for _ in range(communities)]
        for researcher in researchers:
            self.members[researcher.community].append(researcher.index)
        taken = {r.name.key for r in researchers}
        self.outsiders = [self._outsiders(len(members), taken) for members in self.members]
        self.titles = set()
        self.papers = []

    def _outsiders(self, size, taken):
        """Co-authors who are none of the generated people: bylines link them to nobody."""
        names = []
        while len(names) < max(MAX_AUTHORS + 10, 2 * size):
            name = _random_name(self.rng)
            if name.key not in taken:
                taken.add(name.key)
                names.append(name)
        return names

    def write(self):
        for researcher in self.researchers:
            if self.remaining[researcher.index] and self._has_thesis(researcher):
                self._thesis(researcher)
            while self.remaining[researcher.index] > 0:
                self._paper(researcher)
        return self.papers

    def _has_thesis(self, researcher):
        phd = researcher.education[0]
        return phd.degree == "Ph.D." and not phd.current and self.rng.random() < 0.4

    def _thesis(self, researcher):
        phd = researcher.education[0]
        place = self.organizations[phd.organization].name
        self._add(
            researcher,
            year=phd.end_year,
            kind="thesis",
            venue=Venue(place, f"Ph.D. thesis, {place}", "thesis"),
            byline=[(researcher.name, researcher.index)],
        )

    def _paper(self, researcher):
        rng = self.rng
        size = self._byline_size()
        linked = [researcher.index, *self._coauthors(researcher, size - 1)]
        start = max(self.researchers[i].first_paper_year for i in linked)
        # The later of two draws: more papers in recent years, as publication counts grow.
        year = max(rng.between(start, LAST_YEAR), rng.between(start, LAST_YEAR))
        kind, venue = self._venue(researcher.field, year, size)
        if kind in ("book", "patent"):
            size = min(size, 4)
            linked = linked[:size]
        status = "published"
        if kind in ("conference", "journal") and year >= LAST_YEAR - 1:
            status = rng.choices(
                ("published", "forthcoming", "under review", "submitted"),
                (5, 2, 2, 1) if year == LAST_YEAR else (17, 2, 1, 0),
            )[0]
        awarded = kind == "conference" and status == "published" and rng.random() < 0.015
        self._add(
            researcher,
            year=year,
            kind=kind,
            venue=venue,
            byline=self._byline(linked, size, researcher.community),
            status=status,
            awards=(rng.pick(AWARDS),) if awarded else (),
            has_code=kind in ("conference", "preprint") and year >= 2015 and rng.random() < 0.25,
        )

    def _add(self, researcher, *, year, kind, venue, byline, status="published", **extra):
        rng = self.rng
        title, key = self._title(researcher.field)
        if kind == "preprint":
            extra["arxiv_id"] = (
                f"{year % 100:02d}{rng.between(1, 12):02d}.{rng.between(1, 99999):05d}"
            )
        elif kind == "patent":
            extra["patent_number"] = (
                f"{rng.between(5, 12)},{rng.between(100, 999)},{rng.between(100, 999)}"
            )
        paper = Paper(
            title=title,
            key=key,
            year=year,
            kind=kind,
            status=status,
            venue=venue,
            authors=tuple(byline),
            **extra,
        )
        index = len(self.papers)
        self.papers.append(paper)
        for _, person in byline:
            if person is not None:
                self.remaining[person] -= 1
                self.researchers[person].papers.append(index)

    def _byline_size(self):
        rng = self.rng
        if rng.random() < 0.03:
            return rng.between(15, MAX_AUTHORS)  # a large collaboration
        return min(MAX_AUTHORS, 1 + int(rng.lognormvariate(1.55, 0.6)))

    def _coauthors(self, researcher, wanted):
        """Up to `wanted` other generated people who still have papers to list."""
        rng = self.rng
        wanted = min(wanted, rng.pick((0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6)))
        if not wanted:
            return []
        remaining = self.remaining
        pool = [
            i
            for i in self.members[researcher.community]
            if remaining[i] > 0 and i != researcher.index
        ]
        chosen = rng.sample(pool, min(wanted, len(pool)))
        if rng.random() < 0.15:  # now and then someone from another field
            other = int(rng.random() * len(self.researchers))
            if remaining[other] > 0 and other != researcher.index and other not in chosen:
                chosen.append(other)
        return chosen

    def _byline(self, linked, size, community):
        """linked[0] first, last or anywhere; the other linked people anywhere; outsiders
        (a run of the community's pool: the same outside collaborators recur) elsewhere."""
        rng = self.rng
        pool = self.outsiders[community]
        count = max(size, len(linked)) - len(linked)
        start = int(rng.random() * len(pool))
        byline = [(pool[(start + i) % len(pool)], None) for i in range(count)]
        for person in linked[1:]:
            at = int(rng.random() * (len(byline) + 1))
            byline.insert(at, (self.researchers[person].name, person))
        roll = rng.random()
        if roll < 0.5:
            at = 0
        elif roll < 0.7:
            at = len(byline)  # last, as a senior author often is
        else:
            at = int(rng.random() * (len(byline) + 1))
        byline.insert(at, (self.researchers[linked[0]].name, linked[0]))
        return byline

    def _venue(self, field_, year, size):
        rng = self.rng
        roll = rng.random()
        if roll < 0.17 and year >= 2008:
            return "preprint", ARXIV
        if roll < 0.18 and size <= 4:
            return "book", Venue(rng.pick(PUBLISHERS), "", "book")
        if roll < 0.20:
            return "patent", Venue(PATENT_OFFICE, "", "patent")
        venue = rng.pick(field_.venues)
        return venue.kind, venue

    def _title(self, field_):
        """A title no other paper has (by title_key), and its key."""
        rng = self.rng
        words = {
            "quality": QUALITIES,
            "method": field_.methods,
            "task": field_.tasks,
            "setting": SETTINGS,
            "property": PROPERTIES,
            "study": STUDIES,
            "name": NAME_HEADS,
        }
        for attempt in range(100):
            template, slots = rng.pick(TITLE_TEMPLATES)
            fill = {slot: rng.pick(words[slot]) for slot in slots}
            if "name" in fill:
                fill["name"] += rng.pick(NAME_TAILS)
            title = template.format_map(fill)
            if attempt >= 10:
                title = f"{title} {rng.pick(SETTINGS)}"
            key = title_key(title)
            if key not in self.titles:
                self.titles.add(key)
                return title, key
        raise RuntimeError("no unused title after 100 attempts")


def _add_sections(rng, researcher, papers):
    """Awards, skills and languages, as a CV's free sections list them; and metrics."""
    awards = [
        f"{award}, {papers[index].venue.short} {papers[index].year}"
        for index in researcher.papers
        for award in papers[index].awards
    ]
    phd = researcher.education[0]
    if phd.degree == "Ph.D." and rng.random() < 0.3:
        awards.append(f"{rng.pick(FELLOWSHIPS)}, {phd.start_year + 1}")
    sections = [("Awards", text) for text in awards]
    skills = rng.sample(researcher.field.skills, min(len(researcher.field.skills), 4))
    sections.append(("Skills", ", ".join(skills)))
    if rng.random() < 0.5:
        sections.append(("Languages", ", ".join(rng.sample(LANGUAGES, rng.between(2, 3)))))
    researcher.sections = sections
    count = len(researcher.papers)
    if count:
        citations = int(count * rng.lognormvariate(2.5, 1.0))
        researcher.metrics = {
            "citations": citations,
            "h_index": min(count, int(citations**0.5 / 1.6)),
            "i10_index": min(count, int(citations**0.5 / 1.2)),
        }
