// Inquiry forms on cached pages carry no per-visitor value: when the visitor starts
// using one, fetch the CSRF token, a submission id and the signed stamp (the same
// endpoint the chat dialog uses). Without JavaScript the form still posts: the
// server shows it again, as typed, with a token, and the second Send goes through.
(function () {
  "use strict";
  if (!window.fetch) return;

  document.querySelectorAll("form[data-lead-session]").forEach(function (form) {
    var prefix = form.getAttribute("data-lead-prefix");
    var token = form.querySelector("[data-csrf-input]");
    var ready = null;

    function setValue(name, value) {
      var input = form.querySelector('[name="' + name + '"]');
      if (input && value) input.value = value;
    }

    function prepare() {
      if (ready) return ready;
      var params = new URLSearchParams(window.location.search);
      ["utm_source", "utm_medium", "utm_campaign"].forEach(function (name) {
        setValue(prefix + "-" + name, (params.get(name) || "").slice(0, 100));
      });
      ready = fetch(form.getAttribute("data-lead-session"), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        cache: "no-store",
      })
        .then(function (response) {
          if (!response.ok) throw new Error("session " + response.status);
          return response.json();
        })
        .then(function (data) {
          setValue("csrfmiddlewaretoken", data.csrfToken);
          setValue(prefix + "-submission_id", data.submissionId);
          setValue(prefix + "-stamp", data.stamp);
        })
        .catch(function () {
          ready = null; // try again on the next focus; Send still works without
        });
      return ready;
    }

    form.addEventListener("focusin", prepare);
    form.addEventListener("submit", function (event) {
      if (!token || token.value) return;
      event.preventDefault();
      var sent = false;
      function send() {
        if (!sent) {
          sent = true;
          form.submit();
        }
      }
      prepare().then(send, send);
    });
  });
})();
