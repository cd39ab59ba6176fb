/* The incident index: filter rows by severity, service, year and status, and sort by column.
 *
 * Rows carry their values in data-* attributes rendered (escaped) by the site; this script only
 * reads them and toggles `hidden`, so nothing from a postmortem is ever parsed as HTML here.
 * Filters are mirrored in the query string (?severity=SEV1&service=checkout) so a filtered view
 * can be linked. Works with and without Material's instant navigation.
 */
(function () {
  "use strict";

  function rowMatches(row, filters) {
    for (var name in filters) {
      var wanted = filters[name];
      if (!wanted) continue;
      if (name === "service") {
        var services;
        try { services = JSON.parse(row.dataset.services || "[]"); } catch (error) { services = []; }
        if (services.indexOf(wanted) < 0) return false;
      } else if ((row.dataset[name] || "") !== wanted) {
        return false;
      }
    }
    return true;
  }

  function sortKey(row, column) {
    var cell = row.cells[column];
    return cell ? (cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim()) : "";
  }

  function compare(a, b) {
    var x = Number(a), y = Number(b);
    if (a !== "" && b !== "" && !isNaN(x) && !isNaN(y)) return x - y;
    if (a === b) return 0;
    if (a === "") return 1;  // unknown values last, whatever the direction
    if (b === "") return -1;
    return a < b ? -1 : 1;
  }

  function setUpTable(table) {
    var body = table.tBodies[0];
    var headers = table.tHead ? Array.prototype.slice.call(table.tHead.rows[0].cells) : [];
    headers.forEach(function (header, column) {
      var button = header.querySelector("button");
      if (!button) return;
      button.addEventListener("click", function () {
        var current = header.getAttribute("aria-sort");
        var direction = current === "ascending" ? "descending" : "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", direction);
        var sign = direction === "ascending" ? 1 : -1;
        var rows = Array.prototype.slice.call(body.rows);
        var keyed = rows.map(function (row, index) { return [sortKey(row, column), index, row]; });
        keyed.sort(function (a, b) {
          var order = compare(a[0], b[0]);
          if (a[0] === "" || b[0] === "") return order || a[1] - b[1];
          return sign * order || a[1] - b[1];
        });
        var fragment = document.createDocumentFragment();
        keyed.forEach(function (item) { fragment.appendChild(item[2]); });
        body.appendChild(fragment);
      });
    });
  }

  function setUpFilters(form, table) {
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-pm-filter]"));
    var count = form.querySelector("[data-pm-count]");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);

    function apply(updateUrl) {
      var filters = {};
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        filters[select.dataset.pmFilter] = select.value;
        if (select.value) params.set(select.name, select.value); else params.delete(select.name);
      });
      var shown = 0;
      rows.forEach(function (row) {
        var match = rowMatches(row, filters);
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (count) count.textContent = shown === rows.length ? rows.length + " incidents" : shown + " of " + rows.length + " incidents";
      if (updateUrl && window.history && window.history.replaceState) {
        var query = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    var initial = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = initial.get(select.name);
      if (wanted !== null) {
        var known = Array.prototype.some.call(select.options, function (option) { return option.value === wanted; });
        if (known) select.value = wanted;
      }
      select.addEventListener("change", function () { apply(true); });
    });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  // Accessibility the theme leaves out: the search dialog has no name, and a code block that
  // scrolls sideways cannot be reached with the keyboard unless it takes focus.
  function label() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-search[role='dialog']:not([aria-label])"), function (dialog) {
      dialog.setAttribute("aria-label", "Search");
    });
    Array.prototype.forEach.call(document.querySelectorAll("pre > code:not([tabindex])"), function (code) {
      if (code.scrollWidth > code.clientWidth) code.setAttribute("tabindex", "0");
    });
  }

  function init() {
    label();
    Array.prototype.forEach.call(document.querySelectorAll("table[data-pm-table]"), function (table) {
      if (table.dataset.pmReady) return;
      table.dataset.pmReady = "1";
      setUpTable(table);
    });
    var form = document.querySelector("form[data-pm-filters]");
    var table = document.querySelector("table[data-pm-table]");
    if (form && table && !form.dataset.pmReady) {
      form.dataset.pmReady = "1";
      setUpFilters(form, table);
    }
  }

  // A printed page cannot be clicked open: print every collapsed block, and close again after.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (details) {
      details.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
