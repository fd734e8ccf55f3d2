"use strict";
// Sorting and filtering of the table across schools; the heat map follows the table.
// No data here: everything is read from the rows' data-* attributes.
(function () {
  var body = document.querySelector("#schools tbody");
  var heat = document.querySelector("#heat tbody");
  var heatRows = {};
  Array.prototype.forEach.call(heat.rows, function (r) { heatRows[r.dataset.key] = r; });
  var q = document.getElementById("q");
  var outcome = document.getElementById("f-outcome");
  var kind = document.getElementById("f-kind");
  var shown = document.getElementById("shown");
  var sorted = { key: null, dir: 1 };

  function rows() { return Array.prototype.slice.call(body.rows); }

  function filter() {
    var text = q.value.trim().toLowerCase();
    var count = 0;
    rows().forEach(function (r) {
      var ok = (!text || r.dataset.name.toLowerCase().indexOf(text) >= 0) &&
        (!outcome.value || r.dataset.outcome === outcome.value) &&
        (!kind.value || r.dataset.kind === kind.value);
      r.hidden = !ok;
      heatRows[r.dataset.key].hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = String(count);
  }

  function compare(key, numeric, dir) {
    return function (a, b) {
      var x = a.dataset[key], y = b.dataset[key];
      if (x === "" || y === "") { return (x === "") - (y === ""); }  // no value: always last
      var d = numeric ? Number(x) - Number(y) : x.localeCompare(y, "zh-Hans-CN");
      return d * dir || a.dataset.key.localeCompare(b.dataset.key);
    };
  }

  function sortBy(button) {
    var key = button.dataset.sort;
    sorted.dir = sorted.key === key ? -sorted.dir : 1;
    sorted.key = key;
    rows().sort(compare(key, button.dataset.type === "num", sorted.dir)).forEach(function (r) {
      body.appendChild(r);
      heat.appendChild(heatRows[r.dataset.key]);
    });
    document.querySelectorAll("#schools th").forEach(function (th) { th.removeAttribute("aria-sort"); });
    button.parentNode.setAttribute("aria-sort", sorted.dir > 0 ? "ascending" : "descending");
  }

  document.querySelectorAll("#schools th button").forEach(function (b) {
    b.addEventListener("click", function () { sortBy(b); });
  });
  q.addEventListener("input", filter);
  outcome.addEventListener("change", filter);
  kind.addEventListener("change", filter);
  filter();
}());
