/* Sort and filter the book's long tables in the page (added by budgetbook.sphinx_ext).
   Works offline: no library, nothing fetched. A table opts in with data-sortable. */
(function () {
  "use strict";
  // The page's language (Sphinx writes it on <html>): the Chinese edition's words.
  var chinese = (document.documentElement.lang || "").toLowerCase().indexOf("zh") === 0;
  function words(english, zh) { return chinese ? zh : english; }
  function cellValue(row, index) {
    var text = row.cells[index] ? row.cells[index].textContent.trim() : "";
    var n = Number(text.replace(/,/g, ""));
    return text !== "" && !isNaN(n) ? n : text.toLowerCase();
  }
  function compare(a, b) {
    if (typeof a === typeof b) { return a < b ? -1 : a > b ? 1 : 0; }
    return typeof a === "number" ? -1 : 1;  // numbers before text
  }
  function sortBy(table, index, button) {
    var th = button.parentNode;
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th").forEach(function (other) {
      other.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var c = compare(cellValue(a, index), cellValue(b, index));
      return ascending ? c : -c;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function setUp(table, number) {
    table.querySelectorAll("thead th").forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "budgetbook-sort";
      button.textContent = th.textContent;
      button.title = words("Sort by this column", "按此列排序");
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, button); });
    });
    var label = document.createElement("label");
    label.className = "budgetbook-filter";
    label.textContent = words("Filter rows: ", "筛选行：");
    var input = document.createElement("input");
    input.type = "search";
    input.id = "budgetbook-filter-" + number;
    label.htmlFor = input.id;
    label.appendChild(input);
    var wrap = table.closest(".budgetbook-table-wrap") || table;
    wrap.parentNode.insertBefore(label, wrap);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = words !== "" && row.textContent.toLowerCase().indexOf(words) < 0;
      });
    });
  }
  /* WCAG 2.5.3 (label in name): the theme gives some controls an accessible name that
     differs from the words they show ("Toggle hidden content" on "Show code cell source",
     "Search" on "Search Ctrl+K", and the colour-mode icons' own titles inside "Color
     mode"). Let the visible words be the name; keep icons out of it. Run again on load, as
     Font Awesome may swap its icons in after this script first runs. */
  function labelInName() {
    document.querySelectorAll("summary[aria-label], button.search-button-field[aria-label]")
      .forEach(function (el) {
        if (el.textContent.trim()) { el.removeAttribute("aria-label"); }
      });
    document.querySelectorAll(".theme-switch-button i[title]").forEach(function (icon) {
      icon.removeAttribute("title");
      icon.setAttribute("aria-hidden", "true");
    });
    document.querySelectorAll(".theme-switch-button svg").forEach(function (svg) {
      svg.setAttribute("aria-hidden", "true");
      svg.removeAttribute("role");
      svg.removeAttribute("aria-labelledby");
      svg.querySelectorAll("title").forEach(function (t) { t.remove(); });
    });
  }
  function init() {
    document.querySelectorAll("table.budgetbook-table[data-sortable]").forEach(setUp);
    labelInName();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  window.addEventListener("load", labelInName);

  /* Print with every folded section open (and close them again afterwards). The code
     toggles stay closed: the print style hides them. */
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      if (!d.matches("div.cell details.hide.above-input")) {
        d.open = true;
        openedForPrint.push(d);
      }
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
  });
})();
