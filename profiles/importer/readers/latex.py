r"""LaTeX: CVs written on article, moderncv, awesome-cv or a template of their own.

pylatexenc's LatexWalker parses the source into nodes that know their position, so every span
gets its source line, and its tolerant mode returns a tree even for unbalanced braces. Its
latex2text and latexencode tables turn accents and symbols (\'e, \ss, --, ``quotes'') into text.
On that tree the reader maps sectioning macros to headings, lists to items, tabulars and the CV
classes' entry macros (\cventry, \cvitem, \cvhonor, ...) to rows whose cells are the arguments,
and expands the macros the document defines itself (\newcommand, \def):

    \section*{Education}                   -> HEADING 1 'Education'
    \cventry{2019}{PhD}{MIT}{}{}{}         -> ROW ('2019', 'PhD', 'MIT', '', '', '')
    \item \textbf{MIT}, PhD                -> ITEM (Span('MIT', bold), Span(', PhD'))

The preamble, comments, \iffalse and comment environments are LAYOUT; \name, \author, \email
and the like are Document.meta.

Limits: there is no TeX engine. Macros neither the document nor this module knows lose their
name but keep their arguments' text; conditionals other than \iffalse are not evaluated; files
named by \input are not read; a CV class's own layout (what \makecvheader prints besides the
name) is not reproduced, only its metadata; \hfill and \hspace are a space, not a column;
a tabularx column's own look (>{\scshape}) is not applied. Time is linear, about 10 us per
character of dense markup (a CV of 40 kB in under 50 ms).
"""

import bisect
import dataclasses
import re
from typing import NamedTuple

from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latex2text import get_default_latex_context_db as l2t_context_db
from pylatexenc.latexencode._uni2latexmap import uni2latex
from pylatexenc.latexwalker import (
    LatexCharsNode,
    LatexCommentNode,
    LatexEnvironmentNode,
    LatexGroupNode,
    LatexMacroNode,
    LatexMathNode,
    LatexSpecialsNode,
    LatexToken,
    LatexWalker,
    LatexWalkerEndOfStream,
    LatexWalkerError,
    get_default_latex_context_db,
)
from pylatexenc.macrospec import std_environment, std_macro

from ..read import DocumentError
from ..tree import Block, Document, Kind, Meta, Span

