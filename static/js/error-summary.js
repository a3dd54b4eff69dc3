// A refused form: an error summary above it lists each field in error (a link to the
// field, with its message) and takes the focus, so that a screen reader announces it
// and the keyboard starts there (a failed login too: its username field's autofocus
// does not keep the cursor). A page that puts the cursor on the field in error itself
// (autofocus on an invalid field: the upload row that was refused) keeps it.
(function () {
  var main = document.getElementById("main");
  var focused = document.querySelector("[autofocus]");
  if (!main || (focused && focused.matches("[aria-invalid=true], .is-invalid"))) { return; }
  var fields = main.querySelectorAll("form [aria-invalid=true], form .is-invalid");
  var alerts = main.querySelectorAll("form .alert-danger");
  if (!fields.length && !alerts.length) { return; }
  var first = (fields[0] || alerts[0]).closest("form");
  var summary = document.createElement("div");
  summary.id = "error-summary";
  summary.className = "alert alert-danger";
  summary.setAttribute("role", "alert");
  summary.tabIndex = -1;
  var title = document.createElement("p");
  title.className = "mb-1 fw-semibold";
  title.textContent = first.dataset.errorSummary || document.body.dataset.errorSummary || "";
  summary.appendChild(title);
  var list = document.createElement("ul");
  list.className = "mb-0";
  var seen = {};
  fields.forEach(function (field) {
    if (!field.id || seen[field.id]) { return; }
    seen[field.id] = true;
    var label = document.querySelector('label[for="' + field.id + '"]');
    var error = document.getElementById(field.id + "_error");
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = "#" + field.id;
    link.textContent = (label ? label.textContent.replace("*", "").trim() : field.name) +
      (error ? ": " + error.textContent.trim() : "");
    link.addEventListener("click", function (event) { event.preventDefault(); field.focus(); });
    item.appendChild(link);
    list.appendChild(item);
  });
  alerts.forEach(function (alert) {
    var item = document.createElement("li");
    item.textContent = alert.textContent.trim();
    list.appendChild(item);
  });
  summary.appendChild(list);
  first.parentNode.insertBefore(summary, first);
  summary.focus();
})();
