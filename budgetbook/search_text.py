"""The search page's summaries: each page's text, as a reader reads it, shipped with the site.

Sphinx's search page shows, under each result, a piece of the page around the searched
word. It fetches the result's page to cut it, which a browser refuses to a page opened from
``file://`` (so the results show titles only), and it cuts the page's ``textContent``,
which runs the words of two table cells or two list items together. The build therefore
writes, for every page, its main content as plain text, with a line break between blocks
(paragraphs, list items, table rows) and a tab between table cells, and leaves out what a
reader does not read as text (code cells' source, headings' link marks, the CSV download
links, headings themselves: the result names its page, and a heading's words stay in the
search index). The texts go into one script in the site
(``_static/budgetbook-search-text.js``), which only the search page loads; the book's
``budgetbook-search.js`` answers the search page's requests for a page from it and cuts
the sentence that holds the word (see there).

A page's entry is ``{"t": text, "s": {section id: [start, end]}}``: the offsets of each
section in the text, for a result that points into a section.
"""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

SCRIPT = "budgetbook-search-text.js"
GLOBAL = "BUDGETBOOK_SEARCH_TEXT"
_PREFIX = f"/* The text of every page, for the search page's summaries (written by the " \
          f"build: budgetbook/search_text.py). */\nwindow.{GLOBAL} = "
_SUFFIX = ";\n"

# Elements that start a new line of the text; table cells are set apart by a tab.
BLOCKS = {"address", "article", "aside", "blockquote", "br", "caption", "dd", "details",
          "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
          "h6", "header", "hr", "img", "li", "main", "nav", "ol", "p", "pre", "section",
          "summary", "table", "tbody", "tfoot", "thead", "tr", "ul"}
CELLS = {"td", "th"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
# Not read as text: scripts and styles, drawings, buttons, and the headings (the result's
# own title says where it is).
SKIP_TAGS = {"button", "h1", "h2", "h3", "h4", "h5", "h6", "math", "noscript", "script",
             "style", "svg", "template"}
# Sphinx's heading link marks, a notebook cell's source and the labels of its fold, the
# book's CSV download links and its link to the other edition.
SKIP_CLASSES = {"headerlink", "cell_input", "collapsed", "expanded", "budgetbook-download",
                "budgetbook-edition-switch"}


_RANK = {"": 0, " ": 1, "\t": 2, "\n": 3}


class _Text(HTMLParser):
    """The text of an HTML fragment, block by block (see the module's docstring); with
    ``root_class``, only of the first element that has that class."""

    def __init__(self, root_class: str | None = None):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.pending = ""  # the separator owed before the next text: "", " ", "\t", "\n"
        self.stack: list[tuple[str, bool, str | None]] = []  # open elements under the root
        self.skipping = 0  # how many open elements are left out
        self.in_pre = 0
        self.sections: dict[str, list[int]] = {}
        self.root_class = root_class
        self.state = "inside" if root_class is None else "before"

    def _owe(self, separator: str) -> None:
        # a line break outranks a tab, a tab a space; nothing is owed before the first text
        if self.parts and _RANK[separator] > _RANK[self.pending]:
            self.pending = separator

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if self.state == "before" and self.root_class in classes and tag not in VOID:
            self.state = "inside"
        if self.state != "inside":
            return
        if tag in VOID:
            if tag in BLOCKS and not self.skipping:
                self._owe("\n")
            return
        skip = tag in SKIP_TAGS or bool(classes & SKIP_CLASSES)
        section = attrs.get("id") if tag == "section" else None
        self.stack.append((tag, skip, section))
        if skip:
            self.skipping += 1
        if self.skipping:
            return
        if tag == "pre":
            self.in_pre += 1
        if tag in BLOCKS:
            self._owe("\n")
        elif tag in CELLS:
            self._owe("\t")
        if section:
            self.sections[section] = [self.length + len(self.pending), self.length]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID or self.state != "inside" or tag not in (t for t, *_ in self.stack):
            return  # a stray end tag closes nothing
        while self.stack:  # close what the tag closes, an element left open included
            name, skip, section = self.stack.pop()
            if skip:
                self.skipping -= 1
            elif not self.skipping:
                if name == "pre":
                    self.in_pre -= 1
                if name in BLOCKS:
                    self._owe("\n")
                elif name in CELLS:
                    self._owe("\t")
                if section:
                    self.sections[section][1] = self.length
            if name == tag:
                break
        if self.root_class is not None and not self.stack:
            self.state = "after"  # the root element closed: the rest is the theme's

    def handle_data(self, data):
        if self.state != "inside" or self.skipping:
            return
        if self.in_pre:  # preformatted: each line is a line of the text
            lines = [" ".join(line.split()) for line in data.split("\n")]
            text = "\n".join(line for line in lines if line)
            if not text:
                return
            leading = trailing = False
        else:
            text = " ".join(data.split())
            leading, trailing = data[:1].isspace(), data[-1:].isspace()
            if not text:
                if data:
                    self._owe(" ")
                return
        if leading:
            self._owe(" ")
        if self.pending and self.parts:
            self.parts.append(self.pending)
            self.length += len(self.pending)
        self.pending = ""
        self.parts.append(text)
        self.length += len(text)
        if trailing:
            self._owe(" ")

    def entry(self) -> dict:
        text = "".join(self.parts)
        sections = {key: [min(start, len(text)), end] for key, (start, end)
                    in sorted(self.sections.items()) if end > start}
        return {"t": text, "s": sections} if sections else {"t": text}


def page_text(html: str, root_class: str | None = None) -> dict:
    """A page's entry (see the module's docstring) from the HTML of its main content (the
    body Sphinx renders), or, with ``root_class``, from a whole page: the content of its
    first element of that class (``bd-article``, the theme's article)."""
    parser = _Text(root_class)
    parser.feed(html)
    parser.close()
    return parser.entry()


def script(entries: dict[str, dict]) -> str:
    """The site's script that holds every page's entry (by docname), in a stable order, so
    that the same pages give the same bytes."""
    body = json.dumps(dict(sorted(entries.items())), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    return _PREFIX + body + _SUFFIX


def read_script(path: Path) -> dict[str, dict]:
    """The entries of a script :func:`script` wrote (an earlier build's), or {} when there
    is none or it is not one."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return {}
    if not (text.startswith(_PREFIX) and text.endswith(_SUFFIX)):
        return {}
    try:
        entries = json.loads(text[len(_PREFIX):-len(_SUFFIX)])
    except ValueError:
        return {}
    return entries if isinstance(entries, dict) else {}