HEADINGS = {"chapter": 1, "section": 1, "subsection": 2, "subsubsection": 3, "paragraph": 4}
HEADINGS |= {"subparagraph": 5, "cvsection": 1, "cvsubsection": 2, "cvsubsubsection": 3}
# Macros whose argument, or which as declarations the rest of their group, take a look.
_BOLD, _ITALIC, _CAPS, _CODE = {"bold": True}, {"italic": True}, {"caps": True}, {"code": True}
_UPRIGHT, _PLAIN = (
    {"italic": False, "caps": False},
    dict.fromkeys(("bold", "italic", "caps", "code"), False),
)
LOOK_ARGS = {"textbf": _BOLD, "textit": _ITALIC, "emph": _ITALIC, "textsl": _ITALIC}
LOOK_ARGS |= {"textsc": _CAPS, "MakeUppercase": _CAPS, "uppercase": _CAPS, "texttt": _CODE}
LOOK_ARGS |= {"textmd": {"bold": False}, "textup": _UPRIGHT, "textnormal": _PLAIN}
LOOK_DECLARATIONS = {"bfseries": _BOLD, "bf": _BOLD, "itshape": _ITALIC, "it": _ITALIC}
LOOK_DECLARATIONS |= {"em": _ITALIC, "slshape": _ITALIC, "sl": _ITALIC, "scshape": _CAPS}
LOOK_DECLARATIONS |= {"sc": _CAPS, "ttfamily": _CODE, "tt": _CODE, "mdseries": {"bold": False}}
LOOK_DECLARATIONS |= {"upshape": _UPRIGHT, "normalfont": _PLAIN}
# Entry macros of the CV classes, with their most arguments: one ROW, a cell per argument.
ENTRIES = {
    "cventry": 6,  # moderncv has six arguments, awesome-cv five
    "cvitem": 2,
    "cvdoubleitem": 4,
    "cvitemwithcomment": 3,
    "cvcomputer": 4,
    "cvline": 2,
    "cvhonor": 4,
    "cvsubentry": 4,
    "cvskill": 2,
    "cvevent": 4,
    "cvachievement": 3,
}
ITEM_ENTRIES = {"cvlistitem": 1, "cvlistdoubleitem": 2}  # one ITEM per argument
LISTS = {"itemize", "enumerate", "description", "cvitems", "list", "etaremune"}
LISTS |= {
    f"{style}{kind}" for style in ("compact", "aspara", "inpara") for kind in ("item", "enum")
}
ENUMERATIONS = {"enumerate", "compactenum", "asparaenum", "inparaenum", "etaremune"}
REFERENCES = {"thebibliography", "CSLReferences"}  # one ITEM per \bibitem or paragraph
TABLES = {"tabular", "tabular*", "tabularx", "tabulary", "longtable", "tabu", "longtabu", "tblr"}
TABLES |= {"supertabular", "xtabular", "array", "NiceTabular"}
# Metadata macros -> Meta key; \name and \address take a varying number of arguments.
META = {"author": "author", "title": "title", "email": "email", "homepage": "homepage"}
META |= {"website": "homepage", "phone": "phone", "mobile": "phone", "position": "position"}
META |= {"address": "location", "name": "author", "firstname": "author", "familyname": "author"}
META |= {"lastname": "author"}
META |= {key: key for key in ("github", "gitlab", "linkedin", "twitter", "orcid", "pronouns")}
META |= {key: key for key in ("quote", "extrainfo", "stackoverflow", "googlescholar", "social")}
TITLE_MAKERS = {"maketitle", "makecvtitle", "makecvheader", "makeheader", "makecvhead"}
DEFINITIONS = {"newcommand", "renewcommand", "providecommand", "DeclareRobustCommand"}
ENV_DEFINITIONS = {"newenvironment", "renewenvironment"}
LINE_BREAKS = {"\\", "newline", "linebreak", "break", "tabularnewline"}
PARAGRAPH_BREAKS = {"par", "newpage", "clearpage", "cleardoublepage"}
# Macros typeset as the text of their last argument.
KEEP_LAST = {"textcolor", "colorbox", "fcolorbox", "hypertarget", "hyperlink", "raisebox"}
KEEP_LAST |= {"parbox", "makebox", "framebox", "mbox", "fbox", "multicolumn", "multirow"}
KEEP_LAST |= {"footnote", "foreignlanguage", "rotatebox", "scalebox", "resizebox", "underline"}
KEEP_LAST |= {"uline", "textrm", "textsf", "textsuperscript", "textsubscript", "makecell"}
# Macros that typeset no words of the CV: spacing, colours, references, page furniture.
DROP = {"vspace", "hspace", "setlength", "addtolength", "setcounter", "addtocounter", "label"}
DROP |= {"rowcolor", "cellcolor", "columncolor", "cline", "pagenumbering", "thispagestyle"}
DROP |= {"pagestyle", "color", "fontsize", "rule", "includegraphics", "hypersetup", "geometry"}
DROP |= {"fancyhead", "fancyfoot", "fancyhf", "lhead", "chead", "rhead", "lfoot", "cfoot"}
DROP |= {"rfoot", "markright", "markboth", "titleformat", "titlespacing", "definecolor"}
DROP |= {"colorlet", "setbool", "newlength", "usepackage", "documentclass", "cite", "citep"}
DROP |= {"citet", "nocite", "ref", "eqref", "pageref", "bibliographystyle", "bibliography"}
DROP |= {"makecvfooter", "photo", "date", "thanks", "addcontentsline", "today", "thepage"}
DROP |= {"input", "include", "subfile", "hline", "toprule", "midrule", "bottomrule"}
DROP |= {"endhead", "endfirsthead", "endfoot", "endlastfoot", "specialrule", "cmidrule"}
# Argument specs for pylatexenc, beyond its defaults: '{' an argument, '[' an option, '*' a star.
_SPEC_NAMES = {
    "{": "cvsection cvsubsection cvsubsubsection email homepage website mobile position fbox"
    " firstname familyname lastname cline hypersetup geometry pagenumbering thispagestyle"
    " pagestyle lhead chead rhead lfoot cfoot rfoot markright newlength date thanks input"
    " include subfile bibliographystyle bibliography textsuperscript textsubscript textsl"
    " textmd textup textnormal MakeUppercase uline textrm textsf",
    "[{": "bibitem author title phone social makecell rowcolor cellcolor columncolor cmidrule"
    " fancyhead fancyfoot",
    "{{": "hypertarget hyperlink setcounter addtocounter fontsize markboth colorlet setbool",
    "{{{": "multicolumn specialrule makecvfooter addcontentsline",
    "[{{": "href colorbox foreignlanguage rotatebox rule",
    "[[{": "photo makebox framebox",
    "*[{": "paragraph subparagraph",
    "*[[{": "includegraphics",
    "*{[[{": "DeclareRobustCommand",
    "*{[[{{": "newenvironment renewenvironment",
    "*{{{": "resizebox",
    "{[{": "scalebox",
    "{[[{": "raisebox",
    "[[[{{": "parbox",
    "[{{{": "fcolorbox definecolor",
    "{[{[{": "multirow",
    "*{[{{{{[": "titleformat",
    "*{{{{[": "titlespacing",
}
SPECS = {name: spec for spec, names in _SPEC_NAMES.items() for name in names.split()}
ENVIRONMENT_SPECS = {
    "[{": "tabular longtable xtabular tblr NiceTabular array",
    "{[{": "tabular* tabularx tabulary",
    "{": "supertabular thebibliography spacing",
    "{{": "adjustwidth list CSLReferences",
    "[[[{": "minipage",
    "{[": "multicols",
    "[{[{": "wrapfigure",
}
# What latex2text and latexencode lack or render otherwise; a gap (\hfill) is a space.
SYMBOLS = {"pounds": "£", "euro": "€", "copyright": "©", "S": "§", "P": "¶", "textbar": "|"}
SYMBOLS |= {"LaTeX": "LaTeX", "TeX": "TeX", "dag": "†", "ddag": "‡", "times": "×", "bullet": "•"}
SYMBOLS |= dict.fromkeys(("quad", "qquad", "hfill", "hfil", "enspace", "enskip"), " ")
SYMBOLS |= {"today": ""}
MAX_EXPANSIONS = 5000  # the document's own macros expanded per document ...
MAX_NESTING = 12  # ... and inside one another

_PLAIN_RUN = re.compile(r"[^\s\\{}%$&~\-`'#^_\[\]*!?][^\n\\{}%$&~\-`'#^_\[\]*!?]*")
_WHITESPACE = re.compile(r"\s*")
_INDENT = re.compile(r"[ \t]*")
_MACRO = re.compile(r"\\([A-Za-z]+)")
_ENVIRONMENT = re.compile(r"\\(begin|end)(?![A-Za-z])\s*\{([\w* ._-]+)\}")
_REGION = re.compile(r"\\begin\{(comment|verbatim|lstlisting)\}|\\iffalse(?![A-Za-z])")
_CONDITIONAL = re.compile(r"\\(if[A-Za-z]*|fi)(?![A-Za-z])")
_NOT_CONDITIONALS = {"ifthenelse", "iftoggle", "ifbool", "ifdef", "ifundef", "ifstrequal"}
_MATH_TEXT = str.maketrans({"\u2219": "•", "^": None, "_": None})  # $\bullet$, 29$^{th}$
_PARAMETER = re.compile(r"#([1-9])")
_PARAMETERS = re.compile(r"\s*(?:#[1-9]\s*)*")
_ASSIGNMENT = re.compile(r"\s*=\s*[-+]?[0-9.]*\s*(?:pt|cm|mm|in|em|ex|bp|pc|sp|dd|cc|mu)?")


def read(text: str, name: str) -> Document:
    r"""Read a LaTeX CV: '\section{Education}\n\begin{itemize}\item PhD, 2019\end{itemize}'
    -> HEADING 'Education' (line 1), ITEM 'PhD, 2019' (line 2)."""
    try:
        return _Reader(text).read()
    except RecursionError:
        raise DocumentError(name, "LaTeX groups nested too deeply to read") from None
    except LatexWalkerError as error:
        raise DocumentError(name, f"unreadable LaTeX ({error})") from None


