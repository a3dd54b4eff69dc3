// Progress of an upload (a form with data-upload-progress): the files are sent by
// XMLHttpRequest, whose upload events move a <progress> bar and a status line that screen
// readers announce; the answer (the dossier's page after the redirect, with its message, or
// the page with the refused rows and their errors) then replaces the page's main content.
// Without JavaScript the form posts as any other and the page answers the same way.
(function () {
  function size(bytes) {
    if (bytes < 1024 * 1024) { return Math.max(1, Math.round(bytes / 1024)) + " KB"; }
    return (bytes / 1024 / 1024).toFixed(1).replace(".", ",") + " MB";
  }
  function say(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; })
      .replace(/%%/g, "%");
  }
  function showAnswer(xhr) {
    var answer = new DOMParser().parseFromString(xhr.responseText, "text/html");
    var main = answer.getElementById("main");
    if (!main) { document.open(); document.write(xhr.responseText); document.close(); return; }
    document.getElementById("main").replaceWith(main);
    if (answer.title) { document.title = answer.title; }
    if (xhr.status < 300 && xhr.responseURL && xhr.responseURL !== window.location.href) {
      window.history.replaceState(null, "", xhr.responseURL + "#tai-lieu");
    }
    if (window.htmx) { window.htmx.process(main); }
    window.dispatchEvent(new Event("resize"));  // scroll-regions.js marks the new tables
    var target = main.querySelector("[autofocus]") || main.querySelector(".messages .alert");
    if (target) {
      if (!target.hasAttribute("tabindex") && !target.matches("input, select, textarea")) {
        target.setAttribute("tabindex", "-1");
      }
      target.focus();
    } else {
      var block = document.getElementById("tai-lieu");
      if (block) { block.scrollIntoView(); }
    }
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-upload-progress]") || !window.FormData) { return; }
    var chosen = Array.prototype.some.call(form.querySelectorAll("input[type=file]"),
      function (input) { return input.files && input.files.length; });
    if (!chosen) { return; }  // nothing to send: the server says which file to choose
    event.preventDefault();
    var box = form.querySelector(".upload-progress");
    var bar = box.querySelector("progress");
    var status = box.querySelector("[role=status]");
    var buttons = form.querySelectorAll("button[type=submit]");
    buttons.forEach(function (b) { b.disabled = true; });
    box.hidden = false;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) { return; }
      var percent = Math.floor(e.loaded * 100 / e.total);
      bar.setAttribute("value", String(percent));
      status.textContent = say(form.dataset.sending,
        {percent: percent, sent: size(e.loaded), total: size(e.total)});
    });
    xhr.upload.addEventListener("load", function () {
      bar.setAttribute("value", "100");
      status.textContent = form.dataset.received;
    });
    xhr.addEventListener("load", function () { showAnswer(xhr); });
    xhr.addEventListener("error", function () {
      status.textContent = form.dataset.failed;
      buttons.forEach(function (b) { b.disabled = false; });
    });
    xhr.send(new FormData(form));
  });
})();
