// Long drop-downs (select[data-searchable]): a search box above the list hides the
// options whose name does not contain what is typed, with or without diacritics
// ("don phong" finds "Xã Đôn Phong"). Without script the list is still grouped and
// in Vietnamese order.
(function () {
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }
  document.querySelectorAll("select[data-searchable]").forEach(function (select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "form-control form-control-sm mb-1";
    box.placeholder = select.dataset.searchLabel || "";
    box.setAttribute("aria-label", box.placeholder);
    box.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var wanted = fold(box.value);
      select.querySelectorAll("option").forEach(function (option) {
        option.hidden = option.value !== "" && wanted !== "" && fold(option.textContent).indexOf(wanted) < 0;
      });
      select.querySelectorAll("optgroup").forEach(function (group) {
        group.hidden = !group.querySelector("option:not([hidden])");
      });
    });
  });
})();