class Look(NamedTuple):
    bold: bool = False
    italic: bool = False
    caps: bool = False
    code: bool = False
    url: str | None = None


class _Walker(LatexWalker):
    """pylatexenc's walker with a faster tokenizer: a run of plain text is one token rather
    than one per character, and macros, braces and comments are read without copying the rest
    of the source. The tokens are those pylatexenc would make; math, specials and arguments
    read one token at a time are left to it."""

    errors = 0

    def _report_ignore_parse_error(self, exc):
        self.errors += 1

    def get_token(self, pos, include_brace_chars=None, environments=True, **kwargs):
        s = self.s
        start = _WHITESPACE.match(s, pos).end()  # pylatexenc gathers it in quadratic time
        if (blank := s.find("\n\n", pos, start)) != -1:
            return LatexToken("char", "\n\n", blank, 2, s[pos:blank])
        if start >= len(s):
            raise LatexWalkerEndOfStream(final_space=s[pos:start])
        space, char = s[pos:start], s[start]
        state = kwargs.get("parsing_state")
        if include_brace_chars or not environments or (state and state.in_math_mode):
            return self._token(space, start, include_brace_chars, environments, **kwargs)
        if run := _PLAIN_RUN.match(s, start):
            return LatexToken("char", run.group(), start, run.end() - start, space)
        if char in "{}":
            kind = "brace_open" if char == "{" else "brace_close"
            return LatexToken(kind, char, start, 1, space)
        if char == "%":  # the newline and the next line's indent go with it, unless empty
            end = s.find("\n", start)
            if end == -1:
                return LatexToken("comment", s[start + 1 :], start, len(s) - start, space)
            indent = _INDENT.match(s, end + 1).end()
            post = "" if s.startswith("\n", indent) else s[end:indent]
            return LatexToken(
                "comment", s[start + 1 : end], start, end + len(post) - start, space, post
            )
        if char == "\\" and (macro := _MACRO.match(s, start)):
            name, end = macro.group(1), macro.end()
            if name in ("begin", "end"):
                if env := _ENVIRONMENT.match(s, start):
                    kind = "begin_environment" if name == "begin" else "end_environment"
                    return LatexToken(kind, env.group(2), start, env.end() - start, space)
                self.errors += 1
                return LatexToken("char", "\\" + name, start, end - start, space)
            indent = _INDENT.match(s, end).end()  # TeX skips the spaces after a name ...
            if s.startswith("\n", indent):  # ... and one newline, but not an empty line
                after = _INDENT.match(s, indent + 1).end()
                indent = indent if s.startswith("\n", after) else after
            return LatexToken("macro", name, start, indent - start, space, s[end:indent])
        return self._token(space, start, include_brace_chars, environments, **kwargs)

    def _token(self, space, start, *args, **kwargs):
        token = super().get_token(start, *args, **kwargs)
        token.pre_space = space + token.pre_space
        return token


def _context():
    context = get_default_latex_context_db()
    context.add_context_category(
        "cv",
        macros=[std_macro(name, spec) for name, spec in SPECS.items()],
        environments=[
            std_environment(name, spec)
            for spec, names in ENVIRONMENT_SPECS.items()
            for name in names.split()
        ],
        prepend=True,
    )
    return context


def _symbols():
    """Macro name -> its character, from latexencode's table, latex2text's and ours."""
    symbols = {}
    for code, latex in uni2latex.items():
        name = latex.strip("{}").removeprefix("\\").removesuffix("{}")
        if latex.lstrip("{").startswith("\\") and name.isalpha():
            symbols.setdefault(name, chr(code))
    for spec in l2t_context_db().iter_macro_specs():
        repl = getattr(spec, "simplify_repl", None)
        if isinstance(repl, str) and "%" not in repl and spec.macroname.isalpha():
            symbols.setdefault(spec.macroname, repl)
    for name in ("cite", "ref", "today"):  # latex2text's placeholders and today's date
        symbols.pop(name, None)
    return symbols | SYMBOLS


CONTEXT = _context()
TO_TEXT = LatexNodes2Text(math_mode="text")
SYMBOL_TEXT = _symbols()
PROTECTED = set(HEADINGS) | set(LOOK_ARGS) | set(LOOK_DECLARATIONS) | set(ENTRIES)
PROTECTED |= set(ITEM_ENTRIES) | KEEP_LAST | DROP | LINE_BREAKS | PARAGRAPH_BREAKS
PROTECTED |= TITLE_MAKERS | DEFINITIONS | {"item", "bibitem", "href", "url", "def"}


@dataclasses.dataclass
class _List:
    name: str
    level: int  # how many enumerations deep, for the numbering style
    count: int = 0


@dataclasses.dataclass
class _Table:
    pending: list  # indices in blocks of the rows since the last header rule
    toprule: bool = False
    header_done: bool = False
    firsthead: bool = False


class _Draft:
    """A block being filled: its visual lines (a row: its cells' lines) as [text, line, look]."""

    def __init__(self, kind, line, order, ends_at_blank_line, **fields):
        self.kind, self.line, self.order, self.fields = kind, line, order, fields
        self.ends_at_blank_line = ends_at_blank_line
        self.lines, self.hard = [[]], [True]
        self.cells = [[[]]] if kind is Kind.ROW else None

    def current(self):
        return self.cells[-1][-1] if self.cells is not None else self.lines[-1]

    def put(self, text, line, look):
        spans = self.current()
        if not spans:
            text = text.lstrip()
            if not text:
                return
        elif spans[-1][0].endswith(" ") and text.startswith(" "):
            text = text[1:]
        if spans and spans[-1][1] == line and spans[-1][2] == look:
            spans[-1][0] += text
        elif text:
            spans.append([text, line, look])

    def newline(self, soft):
        if self.cells is not None:
            if soft:
                self.put(" ", self.line, Look())
            elif self.current():
                self.cells[-1].append([])
        elif not self.lines[-1]:
            self.hard[-1] = self.hard[-1] or not soft
        else:
            self.lines.append([])
            self.hard.append(not soft)

    def next_cell(self):
        self.cells.append([[]])

    def build(self):
        if self.cells is not None:
            cells = tuple(tuple(filter(None, map(_inline, cell))) for cell in self.cells)
            return Block(Kind.ROW, self.line, cells=cells, **self.fields) if any(cells) else None
        lines, soft = [], set()
        for spans, hard in zip(self.lines, self.hard, strict=True):
            if inline := _inline(spans):
                if lines and not hard:
                    soft.add(len(lines))
                lines.append(inline)
        if not lines:
            return None
        return Block(self.kind, self.line, tuple(lines), soft=frozenset(soft), **self.fields)


