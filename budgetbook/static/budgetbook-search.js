/* The search page's summaries (added to search.html only, by budgetbook.sphinx_ext).

   Sphinx's search page fetches each result's page to cut a summary from it: a browser
   refuses that to a page opened from file://, so the results showed titles only; and
   over HTTP it cut the page's textContent, which runs table cells and list items into one
   another. The build writes every page's text, block by block, into
   _static/budgetbook-search-text.js (budgetbook/search_text.py). This script answers the
   search page's request for a page from that text, so nothing is fetched, and shows under
   the result the sentence that holds the searched word. */
(function () {
  "use strict";
  var MARK = "budgetbook-search-text:";
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]/g;
  var MAX = 240;  // characters of a summary, as Sphinx's own
  var byUrl = null;

  function texts() { return window.BUDGETBOOK_SEARCH_TEXT || {}; }

  // The page a request asks for, or null: the URLs the search page builds for its results.
  function docnameOf(resource) {
    if (typeof resource !== "string" && !(resource instanceof URL)) return null;
    if (byUrl === null) {
      byUrl = {};
      var options = window.DOCUMENTATION_OPTIONS || {};
      var root = document.documentElement.dataset.content_root || "";
      Object.keys(texts()).forEach(function (docname) {
        var url = root + docname + (options.FILE_SUFFIX || ".html");
        byUrl[new URL(url, document.baseURI).href] = docname;
      });
    }
    var href = new URL(String(resource), document.baseURI).href;
    return Object.prototype.hasOwnProperty.call(byUrl, href) ? byUrl[href] : null;
  }

  // How long a piece reads: its words, a Chinese character counting half of one.
  function weight(piece) {
    var han = (piece.match(HAN) || []).length;
    var words = (piece.replace(HAN, " ").match(/[A-Za-z0-9]+/g) || []).length;
    return words + han / 2;
  }

  function isProse(piece) { return piece.indexOf("\t") < 0 && weight(piece) >= 8; }

  // A sentence ends at . ! ? followed by a space and a capital, or at 。！？; a period
  // after an initial or a list letter ("A. Parliamentary documentation") or after an
  // abbreviation ("e.g. The") ends none.
  var NOT_AN_END = /(?:^|[\s(])(?:[A-Z]|e\.g|i\.e|No|Nos|Sect|para|paras|Mr|Ms|Dr|St|vs|cf|Vol|Rev|Add|Corr|Fig)$/;
  var END = /[.!?]["'\u201d\u2019)\]]*\s+(?=["'\u201c\u2018(\[]?[A-Z])|[\u3002\uff01\uff1f]["'\u201d\u2019\uff09\u300d\u300f]*/g;

  // The sentence around position `at` of the line text[from, to): [start, end).
  function sentence(text, from, to, at) {
    var start = from, end = to, match;
    END.lastIndex = from;
    while ((match = END.exec(text)) !== null && match.index < to) {
      if (match[0].charAt(0) === "." &&
          NOT_AN_END.test(text.slice(Math.max(from, match.index - 6), match.index))) continue;
      var close = match.index + match[0].replace(/\s+$/, "").length;
      if (close <= at) start = match.index + match[0].length;
      else { end = Math.min(close, to); break; }
    }
    return [start, end];
  }

  // The line of text[from, to) that holds position `at`: a block of the page (a paragraph,
  // a list item, a table row, its cells apart by tabs).
  function lineAround(text, from, to, at) {
    var start = text.lastIndexOf("\n", at - 1) + 1;
    var end = text.indexOf("\n", at);
    return [Math.max(start, from), end < 0 || end > to ? to : end];
  }

  // The form of each searched word the text holds, and where it stands in text[from, to):
  // Sphinx gives the words stemmed ("corrupt" for "corruption"); a stem the text does not
  // hold ("budgetari") is tried one and two letters shorter.
  function occurrences(lower, from, to, keywords) {
    var stems = [], hits = [];
    keywords.forEach(function (word) {
      for (var cut = 0; cut === 0 || (cut <= 2 && word.length - cut >= 3); cut++) {
        var stem = word.slice(0, word.length - cut), at = lower.indexOf(stem, from), n = 0;
        while (at >= 0 && at < to && n++ < 100) {
          hits.push(at);
          at = lower.indexOf(stem, at + stem.length);
        }
        if (n) { stems.push(stem); break; }
      }
    });
    return {stems: stems, hits: hits};
  }

  // The best sentence of text[from, to) for the words: the one that holds most of them,
  // prose before a table row or a title, the first of equals; without any, the first
  // sentence of prose.
  function best(text, from, to, keywords) {
    var lower = text.toLowerCase(), choice = null;
    var found = occurrences(lower, from, to, keywords);
    found.hits.forEach(function (at) {
      var line = lineAround(text, from, to, at);
      var bounds = sentence(text, line[0], line[1], at);
      var piece = lower.slice(bounds[0], bounds[1]);
      var held = found.stems.filter(function (stem) { return piece.indexOf(stem) >= 0; });
      var score = held.length * 10 + (isProse(text.slice(line[0], line[1])) ? 5 : 0);
      if (choice === null || score > choice.score ||
          (score === choice.score && at < choice.at)) {
        choice = {score: score, at: at, bounds: bounds};
      }
    });
    if (choice !== null) return choice;
    var first = null;
    for (var start = from; start < to;) {
      var line = lineAround(text, from, to, start);
      var piece = text.slice(line[0], line[1]);
      if (first === null && piece.trim()) first = line;
      if (isProse(piece)) { first = line; break; }
      start = line[1] + 1;
    }
    if (first === null) return {at: from, bounds: [from, from]};
    return {at: first[0], bounds: sentence(text, first[0], first[1], first[0])};
  }

  // At most MAX characters of the sentence, around the word, cut between words (… marks a
  // cut); a table row's cells set apart by a bar.
  function trim(text, bounds, at) {
    var start = bounds[0], end = bounds[1];
    if (end - start > MAX) {
      start = Math.max(start, Math.min(at - 80, end - MAX));
      end = Math.min(end, start + MAX);
      if (start > bounds[0]) {
        var space = text.indexOf(" ", start);
        if (space >= 0 && space < at) start = space + 1;
      }
      if (end < bounds[1]) {
        var last = text.lastIndexOf(" ", end);
        if (last > at) end = last;
      }
    }
    var piece = text.slice(start, end).replace(/\t/g, " | ").replace(/\s+/g, " ").trim();
    return (start > bounds[0] ? "\u2026" : "") + piece + (end < bounds[1] ? "\u2026" : "");
  }

  // The summary of one result: as Sphinx's, a <p class="context">.
  function summary(entry, keywords, anchor) {
    var text = entry.t || "", from = 0, to = text.length;
    // a result that points into a section (its title matched): that section's text
    var section = anchor && entry.s && entry.s[anchor.slice(1)];
    if (section) { from = section[0]; to = section[1]; }
    var words = Array.from(keywords || []).map(function (w) { return String(w).toLowerCase(); })
      .filter(function (w) { return w.length > 0; });
    var choice = best(text, from, to, words);
    var p = document.createElement("p");
    p.classList.add("context");
    p.textContent = trim(text, choice.bounds, choice.at);
    return p;
  }

  // Sphinx's summary, for a page it asks this script for; its own for any other.
  function install() {
    if (typeof Search === "undefined" || Search.budgetbookSummaries) return;
    var original = Search.makeSearchSummary;
    Search.makeSearchSummary = function (htmlText, keywords, anchor) {
      if (typeof htmlText === "string" && htmlText.indexOf(MARK) === 0) {
        var entry = texts()[htmlText.slice(MARK.length)];
        if (entry) return summary(entry, keywords, anchor);
      }
      return original.apply(this, arguments);
    };
    Search.budgetbookSummaries = true;
  }

  // The search page asks for each result's page with fetch(): answer from the text, so
  // that nothing is fetched (from file:// the browser would refuse it).
  var fetchPage = window.fetch;
  window.fetch = function (resource) {
    var docname = docnameOf(resource);
    if (docname === null) return fetchPage.apply(this, arguments);
    install();
    return Promise.resolve(new Response(MARK + docname,
                                        {headers: {"Content-Type": "text/plain"}}));
  };
  document.addEventListener("DOMContentLoaded", install);
})();
