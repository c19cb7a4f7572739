// The page editor's insight panel: views and leads of this page in the last 30
// days, fetched from the admin (nothing is shown to those without permission).
(function () {
  "use strict";
  var script = document.currentScript;
  var match = window.location.pathname.match(/\/pages\/(\d+)\/edit\//);
  if (!script || !match) return;
  var url = script.getAttribute("data-panel").replace(/0\/$/, match[1] + "/");
  window.fetch(url, { credentials: "same-origin" }).then(function (response) {
    return response.ok ? response.text() : "";
  }).then(function (html) {
    if (!html) return;
    var form = document.querySelector("form[data-edit-form]") || document.querySelector("main form");
    if (!form) return;
    var holder = document.createElement("div");
    holder.innerHTML = html;
    form.parentNode.insertBefore(holder.firstElementChild, form);
  });
})();