def _to_text(node):
    r"""latex2text's text for an accent, symbol or math node: \'{e} -> 'é'."""
    try:
        return TO_TEXT.nodelist_to_text([node])
    except (AttributeError, IndexError, TypeError):  # its handlers assume parsed arguments
        return ""


def _inline(spans):
    if spans:
        spans[0][0] = spans[0][0].lstrip()
        spans[-1][0] = spans[-1][0].rstrip()
    return tuple(Span(text, line, **look._asdict()) for text, line, look in spans if text)


def _squeeze(text):
    """Runs of whitespace as one space, as TeX reads them: ' a \t b ' -> ' a b '."""
    core = " ".join(text.split())
    if not core:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + core + (" " if text[-1].isspace() else "")


def _kind(node):
    """'group', or a chars node's stripped text, for matching short node sequences."""
    if isinstance(node, LatexGroupNode):
        return "group"
    return node.chars.strip() if isinstance(node, LatexCharsNode) else None


def _assignment(nodes):
    """How many characters of a chars node a TeX assignment takes ('=15pt and' -> 5), or None."""
    if nodes and isinstance(nodes[0], LatexCharsNode):
        match = _ASSIGNMENT.match(nodes[0].chars)
        if match and "=" in match.group():
            return match.end()
    return None


def _nodes(arg):
    if arg is None:
        return []
    return arg.nodelist if isinstance(arg, LatexGroupNode) else [arg]


def _args(node):
    """A macro's parsed arguments, without a star: [nodes, ...] (None for a missing option)."""
    if node.nodeargd is None or not node.nodeargd.argnlist:
        return []
    spec = getattr(node.nodeargd, "argspec", "") or ""
    args = node.nodeargd.argnlist
    return [None if a is None else _nodes(a) for s, a in zip(spec, args, strict=False) if s != "*"]


def _commented(text, pos):
    """Whether pos is after an unescaped % on its line."""
    start = text.rfind("\n", 0, pos) + 1
    percent = text.find("%", start, pos)
    while percent != -1:
        if percent == 0 or text[percent - 1] != "\\":
            return True
        percent = text.find("%", percent + 1, pos)
    return False


def _find(text, command, start=0):
    """The first position of command not in a % comment, or None."""
    pos = text.find(command, start)
    while pos != -1 and _commented(text, pos):
        pos = text.find(command, pos + 1)
    return None if pos == -1 else pos


def _regions(text):
    """Spans TeX reads but never prints: comment and verbatim environments, \\iffalse ... \fi.

    '\\iffalse old\fi' -> [(0, 13, 'iffalse')]."""
    regions, end = [], 0
    for match in _REGION.finditer(text):
        if match.start() < end or _commented(text, match.start()):
            continue
        if env := match.group(1):
            close = text.find(f"\\end{{{env}}}", match.end())
            end = len(text) if close == -1 else close + len(f"\\end{{{env}}}")
            regions.append((match.start(), end, env))
            continue
        depth, end = 1, len(text)
        for cond in _CONDITIONAL.finditer(text, match.end()):
            if cond.group(1) == "fi":
                depth -= 1
            elif cond.group(1) not in _NOT_CONDITIONALS:
                depth += 1
            if not depth:
                end = cond.end()
                break
        regions.append((match.start(), end, "iffalse"))
    return regions


def _numeral(count, level):
    """How LaTeX numbers the count-th item of an enumeration level deep: (2, 2) -> 'b'."""
    if level == 2 and count <= 26:
        return chr(ord("a") + count - 1)
    if level == 3:
        return _roman(count)
    if level >= 4 and count <= 26:
        return chr(ord("A") + count - 1)
    return str(count)


def _roman(number):
    digits = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
    digits += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in digits:
        while number >= value:
            out, number = out + letters, number - value
    return out


