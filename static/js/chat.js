// "Chat with us": opens the <dialog>, posts with fetch, shows the answer in place.
// Without JavaScript every [data-chat-open] link simply goes to /chat/.
(function () {
  "use strict";

  // Any page that re-rendered a form with errors: move focus to the summary.
  function focusOutcome(root) {
    var target =
      root.querySelector("[data-error-summary]") ||
      root.querySelector("[data-lead-thanks]");
    if (target) target.focus();
    return target;
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!document.querySelector("[data-chat-dialog][open]")) focusOutcome(document);
  });

  var dialog = document.querySelector("[data-chat-dialog]");
  if (!dialog || typeof dialog.showModal !== "function" || !window.fetch) return;

  var body = dialog.querySelector("[data-chat-body]");
  var pristine = body.innerHTML;
  var opener = null;
  var prepared = null;
  var dirty = false;

  function setValue(form, name, value) {
    var input = form.querySelector('[name="' + name + '"]');
    if (input) input.value = value;
  }

  // The token, submission id and stamp are per visitor, so never in cached HTML.
  function loadSession() {
    return fetch("/chat/session/", {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      cache: "no-store",
    }).then(function (response) {
      if (!response.ok) throw new Error("session " + response.status);
      return response.json();
    });
  }

  function prepareForm() {
    var form = body.querySelector("form[data-lead-form]");
    if (!form) return Promise.resolve();
    setValue(form, "chat-source_path", window.location.pathname);
    var params = new URLSearchParams(window.location.search);
    ["utm_source", "utm_medium", "utm_campaign"].forEach(function (name) {
      if (params.get(name)) setValue(form, "chat-" + name, params.get(name).slice(0, 100));
    });
    if (!form.querySelector("[data-csrf-input]")) return Promise.resolve();
    return loadSession().then(function (data) {
      setValue(form, "csrfmiddlewaretoken", data.csrfToken);
      setValue(form, "chat-submission_id", data.submissionId);
      setValue(form, "chat-stamp", data.stamp);
    });
  }

  function open(event) {
    event.preventDefault();
    opener = event.currentTarget;
    // After a thank-you, a new request starts from a blank form; a form with
    // errors stays as it was.
    if (dirty && !body.querySelector("form[data-lead-form]")) {
      body.innerHTML = pristine;
      dirty = false;
      prepared = null;
    }
    dialog.showModal();
    var first = body.querySelector("input:not([type=hidden]):not([tabindex='-1'])");
    if (first) first.focus();
    // Once per form: reopening keeps what was typed and when the form was first shown.
    if (!prepared) {
      prepared = prepareForm();
      prepared.catch(function () {
        prepared = null;
      });
    }
  }

  function showFailure() {
    var note = document.createElement("p");
    note.className = "lead-form__notice";
    note.setAttribute("role", "alert");
    note.tabIndex = -1;
    note.textContent =
      "We could not reach our server, so your request was not sent. Please check your connection and try again, or call us.";
    var form = body.querySelector("form");
    body.insertBefore(note, form);
    note.focus();
  }

  function submit(event) {
    var form = event.target;
    if (!form.matches("form[data-lead-form]")) return;
    event.preventDefault();
    var button = form.querySelector("[type=submit]");
    if (button) button.disabled = true;
    var ready = Promise.resolve();
    if (form.querySelector("[data-csrf-input]")) ready = prepared || prepareForm();
    ready
      .then(function () {
        return fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          credentials: "same-origin",
        });
      })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var answer = doc.querySelector("[data-chat-body]");
        if (!answer) throw new Error("unexpected answer");
        body.innerHTML = answer.innerHTML;
        dirty = true;
        if (!focusOutcome(body)) {
          var heading = body.querySelector("h1, h2");
          if (heading) {
            heading.tabIndex = -1;
            heading.focus();
          }
        }
      })
      .catch(function () {
        if (button) button.disabled = false;
        showFailure();
      });
  }

  document.querySelectorAll("[data-chat-open]").forEach(function (link) {
    link.addEventListener("click", open);
  });
  dialog.querySelectorAll("[data-chat-close]").forEach(function (button) {
    button.addEventListener("click", function () {
      dialog.close();
    });
  });
  dialog.addEventListener("close", function () {
    if (opener) opener.focus();
  });
  dialog.addEventListener("submit", submit);
})();
