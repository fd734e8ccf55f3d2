
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tbody.item"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll("button[data-status]"));
  var category = document.getElementById("f-category");
  var department = document.getElementById("f-department");
  var shown = document.getElementById("shown");
  var empty = document.getElementById("empty");
  var toggle = document.getElementById("toggle-details");
  var keys = ["status", "category", "department"];
  var state = {status: "", category: "", department: ""};

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
  }
  function hasStatus(value) {
    return buttons.some(function (b) { return b.getAttribute("data-status") === value; });
  }
  function matches(row) {
    var s = state.status;
    var byStatus = !s || (s === "gap" ? row.getAttribute("data-gap") === "1"
                                      : row.getAttribute("data-status") === s);
    return byStatus
      && (!state.category || row.getAttribute("data-category") === state.category)
      && (!state.department || row.getAttribute("data-department") === state.department);
  }
  function writeHash() {
    var parts = [];
    keys.forEach(function (k) { if (state[k]) { parts.push(k + "=" + encodeURIComponent(state[k])); } });
    var url = parts.length ? "#" + parts.join("&") : location.pathname + location.search;
    try { history.replaceState(null, "", url); } catch (e) { location.hash = parts.join("&"); }
  }
  function apply(updateHash) {
    var count = 0;
    rows.forEach(function (row) {
      var ok = matches(row);
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-status") === state.status));
    });
    category.value = state.category;
    department.value = state.department;
    shown.textContent = String(count);
    empty.hidden = count !== 0;
    if (updateHash) { writeHash(); }
  }
  function readHash() {
    state = {status: "", category: "", department: ""};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at < 0) { return; }
      var key = pair.slice(0, at), value;
      try { value = decodeURIComponent(pair.slice(at + 1)); } catch (e) { return; }
      if (key === "status" && hasStatus(value)) { state.status = value; }
      if (key === "category" && hasOption(category, value)) { state.category = value; }
      if (key === "department" && hasOption(department, value)) { state.department = value; }
    });
  }
  buttons.forEach(function (b) {
    b.addEventListener("click", function () { state.status = b.getAttribute("data-status"); apply(true); });
  });
  category.addEventListener("change", function () { state.category = category.value; apply(true); });
  department.addEventListener("change", function () { state.department = department.value; apply(true); });
  window.addEventListener("hashchange", function () { readHash(); apply(false); });
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    document.querySelectorAll("tbody.item details").forEach(function (d) { d.open = open; });
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? "收起全部详情" : "展开全部详情";
  });
  readHash();
  apply(false);
})();