class _Reader:
    r"""One document's walk: the blocks so far, the draft being filled, the macros defined."""

    def __init__(self, text):
        self.text = text
        self.starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self.blocks = []  # (source position, Block), in reading order
        self.meta, self.warnings, self.errors = [], [], 0
        self.macros = {}  # name -> (number of arguments, default of the first, body nodes)
        self.env_arity = {}  # a \newenvironment's number of arguments
        self.draft = None
        self.pending = []  # comments waiting for the draft to end, to become one LAYOUT block
        self.fresh = True  # at the start of a source line: a newline now ends the paragraph
        self.ctx = ["body"]  # 'body', 'list', 'refs', 'table', 'entry' or 'heading'
        self.lists, self.tables = [], []
        self.base_depth = 0  # list depth that an entry's items start at
        self.frames = []  # (arguments, the caller's `at`) of each macro being expanded
        self.at = None  # while expanding a macro: where it was called, for line numbers
        self.expansions = 0
        self.skip = None  # (chars node, how many of its characters a macro consumed)
        self.author = self.title = None  # nodes of the name and title, for \maketitle
        self.name_parts = {}
        self.doc_class = ""
        self.titled = False

    def read(self):
        regions = _regions(self.text)
        source = self._blank(regions)
        begin = _find(source, "\\begin{document}")
        body_start, body_end = None, len(source)
        if begin is not None:
            body_start = begin + len("\\begin{document}")
            end = _find(source, "\\end{document}", body_start)
            body_end = len(source) if end is None else end
        elif _find(source, "\\documentclass") is None:
            begin = body_start = 0  # a body fragment
        self.has_chapter = _find(source, "\\chapter") is not None
        self._preamble(self._parse(source[: len(source) if begin is None else begin], 0, False))
        if body_start is not None:
            self._walk(self._parse(source[:body_end], body_start), Look())
            self._flush()
        if self.errors:
            self.warnings.append(f"{self.errors} LaTeX syntax errors (read past)")
        blocks = self._merge(regions)
        return Document("latex", self.text, blocks, tuple(self.meta), tuple(self.warnings))

    def _blank(self, regions):
        """The source with the regions' characters as spaces, so pylatexenc skips them."""
        pieces, last = [], 0
        for start, end, _ in regions:
            pieces += [self.text[last:start], re.sub(r"[^\n]", " ", self.text[start:end])]
            last = end
        return "".join([*pieces, self.text[last:]])

    def _parse(self, source, start, body=True):
        walker = _Walker(source, latex_context=CONTEXT, tolerant_parsing=True)
        nodes, _, _ = walker.get_latex_nodes(pos=start)
        if body:  # a template's preamble defines environments with unbalanced \begin{list}
            self.errors += walker.errors
        return nodes

    def _preamble(self, nodes):
        """Only definitions and metadata count before \begin{document}; the rest is LAYOUT."""
        i = 0
        while i < len(nodes):
            node = nodes[i]
            if isinstance(node, LatexMacroNode):
                name = node.macroname
                if name == "documentclass" and (args := _args(node)) and args[-1]:
                    self.doc_class = self._plain(args[-1])
                elif name in DEFINITIONS or name in ENV_DEFINITIONS:
                    self._define(node)
                elif name in ("def", "gdef", "edef", "xdef"):
                    i = self._def(nodes, i)
                elif name in META:
                    i = self._meta(nodes, i)
            i += 1
        first, last = self.name_parts.get("firstname"), self.name_parts.get("familyname")
        if first and last and not self.author:
            self.author = [first, last]
            self._add_meta("author", f"{self._plain(first)} {self._plain(last)}", first[0].pos)

    # Definitions and metadata

    def _define(self, node):
        args = _args(node)  # name, number of arguments, default of the first, body
        if len(args) < 4 or not args[0] or args[-1] is None:
            return
        arity = self._int(args[1])
        if node.macroname in ENV_DEFINITIONS:
            self.env_arity[self._plain(args[0]).strip()] = arity
        elif target := next((n for n in args[0] if isinstance(n, LatexMacroNode)), None):
            self._register(target.macroname, arity, args[2], args[3], node.pos)

    def _def(self, nodes, i):
        r"""\def\name#1{body}: the nodes after \def; the index of the last one read."""
        j = i + 1
        if j >= len(nodes) or not isinstance(nodes[j], LatexMacroNode):
            return i
        target, arity = nodes[j], 0
        if body := [a for a in _args(target) if a is not None]:  # \def\email{...}: parsed
            self._register(target.macroname, 0, None, body[-1], nodes[i].pos)
            return j
        if j + 1 < len(nodes) and isinstance(nodes[j + 1], LatexCharsNode):
            if not _PARAMETERS.fullmatch(nodes[j + 1].chars):
                return j  # delimited parameters: not a macro we can expand
            arity, j = nodes[j + 1].chars.count("#"), j + 1
        if j + 1 < len(nodes) and isinstance(nodes[j + 1], LatexGroupNode):
            self._register(target.macroname, arity, None, nodes[j + 1].nodelist, nodes[i].pos)
            return j + 1
        return j

    def _register(self, name, arity, default, body, pos):
        if name == "name" and not arity:  # \def\name{Jane Doe}, as some templates set it
            self._add_meta("author", self._plain(body), pos)
        if name not in PROTECTED:
            self.macros[name] = (arity, default, body)

    def _int(self, nodes):
        digits = "".join(n.chars for n in nodes or () if isinstance(n, LatexCharsNode)).strip()
        return min(int(digits), 9) if digits.isdigit() else 0

    def _meta(self, nodes, i):
        node, j = nodes[i], i
        name, key = node.macroname, META[node.macroname]
        args = [a for a in _args(node) if a is not None]
        if not args:  # \name{Jane}{Doe}, \address{street}{city}{country}, \github{jdoe}
            most = {"name": 2, "address": 3}.get(name, 1)
            groups, j = self._take_groups(nodes, i + 1, most)
            args = [group.nodelist for group in groups]
        if not args:
            return j
        if name in ("firstname", "familyname", "lastname"):
            self.name_parts["familyname" if name == "lastname" else name] = args[-1]
            return j
        if name == "social" and len(args) > 1:
            key = self._plain(args[0]) or key
        if name == "name":
            self.author = self.author or args
            value = " ".join(self._plain(arg) for arg in args)
        elif name == "address":
            value = ", ".join(filter(None, map(self._plain, args)))
        else:
            value = self._plain(args[-1], first_line=name == "author")
        if name == "author":
            self.author = self.author or [args[-1]]
        elif name == "title":
            self.title = self.title or args[-1]
        if value:
            self._add_meta(key, value, node.pos)
        return j

    def _add_meta(self, key, value, pos):
        self.meta.append(Meta(key, " ".join(value.split()), self._line(pos)))

    def _plain(self, nodes, first_line=False):
        """The words of some nodes, without looks: [\textbf{Jane} Doe] -> 'Jane Doe'."""
        saved = self.blocks, self.draft, self.pending, self.ctx, self.fresh, self.lists
        self.blocks, self.draft, self.pending, self.ctx, self.lists = [], None, [], ["body"], []
        self.tables, saved_tables = [], self.tables
        self._walk(nodes, Look())
        self._flush()
        blocks = [block for _, block in self.blocks if block.kind is not Kind.LAYOUT]
        texts = [block.text for block in blocks]
        if first_line and blocks and blocks[0].lines:  # \author{Jane Doe \\ MIT}: the name
            texts = ["".join(span.text for span in blocks[0].lines[0])]
        self.blocks, self.draft, self.pending, self.ctx, self.fresh, self.lists = saved
        self.tables = saved_tables
        return " ".join(" ".join(texts).split())

    # Blocks

    def _line(self, pos):
        return bisect.bisect_right(self.starts, pos if self.at is None else self.at)

    def _depth(self):
        return self.base_depth + max(len(self.lists) - 1, 0)

    def _open(self, kind, pos, *, line=None, ends=False, **fields):
        self._flush()
        line = self._line(pos) if line is None else line
        self.draft = _Draft(kind, line, pos if self.at is None else self.at, ends, **fields)

    def _open_default(self, pos):
        if self.ctx[-1] == "table":
            self._open(Kind.ROW, pos)
        elif self.ctx[-1] == "refs":
            self._open(Kind.ITEM, pos, ends=True, depth=self._depth())
        else:
            self._open(Kind.PARAGRAPH, pos, ends=True)

    def _flush(self):
        draft, self.draft = self.draft, None
        if draft is not None and (block := draft.build()) is not None:
            self.blocks.append((draft.order, block))
            if block.kind is Kind.ROW and self.tables:
                self.tables[-1].pending.append(len(self.blocks) - 1)
        if self.pending:
            lines = tuple((Span(text, line),) for text, _, line in self.pending)
            self.blocks.append((self.pending[0][1], Block(Kind.LAYOUT, lines[0][0].line, lines)))
            self.pending = []

    def _put(self, text, pos, look, line=None):
        if self.draft is None:
            if not text.strip():
                return
            self._open_default(pos)
        self.draft.put(text, self._line(pos) if line is None else line, look)
        if text.strip():
            self.fresh = False

    def _blank_line(self):
        if self.draft is not None:
            if self.draft.ends_at_blank_line:
                self._flush()
            else:
                self.draft.newline(soft=False)

    def _merge(self, regions):
        """The walk's blocks, with LAYOUT for the regions and for every line none covers."""
        extra = [pair for region in regions if (pair := self._region(*region))]
        covered = {n for _, block in self.blocks + extra for n in block.source_lines}
        lines, run = self.text.split("\n"), []
        for number, line in enumerate([*lines, ""], 1):
            if line.strip() and number not in covered:
                run.append(number)
            elif run:
                spans = tuple((Span(lines[n - 1].strip(), n),) for n in run)
                extra.append((self.starts[run[0] - 1], Block(Kind.LAYOUT, run[0], spans)))
                run = []
        extra.sort(key=lambda pair: pair[0])
        out, j = [], 0
        for order, block in self.blocks:
            while j < len(extra) and extra[j][0] < order:
                out.append(extra[j][1])
                j += 1
            out.append(block)
        return tuple(out + [block for _, block in extra[j:]])

    def _region(self, start, end, kind):
        first = self._line(start)
        chunk = self.text[start:end]
        if kind in ("verbatim", "lstlisting"):  # its lines as code, without the markers
            body = chunk.split("\n")
            lines = [
                (Span(text.rstrip(), first + k, code=True),)
                for k, text in enumerate(body)
                if text.strip() and 0 < k < len(body) - 1
            ]
            block = Block(Kind.PARAGRAPH, lines[0][0].line, tuple(lines)) if lines else None
        else:
            lines = [(Span(t.strip(), first + k),) for k, t in enumerate(chunk.split("\n"))]
            lines = [line for line in lines if line[0].text]
            block = Block(Kind.LAYOUT, first, tuple(lines)) if lines else None
        return (start, block) if block else None

    # The walk

    def _walk(self, nodes, look):
        """Read nodes in order; returns the look the last declaration left."""
        i = 0
        while i < len(nodes):
            node = nodes[i]
            if isinstance(node, LatexCharsNode):
                self._text(node, look)
            elif isinstance(node, LatexCommentNode):
                self._comment(node)
            elif isinstance(node, LatexMacroNode):
                i, look = self._macro(nodes, i, look)
            else:
                self.fresh = False
                if isinstance(node, LatexGroupNode):
                    self._walk(node.nodelist, look)
                elif isinstance(node, LatexEnvironmentNode):
                    self._environment(node, look)
                elif isinstance(node, LatexMathNode):
                    math = _to_text(node).translate(_MATH_TEXT)
                    self._put(_squeeze(math), node.pos, look)
                elif isinstance(node, LatexSpecialsNode):
                    self._specials(node, look)
            i += 1
        return look

    def _text(self, node, look):
        chars, pos = node.chars, node.pos
        if self.skip is not None and self.skip[0] is node:
            chars, pos = chars[self.skip[1] :], pos + self.skip[1]
        self.skip = None
        if self.frames and "#" in chars:  # a macro's body: #1 is its first argument
            last = 0
            for match in _PARAMETER.finditer(chars):
                self._chars(chars[last : match.start()], pos + last, look)
                self._parameter(int(match.group(1)), look)
                last = match.end()
            chars, pos = chars[last:], pos + last
        self._chars(chars, pos, look)

    def _chars(self, text, pos, look):
        """Text with TeX's spacing: a newline wraps the line, an empty line ends a paragraph."""
        line, offset = self._line(pos), 0
        expanding = self.at is not None
        for k, part in enumerate(text.split("\n")):
            if k:
                if self.fresh:
                    self._blank_line()
                elif expanding:
                    self._put(" ", pos + offset, look, line)
                elif self.draft is not None:
                    self.draft.newline(soft=True)
                self.fresh = True
                line += not expanding
            if part and (part.strip() or not self.fresh):
                self._put(_squeeze(part), pos + offset, look, line)
            offset += len(part) + 1

    def _parameter(self, number, look):
        args, caller_at = self.frames[-1]
        if number <= len(args) and args[number - 1] is not None:
            frame, at = self.frames.pop(), self.at
            self.at = caller_at
            self._walk(args[number - 1], look)
            self.at = at
            self.frames.append(frame)

    def _comment(self, node):
        if self.at is None:  # a comment in a macro's definition is the preamble's
            self.pending.append((f"%{node.comment}", node.pos, self._line(node.pos)))
        newlines = node.comment_post_space.count("\n")
        if newlines > 1:
            self._blank_line()
        self.fresh = self.fresh or newlines > 0

    def _specials(self, node, look):
        chars = node.specials_chars
        if chars == "&" and self.ctx[-1] == "table":
            if self.draft is None or self.draft.kind is not Kind.ROW:
                self._open(Kind.ROW, node.pos)
            self.draft.next_cell()
        else:
            self._put(" " if chars == "~" else _to_text(node), node.pos, look)

    def _macro(self, nodes, i, look):
        """One macro, and the sibling nodes it takes as arguments: (last index read, look)."""
        node = nodes[i]
        name = node.macroname
        self.fresh = False
        if name in self.macros:
            i, look = self._expand(nodes, i, look)
        elif name in HEADINGS:
            self._heading(node, look)
        elif name in LOOK_DECLARATIONS:
            look = look._replace(**LOOK_DECLARATIONS[name])
        elif name in LOOK_ARGS:
            self._walk_last(node, look._replace(**LOOK_ARGS[name]))
        elif name in LINE_BREAKS:
            if self.ctx[-1] == "table" and name in ("\\", "tabularnewline"):
                self._flush()  # the end of a row
            elif self.draft is not None:
                self.draft.newline(soft=False)
        elif name in PARAGRAPH_BREAKS:
            self._blank_line()
        elif name in ("item", "bibitem"):
            self._item(node, look)
        elif name in ENTRIES or name in ITEM_ENTRIES:
            i = self._entry(nodes, i, look)
        elif name in ("href", "url"):
            self._link(node, look)
        elif name in KEEP_LAST:
            self._walk_last(node, look)
        elif name in META:
            i = self._meta(nodes, i)
        elif name in TITLE_MAKERS:
            self._make_title(node.pos)
        elif name in DEFINITIONS or name in ENV_DEFINITIONS:
            self._define(node)
        elif name in ("def", "gdef", "edef", "xdef"):
            i = self._def(nodes, i)
        elif name in DROP:
            self._dropped(node)
        else:
            i = self._other(nodes, i, look)
        newlines = node.macro_post_space.count("\n")
        if newlines > 1:
            self._blank_line()
        self.fresh = self.fresh or newlines > 0
        return i, look

    def _walk_last(self, node, look):
        if args := [arg for arg in _args(node) if arg is not None]:
            self._walk(args[-1], look)

    def _other(self, nodes, i, look):
        r"""Accents and symbols as their characters; other macros as their arguments' text."""
        node = nodes[i]
        name, args = node.macroname, _args(node)
        if not name.isalpha() or len(name) == 1:  # \'e, \&, \c{c}, \o
            text = _to_text(node)
            self._put(" " if text.isspace() else text, node.pos, look)
        elif name in SYMBOL_TEXT and not any(args):
            self._put(SYMBOL_TEXT[name], node.pos, look)
        elif any(args):
            for arg in args:
                if arg:
                    self._walk(arg, look)
        elif name == "vadjust" and [_kind(n) for n in nodes[i + 1 : i + 3]] == ["pre", "group"]:
            return i + 2  # pandoc's \vadjust pre{\hypertarget{ref-key}{}}
        elif (match := _assignment(nodes[i + 1 : i + 2])) is not None:
            self.skip = (nodes[i + 1], match)  # \parindent=15pt: not text
        return i

    def _dropped(self, node):
        name = node.macroname
        if name in ("input", "include", "subfile") and (args := _args(node)) and args[-1]:
            self.warnings.append(f"\\{name}{{{self._raw(args[-1])}}} not read")
        elif self.tables and self.ctx[-1] == "table":
            table = self.tables[-1]
            if name == "toprule":
                table.toprule, table.pending = True, []
            elif name == "midrule" and table.toprule and not table.header_done:
                table.header_done = True
                self._mark_rows(table, header=True)
            elif name == "endfirsthead":
                table.firsthead = True
                self._mark_rows(table, header=True)
            elif name == "endhead":
                self._mark_rows(table, header=not table.firsthead)
            elif name in ("endfoot", "endlastfoot"):
                self._mark_rows(table, header=False)

    def _mark_rows(self, table, header):
        """A longtable's or booktabs' header rows; repeated heads and feet become LAYOUT."""
        self._flush()
        for index in table.pending:
            order, row = self.blocks[index]
            if header:
                row = dataclasses.replace(row, header=True)
            else:
                lines = tuple(line for cell in row.cells for line in cell)
                row = Block(Kind.LAYOUT, row.line, lines)
            self.blocks[index] = (order, row)
        table.pending = []

    def _raw(self, nodes):
        r"""The source of nodes, as a URL: {http://a.org/\#x} -> 'http://a.org/#x'."""
        text = "".join(node.latex_verbatim() for node in nodes)
        if self.frames and "#" in text:
            args = self.frames[-1][0]

            def argument(match):
                number = int(match.group(1))
                arg = args[number - 1] if number <= len(args) else None
                return "".join(node.latex_verbatim() for node in arg or ())

            text = _PARAMETER.sub(argument, text)
        return re.sub(r"\\([_#%&$~])", r"\1", text).strip()

    def _link(self, node, look):
        args = [arg for arg in _args(node) if arg is not None]
        if node.macroname == "url" and args:
            url = self._raw(args[-1])
            self._put(url, node.pos, look._replace(url=url))
        elif len(args) >= 2:
            self._walk(args[-1], look._replace(url=self._raw(args[-2])))

    def _expand(self, nodes, i, look):
        r"""A macro the document defined: its body, #1.. its arguments, read in its place."""
        node, j = nodes[i], i
        arity, default, body = self.macros[node.macroname]
        args = [arg for arg in _args(node) if arg is not None]
        if arity and not args:
            if default is not None:
                option, j = self._option(nodes, j)
                args.append(default if option is None else option)
            groups, last = self._take_groups(nodes, j + 1, arity - len(args))
            args += [group.nodelist for group in groups]
            j = max(j, last)
        if self.expansions >= MAX_EXPANSIONS or len(self.frames) >= MAX_NESTING:
            for arg in args:
                self._walk(arg, look)  # too deep to expand: keep the arguments' words
            return j, look
        self.expansions += 1
        self.frames.append((args, self.at))
        self.at = node.pos if self.at is None else self.at
        look = self._walk(body, look)
        self.at = self.frames.pop()[1]
        return j, look

    def _option(self, nodes, j):
        """An optional [argument] in the chars node after nodes[j]: (its nodes, index)."""
        if j + 1 < len(nodes) and isinstance(nodes[j + 1], LatexCharsNode):
            chars = nodes[j + 1].chars
            close = chars.find("]")
            if chars.startswith("[") and close > 0:
                inner = LatexCharsNode(
                    chars=chars[1:close],
                    pos=nodes[j + 1].pos + 1,
                    len=close - 1,
                    parsing_state=nodes[j + 1].parsing_state,
                )
                if chars[close + 1 :].strip():
                    self.skip = (nodes[j + 1], close + 1)
                    return [inner], j
                return [inner], j + 1
        return None, j

    def _take_groups(self, nodes, j, most):
        r"""Up to `most` {groups} from nodes[j] on, with spaces between: (groups, last index)."""
        groups, last, comments = [], j - 1, []
        for k in range(j, len(nodes)):
            node = nodes[k]
            if len(groups) == most:
                break
            if isinstance(node, LatexGroupNode):
                groups.append(node)
                last = k
                self.pending += comments
                comments = []
            elif isinstance(node, LatexCommentNode):
                comments.append((f"%{node.comment}", node.pos, self._line(node.pos)))
            elif (
                not isinstance(node, LatexCharsNode)
                or node.chars.strip()
                or node.chars.count("\n") > 1
            ):
                break
        return groups, last

    # Structure

    def _heading(self, node, look):
        args = _args(node)
        if not args or args[-1] is None:
            return
        name = node.macroname
        shift = self.has_chapter and name != "chapter" and not name.startswith("cv")
        self._open(Kind.HEADING, node.pos, level=min(HEADINGS[name] + shift, 6))
        self.ctx.append("heading")
        self._walk(args[-1], look)
        self.ctx.pop()
        self._flush()

    def _make_title(self, pos):
        r"""\maketitle, \makecvheader: the author's name as the first heading, then a title."""
        if self.titled or not (self.author or self.title):
            return
        self.titled = True
        title = [self.title] if self.title else []
        for parts, kind in ((self.author, Kind.HEADING), (title, None)):
            first = next((n for nodes in parts or () for n in nodes), None)
            if first is None:
                continue
            if kind is None:
                kind = Kind.PARAGRAPH if self.author else Kind.HEADING
            fields = {"level": 1} if kind is Kind.HEADING else {}
            self._open(kind, pos, line=self._line(first.pos), **fields)
            self.ctx.append("heading")
            for k, nodes in enumerate(parts):
                if k:
                    self._put(" ", first.pos, Look())
                self._walk(nodes, Look())
            self.ctx.pop()
            self._flush()

    def _item(self, node, look):
        args = _args(node)
        label = args[0] if args else None
        current = self.lists[-1] if self.lists else None
        number = None
        if current and current.name in ENUMERATIONS and node.macroname == "item":
            if label is None:
                current.count += 1
                number = _numeral(current.count, current.level)
            else:
                number = self._plain(label) or None
        ends = self.ctx[-1] == "refs"
        self._open(Kind.ITEM, node.pos, ends=ends, depth=self._depth(), number=number)
        if label:
            bold = current is not None and current.name == "description"
            self._walk(label, look._replace(bold=True) if bold else look)
            self._put(" ", node.pos, look)

    def _environment(self, node, look):
        name = node.environmentname
        if name in LISTS or name in REFERENCES:
            self._flush()
            level = sum(lst.name in ENUMERATIONS for lst in self.lists) + 1
            self.lists.append(_List(name, level))
            self.ctx.append("refs" if name in REFERENCES else "list")
            self._walk(self._env_body(node), look)
            self._flush()
            self.ctx.pop()
            self.lists.pop()
        elif name in TABLES:
            self._flush()
            self.ctx.append("table")
            self.tables.append(_Table([]))
            self._walk(self._env_body(node), look)
            self._flush()
            self.tables.pop()
            self.ctx.pop()
        else:  # center, minipage, cventries, ...: their content, as paragraphs of its own
            inline = self.ctx[-1] in ("table", "entry", "heading")
            if not inline:
                self._flush()
            self._walk(self._env_body(node), look)
            if not inline:
                self._flush()

    def _env_body(self, node):
        """An environment's nodes after the arguments its \newenvironment gave it."""
        body, name = node.nodelist, node.environmentname
        wanted = 1 if name in ("tabu", "longtabu") else self.env_arity.get(name, 0)
        if not wanted or (node.nodeargd and node.nodeargd.argnlist):
            return body
        groups, last = self._take_groups(body, 0, wanted)
        if name in ("tabu", "longtabu"):  # \begin{tabu} to \linewidth {X[l]X}
            last = next((k for k, n in enumerate(body) if isinstance(n, LatexGroupNode)), -1)
        return body[last + 1 :]

    def _entry(self, nodes, i, look):
        r"""\cventry{2019}{PhD}{MIT}... -> one ROW, an argument a cell; lists inside follow."""
        node, j = nodes[i], i
        name = node.macroname
        if j + 1 < len(nodes) and isinstance(nodes[j + 1], LatexCharsNode):
            chars = nodes[j + 1].chars.strip()
            if chars.startswith("[") and chars.endswith("]"):  # moderncv's \cventry[2pt]
                j += 1
        groups, last = self._take_groups(nodes, j + 1, ENTRIES.get(name) or ITEM_ENTRIES[name])
        if not groups:
            return i
        args = [group.nodelist for group in groups]
        self._flush()
        if name in ITEM_ENTRIES:
            for arg in args:
                self._open(Kind.ITEM, node.pos, depth=self._depth())
                self._walk(arg, look)
                self._flush()
            return last
        self._open(Kind.ROW, node.pos)
        self.ctx.append("entry")
        later = []
        for k, arg in enumerate(args):
            if self.draft is None or self.draft.kind is not Kind.ROW:
                self._open(Kind.ROW, node.pos)
            if k:
                self.draft.next_cell()
            if _has_blocks(arg):
                later.append(arg)
            else:
                self._walk(arg, look)
        self.ctx.pop()
        self._flush()
        self.base_depth += 1
        for arg in later:
            self.ctx.append("body")
            self._walk(arg, look)
            self._flush()
            self.ctx.pop()
        self.base_depth -= 1
        return last


_BLOCK_ENVIRONMENTS = LISTS | REFERENCES | TABLES
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _has_blocks(nodes):
    """Whether an entry's argument holds lists, tables or paragraphs, not a cell's text."""
    for node in nodes:
        if isinstance(node, LatexEnvironmentNode) and node.environmentname in _BLOCK_ENVIRONMENTS:
            return True
        if isinstance(node, LatexMacroNode) and node.macroname in ("item", "par"):
            return True
        if isinstance(node, LatexCharsNode) and _BLANK_LINE.search(node.chars):
            return True
        if isinstance(node, LatexGroupNode) and _has_blocks(node.nodelist):
            return True
    return False
