// A self-check scored in the browser (selfchecks/). The answers never leave this
// page: no request, no storage, nothing in the address. Without this script the
// form posts to a result page that keeps nothing.
(function () {
  "use strict";

  function score(form) {
    var total = 0;
    var urgent = false;
    var checked = form.querySelectorAll("input[type=radio]:checked");
    for (var i = 0; i < checked.length; i++) {
      total += parseInt(checked[i].getAttribute("data-points"), 10);
      urgent = urgent || checked[i].hasAttribute("data-urgent");
    }
    return { total: total, urgent: urgent };
  }

  function show(form, result) {
    var section = document.querySelector("[data-self-check-result]");
    var match = null;
    var bands = section.querySelectorAll("[data-band]");
    for (var i = 0; i < bands.length; i++) {
      var band = bands[i];
      var inside =
        result.total >= parseInt(band.getAttribute("data-low"), 10) &&
        result.total <= parseInt(band.getAttribute("data-high"), 10);
      band.hidden = !inside;
      if (inside) match = band;
    }
    var urgent = result.urgent || (match && match.hasAttribute("data-urgent"));
    section.querySelector("[data-urgent-box]").hidden = !urgent;
    section.querySelector("[data-score]").textContent = String(result.total);
    section.hidden = false;
    section.focus();
  }

  var forms = document.querySelectorAll("form[data-self-check]");
  for (var i = 0; i < forms.length; i++) {
    forms[i].addEventListener("submit", function (event) {
      // The browser has already checked that every question has an answer.
      event.preventDefault();
      show(event.target, score(event.target));
    });
  }
  var again = document.querySelectorAll("[data-self-check-again]");
  for (var j = 0; j < again.length; j++) {
    again[j].addEventListener("click", function (event) {
      var form = document.querySelector("form[data-self-check]");
      if (!form) return; // the no-JavaScript result: the link reloads the page
      event.preventDefault();
      form.reset();
      document.querySelector("[data-self-check-result]").hidden = true;
      var first = form.querySelector("input[type=radio]");
      if (first) first.focus();
    });
  }
})();
