"""The LaTeX reader: each construct to blocks, spans and source lines."""

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from profiles.importer.read import DocumentError
from profiles.importer.readers import latex
from profiles.importer.tree import Kind, Meta, Span, line_text


def read(text):
    return latex.read(textwrap.dedent(text).lstrip("\n"), "cv.tex")


def outline(document):
    """(kind, line, level or depth, text) per block but LAYOUT: what a test reads at a glance."""
    return [
        (block.kind.value, block.line, block.level or block.depth, block.text)
        for block in document.blocks
        if block.kind is not Kind.LAYOUT
    ]


def rows(document):
    """Each ROW's cells as texts, with the row's line."""
    return [
        (block.line, tuple(" ".join(map(line_text, cell)) for cell in block.cells))
        for block in document.blocks
        if block.kind is Kind.ROW
    ]


def layout(document):
    return [block.text for block in document.blocks if block.kind is Kind.LAYOUT]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            r"""
            \section{Education}
            \subsection*{Degrees}
            \subsubsection{Doctoral}
            \paragraph{Note}
            \cvsection{Awards}
            """,
            [
                ("heading", 1, 1, "Education"),
                ("heading", 2, 2, "Degrees"),
                ("heading", 3, 3, "Doctoral"),
                ("heading", 4, 4, "Note"),
                ("heading", 5, 1, "Awards"),
            ],
        ),
        (
            r"""
            \begin{itemize}
              \item Lecturing
              \begin{itemize}
                \item Algebra, 2019
              \end{itemize}
              \item{Supervision}
            \end{itemize}
            """,
            [
                ("item", 2, 0, "Lecturing"),
                ("item", 4, 1, "Algebra, 2019"),
                ("item", 6, 0, "Supervision"),
            ],
        ),
        (
            "First paragraph\nwraps here.\n\nSecond paragraph.\n",
            [
                ("paragraph", 1, 0, "First paragraph wraps here."),
                ("paragraph", 4, 0, "Second paragraph."),
            ],
        ),
        (
            "\\section*{Service \\&\nOutreach}\n",
            [("heading", 1, 1, "Service & Outreach")],
        ),
        (
            r"Schr{\"o}dinger, M\'{e}nard, Stra\ss e~3, 2019--2021, A---B, ``Title''",
            [("paragraph", 1, 0, "Schrödinger, Ménard, Straße 3, 2019–2021, A—B, “Title”")],
        ),
        (
            "\\noindent \\hspace{2mm} \\textbullet \\hspace{2mm} Topology \\vspace{3mm}\n",
            [("paragraph", 1, 0, "• Topology")],
        ),
        (
            r"""
            \documentclass{article}
            \begin{document}
            \parindent=15pt
            \raggedright Body text \today
            \end{document}
            """,
            [("paragraph", 4, 0, "Body text")],
        ),
    ],
)
def test_construct_outline(text, expected):
    assert outline(read(text)) == expected


def test_enumerate_numbers_as_rendered_and_labels_stay_first_span():
    document = read(
        r"""
        \begin{enumerate}
          \item First
          \item[(x)] Labelled
          \item Second
          \begin{enumerate}
            \item Nested
          \end{enumerate}
        \end{enumerate}
        \begin{description}
          \item[2019] Prize
        \end{description}
        """
    )
    items = [b for b in document.blocks if b.kind is Kind.ITEM]
    assert [(b.number, b.depth, b.text) for b in items] == [
        ("1", 0, "First"),
        ("(x)", 0, "(x) Labelled"),
        ("2", 0, "Second"),
        ("a", 1, "Nested"),
        (None, 0, "2019 Prize"),
    ]
    assert items[4].lines[0][0] == Span("2019", 10, bold=True)


