(function () {
  "use strict";
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function value(cell) { var v = cell.getAttribute("data-v"); return v === null ? cell.textContent : v; }
  var lang = document.documentElement.lang;
  each(document.querySelectorAll("table.sortable"), function (table) {
    var heads = table.tHead.rows[0].cells;
    each(heads, function (th, i) {
      th.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var numeric = th.getAttribute("data-kind") === "num";
        each(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = value(a.cells[i]), y = value(b.cells[i]), c;
          if (numeric) {
            c = (x === "" ? -Infinity : parseFloat(x)) - (y === "" ? -Infinity : parseFloat(y));
            if (isNaN(c)) { c = 0; }
          } else {
            c = x.localeCompare(y, lang);
          }
          return ascending ? c : -c;
        });
        each(rows, function (r) { body.appendChild(r); });
      });
    });
  });
  each(document.querySelectorAll("[data-filter]"), function (box) {
    var table = document.getElementById(box.getAttribute("data-filter"));
    var search = box.querySelector("input[type=search]");
    var only = box.querySelector("input[type=checkbox]");
    var count = box.querySelector(".count");
    function apply() {
      var q = search.value.trim().toLowerCase(), shown = 0;
      each(table.tBodies[0].rows, function (r) {
        var show = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) &&
                   (!only || !only.checked || r.classList.contains("short"));
        r.hidden = !show;
        if (show) { shown += 1; }
      });
      count.textContent = String(shown);
    }
    search.addEventListener("input", apply);
    if (only) { only.addEventListener("change", apply); }
  });
})();
