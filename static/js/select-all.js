// "Select all on the page": a checkbox with data-select-all="NAME" ticks or unticks
// every checkbox named NAME of its form. Hidden until this script shows it (without
// script the boxes are ticked one by one).
document.querySelectorAll("input[data-select-all]").forEach(function (all) {
  var boxes = all.form.querySelectorAll('input[type=checkbox][name="' + all.dataset.selectAll + '"]');
  all.hidden = false;
  all.addEventListener("change", function () {
    boxes.forEach(function (box) { box.checked = all.checked; });
  });
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      var ticked = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
      all.checked = ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    });
  });
});
