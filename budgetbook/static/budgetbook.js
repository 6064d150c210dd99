/* Sort and filter the book's long tables in the page (added by budgetbook.sphinx_ext).
   Works offline: no library, nothing fetched. A table opts in with data-sortable. */
(function () {
  "use strict";
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
      button.title = "Sort by this column";
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, button); });
    });
    var label = document.createElement("label");
    label.className = "budgetbook-filter";
    label.textContent = "Filter rows: ";
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
  function init() {
    document.querySelectorAll("table.budgetbook-table[data-sortable]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
