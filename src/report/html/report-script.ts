// The script of the HTML report: sorts and filters the findings table in the browser. Static text, never built
// from scan data; it reads the data from escaped attributes and only toggles `hidden` and reorders rows.

export const REPORT_SCRIPT = `
(function () {
  "use strict";
  var table = document.getElementById("findings");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var shown = document.getElementById("shown-count");
  var controls = {
    check: document.getElementById("filter-check"),
    severity: document.getElementById("filter-severity"),
    place: document.getElementById("filter-place"),
    project: document.getElementById("filter-project"),
    text: document.getElementById("filter-text")
  };

  function applyFilters() {
    var check = controls.check.value, severity = controls.severity.value, place = controls.place.value;
    var project = controls.project.value.trim().toLowerCase(), text = controls.text.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var visible = (!check || d.check === check) && (!severity || d.severity === severity) &&
        (!place || d.place === place) && (!project || d.project.toLowerCase().indexOf(project) !== -1) &&
        (!text || row.textContent.toLowerCase().indexOf(text) !== -1);
      row.hidden = !visible;
      if (visible) count++;
    });
    shown.textContent = String(count);
  }
  Object.keys(controls).forEach(function (key) { controls[key].addEventListener("input", applyFilters); });

  Array.prototype.forEach.call(table.tHead.querySelectorAll("th[data-sort]"), function (th) {
    th.querySelector("button").addEventListener("click", function () {
      var key = th.dataset.sort, numeric = th.dataset.numeric === "true";
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.querySelectorAll("th[data-sort]"), function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.dataset[key] || "", y = b.dataset[key] || "";
        var order = numeric ? (Number(x === "" ? -1 : x) - Number(y === "" ? -1 : y)) : x.localeCompare(y);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  applyFilters();
})();
`;
