// "Chat with us": opens the <dialog>, posts with fetch, shows the answer in place.
// The dialog is not in the page: its markup (the same for everyone) is fetched
// from this script's data-dialog URL once the page has loaded, so that it costs
// the first paint nothing and is there by the time someone taps "Chat with us".
// When someone from the team is available (/chat/session/ says "live"), it loads
// chat-live.js for the live conversation instead of the callback form.
// Without JavaScript, or if the dialog cannot be fetched, every [data-chat-open]
// link simply goes to /chat/.
(function () {
  "use strict";

  var STORE = "lantana.chat";
  var script = document.currentScript;
  var dialogUrl = script && script.getAttribute("data-dialog");
  if (!dialogUrl || typeof HTMLDialogElement !== "function" || !window.fetch) return;

  // Any page that re-rendered a form with errors: move focus to the summary.
  function focusOutcome(root) {
    var target =
      root.querySelector("[data-error-summary]") ||
      root.querySelector("[data-lead-thanks]");
    if (target) {
      // Its top in sight (below the dialog's bar: scroll-margin in forms.css), so
      // the crisis line's buttons at the top of an urgent thank-you are seen first.
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "start" });
    }
    return target;
  }

  function storedChat() {
    try {
      return JSON.parse(window.sessionStorage.getItem(STORE) || "null");
    } catch (error) {
      return null;
    }
  }

  function load(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attrs).forEach(function (name) {
        element[name] = attrs[name];
      });
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  // A promise of the dialog's open(), fetching and setting it up the first time
  // (with its stylesheet, which pages without a form of their own do not inline).
  var ready = null;
  function fetchDialog() {
    if (!ready) {
      ready = fetch(dialogUrl, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("dialog " + response.status);
          return response.text();
        })
        .then(function (html) {
          var template = document.createElement("template");
          template.innerHTML = html;
          var dialog = template.content.querySelector("[data-chat-dialog]");
          if (!dialog) throw new Error("no dialog");
          return load("link", {
            rel: "stylesheet",
            href: dialog.getAttribute("data-style"),
          }).then(function () {
            document.body.appendChild(dialog);
            return setUp(dialog);
          });
        });
      ready.catch(function () {
        ready = null; // try again at the next tap
      });
    }
    return ready;
  }

  document.querySelectorAll("[data-chat-open]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      fetchDialog().then(
        function (open) {
          open(link);
        },
        function () {
          window.location.href = link.href; // the callback form, as without script
        }
      );
    });
  });
  // A live chat survives a reload: reopen it where the visitor left it.
  fetchDialog().then(function (open) {
    if (storedChat()) open(null, true);
  });

  function setUp(dialog) {
    var body = dialog.querySelector("[data-chat-body]");
    var checking = dialog.querySelector("[data-chat-checking]");
    var live = dialog.querySelector("[data-live]");
    var pristine = body.innerHTML;
    var opener = null;
    var session = null; // a promise of /chat/session/'s answer, once per form
    var dirty = false;
    var liveModule = null;
    var mode = live ? null : "callback"; // "live" once chat-live.js has the dialog

    function setValue(form, name, value) {
      var input = form.querySelector('[name="' + name + '"]');
      if (!input || value == null) return;
      if (input.type === "radio") {
        var choice = form.querySelector('[name="' + name + '"][value="' + CSS.escape(value) + '"]');
        if (choice) choice.checked = true;
      } else {
        input.value = value;
      }
    }

    // The token, submission id and stamp are per visitor, so never in cached HTML.
    function loadSession() {
      return fetch(dialog.getAttribute("data-session-url") || "/chat/session/", {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        cache: "no-store",
      }).then(function (response) {
        if (!response.ok) throw new Error("session " + response.status);
        return response.json();
      });
    }

    // The live chat's script and styles, fetched the first time they are needed.
    function loadLive() {
      if (!liveModule) {
        liveModule = Promise.all([
          load("link", { rel: "stylesheet", href: dialog.getAttribute("data-live-style") }),
          load("script", { src: dialog.getAttribute("data-live-script") }),
        ]).then(
          function () {
            return window.lantanaLiveChat(dialog, api);
          },
          function (error) {
            liveModule = null;
            throw error;
          }
        );
      }
      return liveModule;
    }

    function fillCallback(data) {
      var form = body.querySelector("form[data-lead-form]");
      if (!form) return;
      setValue(form, "chat-source_path", window.location.pathname);
      var params = new URLSearchParams(window.location.search);
      ["utm_source", "utm_medium", "utm_campaign"].forEach(function (name) {
        if (params.get(name)) setValue(form, "chat-" + name, params.get(name).slice(0, 100));
      });
      if (!data || !form.querySelector("[data-csrf-input]")) return;
      setValue(form, "csrfmiddlewaretoken", data.csrfToken);
      setValue(form, "chat-submission_id", data.submissionId);
      setValue(form, "chat-stamp", data.stamp);
    }

    // The callback view starts with what can happen now (call, text): focus its
    // heading rather than a field, whose keyboard would cover the buttons.
    function focusFirst(root) {
      var first =
        root.querySelector("[data-chat-start]") ||
        root.querySelector("input:not([type=hidden]):not([tabindex='-1']), textarea");
      if (first) first.focus();
    }

    // The callback form, optionally carrying over what was typed for a live chat.
    function showCallback(carry, notice) {
      if (mode === "live") session = null; // a fresh submission id for the callback form
      mode = "callback";
      if (live) live.hidden = true;
      checking.hidden = true;
      body.hidden = false;
      var form = body.querySelector("form[data-lead-form]");
      if (form && carry) {
        Object.keys(carry).forEach(function (name) {
          setValue(form, "chat-" + name, carry[name]);
        });
        // What they wrote for the live chat is never folded away out of sight.
        var details = form.querySelector("details");
        if (details && carry.first_message) details.open = true;
      }
      if (form && notice) {
        var note = document.createElement("p");
        note.className = "lead-form__notice";
        note.setAttribute("role", "status");
        note.textContent = notice;
        form.insertBefore(note, form.firstChild);
      }
      api.getSession().then(fillCallback, function () {});
      focusFirst(body);
    }

    var api = {
      showCallback: showCallback,
      getSession: function () {
        if (!session) {
          session = loadSession();
          session.catch(function () {
            session = null; // try again next time
          });
        }
        return session;
      },
      newSession: function () {
        session = null;
        return api.getSession();
      },
      close: function () {
        dialog.close();
      },
    };

    // Has the visitor begun the callback form? Then it stays, whoever is live.
    function typed() {
      var fields = body.querySelectorAll(
        "input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([tabindex='-1']), textarea"
      );
      return Array.prototype.some.call(fields, function (field) {
        return field.value !== "";
      });
    }

    function choose() {
      if (mode === "live") {
        return liveModule.then(function (chat) {
          chat.reopen();
        });
      }
      var stored = storedChat();
      if (live && stored && stored.token) {
        body.hidden = true;
        checking.hidden = false;
        checking.focus();
        return loadLive()
          .then(function (chat) {
            checking.hidden = true;
            mode = "live";
            chat.resume(stored);
          })
          .catch(function () {
            showCallback();
          });
      }
      // The callback form at once; the live offer replaces it if someone is available.
      body.hidden = false;
      focusFirst(body);
      return api
        .getSession()
        .then(function (data) {
          fillCallback(data);
          if (mode || !live || !data.live || typed()) {
            mode = "callback";
            return;
          }
          return loadLive().then(function (chat) {
            if (typed()) {
              mode = "callback";
              return;
            }
            mode = "live";
            body.hidden = true;
            chat.offer(data);
          });
        })
        .catch(function () {
          mode = mode || "callback";
        });
    }

    function open(from, resuming) {
      if (resuming && !live) return;
      opener = from;
      // After a thank-you, a new request starts from a blank form; a form with
      // errors stays as it was.
      if (dirty && !body.querySelector("form[data-lead-form]")) {
        body.innerHTML = pristine;
        dirty = false;
        session = null;
        if (live) mode = null; // someone may be live now
      }
      if (!dialog.open) {
        dialog.show();
        setBackground(true);
      }
      choose();
    }

    // Not showModal(): a modal dialog would make the sticky Call bar inert. The
    // page behind is made inert instead, all but the Call bar, which stays usable.
    var stilled = [];
    function setBackground(open) {
      document.documentElement.toggleAttribute("data-chat-open", open);
      if (!open) {
        stilled.forEach(function (element) {
          element.inert = false;
        });
        stilled = [];
        return;
      }
      Array.prototype.forEach.call(document.body.children, function (element) {
        if (element === dialog || element.inert || element.matches(".action-bar, script")) return;
        element.inert = true;
        stilled.push(element);
      });
    }

    function showFailure() {
      var note = document.createElement("p");
      note.className = "lead-form__notice";
      note.setAttribute("role", "alert");
      note.tabIndex = -1;
      note.textContent =
        dialog.getAttribute("data-failure") ||
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
      if (form.querySelector("[data-csrf-input]")) {
        ready = api.getSession().then(fillCallback);
      }
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
          session = null;
          showFailure();
        });
    }

    dialog.addEventListener("click", function (event) {
      if (event.target.closest("[data-chat-close]")) dialog.close();
    });
    dialog.addEventListener("close", function () {
      setBackground(false);
      if (opener) opener.focus();
    });
    // A modal dialog closes on Escape by itself; this one is not modal.
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && dialog.open) dialog.close();
    });
    dialog.addEventListener("submit", submit);
    return open;
  }
})();