def test_spans_keep_looks_and_links():
    document = read(
        r"\textbf{MIT}, {\it Ph.D.} \textsc{Physics} \texttt{code} \emph{x} "
        r"{\bfseries bold \itshape both} \href{https://example.org/a\_b}{site} \url{https://x.org}"
    )
    (block,) = document.blocks
    assert block.lines[0] == (
        Span("MIT", 1, bold=True),
        Span(", ", 1),
        Span("Ph.D.", 1, italic=True),
        Span(" ", 1),
        Span("Physics", 1, caps=True),
        Span(" ", 1),
        Span("code", 1, code=True),
        Span(" ", 1),
        Span("x", 1, italic=True),
        Span(" ", 1),
        Span("bold ", 1, bold=True),
        Span("both", 1, bold=True, italic=True),
        Span(" ", 1),
        Span("site", 1, url="https://example.org/a_b"),
        Span(" ", 1),
        Span("https://x.org", 1, url="https://x.org"),
    )


def test_hard_breaks_soft_wraps_and_paragraphs():
    document = read("Street 1\\\\\nTown\nwrapped\\newline Land\n\nNext\n")
    first, second = document.blocks
    assert [[s.text for s in line] for line in first.lines] == [
        ["Street 1"],
        ["Town"],
        ["wrapped"],
        ["Land"],
    ]
    assert [line[0].line for line in first.lines] == [1, 2, 3, 3]
    assert first.soft == frozenset({2})
    assert (second.kind, second.line, second.text) == (Kind.PARAGRAPH, 5, "Next")


def test_tabular_rows_split_cells_and_keep_each_span_line():
    document = read(
        r"""
        \begin{tabular}{p{2cm} l}
          \hline
          \rowcolor[gray]{.9} 2015 & Ph.D. in Physics\\[2mm]
          & Some University, Some
          Town\\
          \multicolumn{2}{l}{\textbf{Teaching}} \\ \cline{1-2}
          2019--21 & \multirow{2}{*}{Algebra}
        \end{tabular}
        """
    )
    assert rows(document) == [
        (3, ("2015", "Ph.D. in Physics")),
        (4, ("", "Some University, Some Town")),
        (6, ("Teaching",)),
        (7, ("2019–21", "Algebra")),
    ]
    continuation = [b for b in document.blocks if b.kind is Kind.ROW][1]
    assert [s.line for s in continuation.cells[1][0]] == [4, 5]
    assert layout(document) == ["\\begin{tabular}{p{2cm} l} \\hline", "\\end{tabular}"]


def test_booktabs_and_longtable_header_rows():
    document = read(
        r"""
        \begin{tabular}{ll}\toprule
        Year & Prize\\ \midrule
        2020 & Medal\\ \bottomrule
        \end{tabular}
        \begin{longtable}{ll}
        Year & Grant\\ \endhead
        2021 & Fund\\
        \end{longtable}
        """
    )
    table = [(b.header, b.text) for b in document.blocks if b.kind is Kind.ROW]
    assert table == [
        (True, "Year | Prize"),
        (False, "2020 | Medal"),
        (True, "Year | Grant"),
        (False, "2021 | Fund"),
    ]


def test_moderncv_entries_are_rows_of_their_arguments():
    document = read(
        r"""
        \cventry{2015--2019}{Ph.D.}{Some University}{Town}{\textit{summa}}{Thesis on knots.}
        \cvitem{Languages}{French, German}
        \cvlistitem{Chess}
        """
    )
    assert rows(document) == [
        (1, ("2015–2019", "Ph.D.", "Some University", "Town", "summa", "Thesis on knots.")),
        (2, ("Languages", "French, German")),
    ]
    assert outline(document)[-1] == ("item", 3, 0, "Chess")


def test_awesome_cv_entry_items_follow_at_depth_one():
    document = read(
        r"""
        \begin{cventries}
          \cventry{Data Scientist}{Acme Labs}{Springfield}{2020 - Present}{\begin{cvitems}
            \item Built pipelines
          \end{cvitems}}
          \cvhonor{}{Best Poster}{Some Society}{2018}
        \end{cventries}
        """
    )
    assert outline(document) == [
        ("row", 2, 0, "Data Scientist | Acme Labs | Springfield | 2020 - Present | "),
        ("item", 3, 1, "Built pipelines"),
        ("row", 5, 0, " | Best Poster | Some Society | 2018"),
    ]


