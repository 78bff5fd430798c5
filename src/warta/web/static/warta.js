// warta web UI: small conveniences only; every page works without this file.
(function () {
  "use strict";
  // "/" focuses the search box, as on many sites; typing in a field is left alone.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" ||
                            target.tagName === "SELECT");
    if (event.key === "/" && !typing) {
      var box = document.getElementById("quick-q");
      if (box) { event.preventDefault(); box.focus(); box.select(); }
    }
  });
  // Filter forms: leave empty fields out of the address, so links stay short and shareable.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.method.toLowerCase() !== "get") { return; }
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.value === "") { field.disabled = true; }
    });
    window.setTimeout(function () {
      Array.prototype.forEach.call(form.elements, function (field) { field.disabled = false; });
    }, 0);
  });
}());
