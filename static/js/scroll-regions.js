// A table wider than the screen scrolls inside its .table-responsive box, not the page
// (WCAG 1.4.10); a table of the main content that a template left without one gets one
// here, so that every screen, new ones included, behaves the same. Such a box is a named region that the keyboard reaches (tabindex=0: the
// arrow keys then scroll it; WCAG 2.1.1), named by the table's caption or the heading
// above it. A box that does not scroll at the current width stays out of the tab order.
(function () {
  function nameOf(box) {
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) { return caption.textContent.trim(); }
    var headings = document.querySelectorAll("main h1, main h2, main h3, main h4");
    var label = "";
    headings.forEach(function (h) {
      if (h.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING) {
        label = h.textContent.trim();
      }
    });
    return label || document.title;
  }
  function wrap(root) {
    root.querySelectorAll("main table").forEach(function (table) {
      if (table.closest(".table-responsive")) { return; }
      var box = document.createElement("div");
      box.className = "table-responsive";
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
  }
  function mark() {
    wrap(document);
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
          box.setAttribute("aria-label", nameOf(box));
        }
      } else if (box.getAttribute("tabindex") === "0" && box !== document.activeElement) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
      }
    });
  }
  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(mark, 150);
  });
  document.addEventListener("htmx:afterSettle", mark);
  mark();
})();