def test_cv_class_name_is_metadata_and_the_first_heading():
    document = read(
        r"""
        \documentclass{awesome-cv}
        \name{Jane}{Roe}
        \position{Research Associate}
        \address{1 Main St}{Springfield}
        \email{jane@example.org}
        \homepage{example.org}
        \phone[mobile]{+1 555 0100}
        \github{janeroe}
        \begin{document}
        \makecvheader
        \section{Education}
        \end{document}
        """
    )
    assert document.meta == (
        Meta("author", "Jane Roe", 2),
        Meta("position", "Research Associate", 3),
        Meta("location", "1 Main St, Springfield", 4),
        Meta("email", "jane@example.org", 5),
        Meta("homepage", "example.org", 6),
        Meta("phone", "+1 555 0100", 7),
        Meta("github", "janeroe", 8),
    )
    assert outline(document) == [("heading", 2, 1, "Jane Roe"), ("heading", 11, 1, "Education")]
    assert document.blocks[0].kind is Kind.LAYOUT  # the preamble


def test_author_without_maketitle_is_metadata_only():
    document = read(
        r"""
        \documentclass{article}
        \title{Curriculum Vitae}
        \author{Jane Roe}
        \def\city{Springfield}
        \begin{document}
        Born in \city.
        \end{document}
        """
    )
    assert document.meta == (Meta("title", "Curriculum Vitae", 2), Meta("author", "Jane Roe", 3))
    assert outline(document) == [("paragraph", 6, 0, "Born in Springfield.")]


def test_maketitle_typesets_the_author_as_heading():
    document = read("\\author{Jane Roe \\\\ Some University}\n\\title{CV}\n\\maketitle\nText\n")
    assert document.meta_value("author") == "Jane Roe"
    assert outline(document)[:2] == [
        ("heading", 1, 1, "Jane Roe Some University"),
        ("paragraph", 2, 0, "CV"),
    ]


def test_document_macros_expand_with_their_arguments():
    document = read(
        r"""
        \newcommand{\name}{Jane Roe}
        \newcommand{\job}[3]{\textbf{#1}, #2 (#3)}
        \def\gray{\rowcolor[gray]{.9}}
        \newcommand\hl[1][red]{#1!}
        {\huge \name}

        \job{Lecturer}{Some College}{2019}
        \hl \hl[blue]
        """
    )
    assert document.meta == (Meta("author", "Jane Roe", 1),)
    assert outline(document) == [
        ("paragraph", 5, 0, "Jane Roe"),
        ("paragraph", 7, 0, "Lecturer, Some College (2019) red!blue!"),
    ]
    job = document.blocks[-1].lines[0]
    assert job[:2] == (Span("Lecturer", 7, bold=True), Span(", Some College (2019)", 7))


def test_unknown_macros_keep_their_arguments_words():
    assert outline(read(r"\mystery{Kept words} and \nothing here")) == [
        ("paragraph", 1, 0, "Kept words and here")
    ]


def test_comments_are_layout_blocks_after_the_block_they_interrupt():
    document = read(
        r"""
        % a whole-line comment
        \begin{itemize}
          \item Visible % trailing note
          more
        %  \item Hidden
        \end{itemize}
        """
    )
    assert [(b.kind, b.text) for b in document.blocks if b.kind is not Kind.LAYOUT] == [
        (Kind.ITEM, "Visible more")
    ]
    assert "% a whole-line comment" in layout(document)
    assert "% trailing note % \\item Hidden" in layout(document)


def test_iffalse_and_comment_environment_are_layout():
    document = read(
        r"""
        Kept
        \iffalse
        \section{Old} \ifx\a\b x\fi
        \fi
        \begin{comment}
        \item stale } unbalanced
        \end{comment}
        After
        """
    )
    assert outline(document) == [("paragraph", 1, 0, "Kept"), ("paragraph", 8, 0, "After")]
    assert "\\section{Old} \\ifx\\a\\b x\\fi" in layout(document)[0]


