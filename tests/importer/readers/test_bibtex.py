import textwrap
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from profiles.importer.read import DocumentError
from profiles.importer.readers import bibtex
from profiles.importer.records import Author, Link


def parse(source):
    text = textwrap.dedent(source).lstrip("\n")
    return bibtex.parse(text, source="papers.bib", sha256="0", as_of=date(2026, 11, 22))


def only(source):
    (publication,) = parse(source).publications
    return publication


def test_article_fields_and_lines():
    parsed = parse(
        r"""
        % my papers
        @article{roe2021,
          title = {{A Study of \textit{Examples} in Caf\'e {ANOVA}}.},
          author = {Roe, Jane and Diaz, Mateo and {Example Team} and others},
          journal = {Journal of Examples},
          year = 2021,
          doi = {10.1234/abc.5},
          url = {https://example.org/paper}
        }
        """
    )
    (paper,) = parsed.publications
    assert paper.title == "A Study of Examples in Café ANOVA"
    assert paper.authors == (Author("Jane Roe"), Author("Mateo Diaz"), Author("Example Team"))
    assert paper.authors_truncated is True
    assert (paper.venue, paper.year, paper.kind, paper.status) == (
        "Journal of Examples",
        2021,
        "journal",
        "published",
    )
    assert paper.links == (
        Link("DOI", "https://doi.org/10.1234/abc.5"),
        Link("Link", "https://example.org/paper"),
    )
    assert (paper.line, paper.lines) == (2, tuple(range(2, 10)))
    assert parsed.layout == (1,)
    assert parsed.unparsed == ()
    assert parsed.person.name is None
    assert not any(a.is_owner for a in paper.authors)


@pytest.mark.parametrize(
    ("entry", "kind", "venue"),
    [
        ("@article{k, title={T}, journal={CoRR}, year=2020}", "preprint", "CoRR"),
        ("@article{k, title={T}, journal={Earth Discussions}}", "preprint", "Earth Discussions"),
        ("@article{k, title={T}, journal={bioRxiv}}", "preprint", "bioRxiv"),
        ("@misc{k, title={T}, eprint={2101.01234}, archivePrefix={arXiv}}", "preprint", None),
        ("@misc{k, title={T}, howpublished={arXiv preprint}}", "preprint", "arXiv preprint"),
        ("@misc{k, title={T}, publisher={Authorea}}", "preprint", "Authorea"),
        ("@inproceedings{k, title={T}, booktitle={Proc. of X}}", "conference", "Proc. of X"),
        (
            "@conference{k, title={T}, publisher={Proceedings of Y}}",
            "conference",
            "Proceedings of Y",
        ),
        ("@book{k, title={T}, publisher={Example Press}}", "book", "Example Press"),
        ("@incollection{k, title={T}, booktitle={Edited Volume}}", "book", "Edited Volume"),
        ("@phdthesis{k, title={T}, school={Example University}}", "thesis", "Example University"),
        ("@mastersthesis{k, title={T}, institution={Inst}}", "thesis", "Inst"),
        ("@patent{k, title={T}, number={US 1}}", "patent", None),
        ("@techreport{k, title={T}, institution={Lab}}", "other", "Lab"),
        ("@unpublished{k, title={T}, note={Draft}}", "other", None),
        # A published article that also gives its arXiv id stays a journal article.
        ("@article{k, title={T}, journal={J}, eprint={2101.01234}}", "journal", "J"),
    ],
)
def test_kind_and_venue_from_entry_type_and_fields(entry, kind, venue):
    paper = only(entry)
    assert (paper.kind, paper.venue) == (kind, venue)


@pytest.mark.parametrize(
    ("fields", "year", "status"),
    [
        ("year = {in press}", None, "forthcoming"),
        ("year = 2024, note = {forthcoming}", 2024, "forthcoming"),
        ("year = 2024, note = {Submitted to X}", 2024, "submitted"),
        ("date = {2023-05-04}", 2023, "published"),
        ("year = {2022}, pubstate = {inpress}", 2022, "forthcoming"),
        ("", None, "published"),
    ],
)
def test_year_and_status(fields, year, status):
    paper = only(f"@article{{k, title={{T}}, journal={{J}}, {fields}}}")
    assert (paper.year, paper.status) == (year, status)


def test_arxiv_id_and_category_from_eprint():
    paper = only(
        "@misc{k, title={T}, eprint={2105.07660v2}, archivePrefix={arXiv}, primaryClass={cs.LG}}"
    )
    assert (paper.arxiv_id, paper.category) == ("2105.07660", "cs.LG")
    assert paper.links == (Link("arXiv", "https://arxiv.org/abs/2105.07660"),)


def test_math_and_emphasis_become_text():
    paper = only(r"@article{k, title={The $\beta$-test of \emph{Homo} \& co}, journal={J}}")
    assert paper.title == "The β-test of Homo & co"


def test_string_macros_resolve_and_are_layout():
    parsed = parse(
        """
        @string{je = {Journal of Examples}}
        @preamble{"\\newcommand{\\x}{x}"}
        @article{k, title={T}, journal=je}
        @comment{not an entry}
        """
    )
    assert parsed.publications[0].venue == "Journal of Examples"
    assert parsed.layout == (1, 2, 4)


def test_software_and_data_deposits_are_a_section():
    parsed = parse(
        """
        @software{tool, title={Example Tool}, author={Roe, Jane}, year=2020,
          url={https://github.com/example/tool}}
        @misc{data, title={Data and code from: A study}, author={Jane Roe},
          doi={10.5281/zenodo.123}}
        @misc{deposit, title={Measurements}, author={Jane Roe}, type={dataset}}
        @misc{written, title={Data Entry Workflow for a Database}, author={Jane Roe}}
        """
    )
    assert [p.title for p in parsed.publications] == ["Data Entry Workflow for a Database"]
    (section,) = parsed.sections
    assert section.title == "Data and software"
    assert section.items == (
        "Jane Roe (2020). Example Tool. https://github.com/example/tool",
        "Jane Roe. Data and code from: A study. https://doi.org/10.5281/zenodo.123",
        "Jane Roe. Measurements.",
    )
    assert (section.line, section.lines, section.item_lines) == (1, (1, 2, 3, 4, 5), (1, 3, 5))


def test_failed_block_is_unparsed_with_its_lines():
    parsed = parse(
        """
        @article{broken,
          title = {never closed
        @article{fine, title={Fine}, journal={J}}
        """
    )
    assert [p.title for p in parsed.publications] == ["Fine"]
    assert [(u.line, u.text) for u in parsed.unparsed] == [
        (1, "@article{broken,"),
        (2, "title = {never closed"),
    ]
    assert parsed.warnings[0].startswith("line 1: not read as BibTeX")


def test_entry_without_title_is_unparsed():
    parsed = parse("@article{k, journal={J}}\n")
    assert parsed.publications == ()
    assert [u.line for u in parsed.unparsed] == [1]
    assert parsed.warnings == ("line 1: @article{k} has no title",)


def test_editors_stand_in_for_missing_authors():
    paper = only("@book{k, title={T}, editor={Ada Roe and Bo Diaz}, publisher={P}}")
    assert paper.authors == (Author("Ada Roe"), Author("Bo Diaz"))


BIBTEX_TEXT = st.text(alphabet=st.sampled_from(list('@{}=,"%\\$ \nabtiley0129')), max_size=300)


@settings(max_examples=300, deadline=None)
@given(st.one_of(BIBTEX_TEXT, st.text(max_size=200)))
def test_any_text_is_read_or_refused_and_every_line_accounted(text):
    try:
        parsed = bibtex.parse(text, source="x.bib", sha256="0", as_of=date(2026, 11, 22))
    except DocumentError:
        return
    accounted = parsed.accounted()
    for number, line in enumerate(text.split("\n"), 1):
        assert not line.strip() or number in accounted


def _entries(*bylines):
    return "\n".join(
        f"@article{{k{n}, title = {{Paper number {n}}}, author = {{{byline}}}, year = 2020}}"
        for n, byline in enumerate(bylines)
    )


def test_the_author_of_most_entries_is_the_owner():
    """A publication list is one person's: the author in at least half of the entries is
    named, as the spellings agree (a middle initial some leave out is left out), and marked
    in every byline, under any spelling of the name."""
    parsed = parse(
        _entries(
            "Okafor, Ada S. and Lindqvist, Karl",
            "Chen, Mei and Okafor, Ada S.",
            "Okafor, Ada and Chen, Mei",
            "Okafor, A. and Roe, Jane",
            "Roe, Jane and Chen, Mei",
        )
    )
    assert parsed.person.name == "Ada Okafor"
    owners = [[a.name for a in p.authors if a.is_owner] for p in parsed.publications]
    assert owners == [["Ada S. Okafor"], ["Ada S. Okafor"], ["Ada Okafor"], ["A. Okafor"], []]


@pytest.mark.parametrize(
    "bylines",
    [
        # a group's list: no author is in half of the entries
        ("Okafor, Ada and Roe, Jane", "Chen, Mei", "Lindqvist, Karl", "Diaz, Mateo"),
        # two authors of every entry: which one's list it is, the file does not say
        ("Okafor, Ada and Roe, Jane", "Roe, Jane and Okafor, Ada", "Okafor, Ada and Roe, Jane"),
        # two entries are too few to tell
        ("Okafor, Ada", "Okafor, Ada and Roe, Jane"),
    ],
)
def test_a_list_without_one_clear_author_names_no_one(bylines):
    parsed = parse(_entries(*bylines))
    assert parsed.person.name is None
    assert not any(a.is_owner for p in parsed.publications for a in p.authors)


def test_the_middle_initial_every_spelling_writes_is_kept():
    parsed = parse(_entries("Okafor, Ada S.", "Okafor, Ada S. and Roe, Jane", "Okafor, A. S."))
    assert parsed.person.name == "Ada S. Okafor"