def test_csl_references_one_item_per_reference():
    document = read(
        r"""
        \begin{CSLReferences}{1}{0}
        \bibitem[\citeproctext]{ref-a}
        Roe, J. (2020). \emph{A title}.

        \bibitem[\citeproctext]{ref-b}
        Roe, J. (2021). Another.
        \end{CSLReferences}
        \begin{CSLReferences}{1}{0}
        \leavevmode\vadjust pre{\hypertarget{ref-c}{}}%
        Roe, J. (2019). Older
        title.

        \leavevmode\vadjust pre{\hypertarget{ref-d}{}}%
        Roe, J. (2018). Oldest.
        \end{CSLReferences}
        \begin{thebibliography}{9}
        \bibitem[Roe 2017]{roe17} Roe, J. A book.
        \end{thebibliography}
        """
    )
    assert outline(document) == [
        ("item", 2, 0, "Roe, J. (2020). A title."),
        ("item", 5, 0, "Roe, J. (2021). Another."),
        ("item", 10, 0, "Roe, J. (2019). Older title."),
        ("item", 14, 0, "Roe, J. (2018). Oldest."),
        ("item", 17, 0, "Roe 2017 Roe, J. A book."),
    ]


def test_fragment_without_document_reads_and_preamble_only_is_layout():
    assert outline(read("\\section{Skills}\nPython\n")) == [
        ("heading", 1, 1, "Skills"),
        ("paragraph", 2, 0, "Python"),
    ]
    preamble = read("\\documentclass{article}\n\\usepackage{geometry}\n\\author{Jane Roe}\n")
    assert outline(preamble) == []
    assert preamble.meta == (Meta("author", "Jane Roe", 3),)
    assert layout(preamble) == [
        "\\documentclass{article} \\usepackage{geometry} \\author{Jane Roe}"
    ]


def test_unbalanced_braces_still_give_a_tree_with_a_warning():
    document = read("\\section{Open\n\\textbf{bold\nend } } }\n")
    assert document.blocks
    assert document.warnings


def test_nesting_too_deep_is_a_document_error():
    with pytest.raises(DocumentError):
        latex.read("{" * 5000 + "x" + "}" * 5000, "deep.tex")


FRAGMENTS = [
    "\\section{",
    "\\section*{Education}",
    "\\item ",
    "\\item[",
    "]",
    "\\begin{itemize}",
    "\\end{itemize}",
    "\\begin{enumerate}",
    "\\begin{tabular}{ll}",
    "\\end{tabular}",
    "\\begin{document}",
    "\\end{document}",
    "\\begin{comment}",
    "\\end{comment}",
    "\\iffalse",
    "\\fi",
    "\\cventry{2019}{PhD}",
    "{",
    "}",
    "&",
    "\\\\",
    "\\\\[2mm]",
    "%",
    "% note",
    "\n",
    "\n\n",
    "  ",
    "$",
    "$x^2$",
    "\\textbf{",
    "\\href{http://a.b}{",
    "\\newcommand{\\x}[1]{#1 #1}",
    "\\x{a}",
    "\\def\\y{\\y}",
    "\\y",
    "\\'",
    '\\"{o}',
    "~",
    "--",
    "``",
    "#",
    "^",
    "\\name{Jane}{Roe}",
    "\\makecvheader",
    "\\verb|a{|",
    "Jane Roe",
    "2019 -- 2021",
    "é",
    "\\",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=40))
def test_any_input_gives_a_tree_covering_every_line(pieces):
    text = "".join(pieces)
    try:
        document = latex.read(text, "random.tex")
    except DocumentError:
        return
    assert document.text == text
    covered = {n for block in document.blocks for n in block.source_lines}
    lines = text.split("\n")
    assert all(n in covered for n, line in enumerate(lines, 1) if line.strip())
    assert all(1 <= n <= len(lines) for n in covered)
