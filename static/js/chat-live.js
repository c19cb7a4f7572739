// The live chat inside the "Chat with us" dialog (issue 14), loaded by chat.js only
// when someone is available or a chat is under way. Wire protocol: the visitor
// socket of contact/chat/consumers.py. Message text is only ever set with
// textContent. The token lives in sessionStorage, never in a URL.
(function () {
  "use strict";

  var STORE = "lantana.chat";
  var TYPING_EVERY = 3000;
  var TYPING_SHOWN = 6000;
  // The English words, replaced by the page language's from the dialog's
  // data-live-strings (contact/dialog.py, Django's catalogue): {name}-style slots.
  var WORDS = {
    connecting: "Connecting…",
    typing: "{name} is typing…",
    our_team: "Our team",
    chatting: "You are chatting with {name} from our admissions team.",
    our_admissions_team: "our admissions team",
    waiting: "Waiting for someone from our team to join. You can type your next message now.",
    waiting_minute: "Waiting for someone from our team to join (within about 1 minute). You can type your next message now.",
    waiting_minutes: "Waiting for someone from our team to join (within about {minutes} minutes). You can type your next message now.",
    unanswered: "Nobody could answer in time, and we are sorry. Please call us, or leave your number and we will call you back.",
    ended: "This chat has ended. Thank you for reaching out.",
    you: "You",
    seen: "Seen",
    label_error: "Error: ",
    check_form: "Please check the form and try again.",
    busy: "Our team just became busy, so we cannot chat right now. Leave your details and we will get back to you soon. What you typed is kept below.",
    not_started: "We could not start the chat.",
    call_us_at: "Please call us at {phone}.",
    no_server: "We could not reach our server, so the chat did not start. Please check your connection and try again, or call us.",
    offline_end: "You are offline just now, so the chat could not be ended. Please try again in a moment.",
  };
  var ERRORS = {
    empty: "Please type a message first.",
    too_long: "That message is too long. Please split it into shorter ones.",
    invalid: "That message has characters we cannot send. Please retype it.",
    rate_limited: "You are sending messages very quickly. Please wait a few seconds, then send again.",
    forbidden: "This chat cannot be continued here. Please call us, or leave your details for a call back.",
    bad_request: "Something went wrong sending that. Please try again.",
  };

  function uuid4() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  window.lantanaLiveChat = function (dialog, api) {
    var root = dialog.querySelector("[data-live]");
    try {
      var given = JSON.parse(root.getAttribute("data-live-strings") || "{}");
      Object.keys(given).forEach(function (key) {
        if (key.indexOf("error_") === 0) ERRORS[key.slice(6)] = given[key];
        else WORDS[key] = given[key];
      });
    } catch (ignored) { /* the English words stay */ }
    function words(key, slots) {
      return WORDS[key].replace(/\{(\w+)\}/g, function (all, name) {
        return slots && name in slots ? slots[name] : all;
      });
    }
    function $(name) { return root.querySelector("[data-live-" + name + "]"); }
    var start = $("start"), form = $("form"), notice = $("form-notice");
    var conversation = $("conversation"), status = $("status"), crisis = $("crisis");
    var offline = $("offline"), list = $("list"), typing = $("typing");
    var composer = $("composer"), text = $("text"), error = $("error");
    var ended = $("ended"), endButton = $("end");

    var phoneLink = document.querySelector(".site-header__phone");
    root.querySelectorAll("[data-live-phone]").forEach(function (slot) {
      var link = document.createElement("a");
      link.href = phoneLink ? phoneLink.getAttribute("href") : "tel:988";
      link.textContent = phoneLink ? phoneLink.textContent.replace(/^Call us at\s*/, "") : "988";
      slot.appendChild(link);
    });

    var chat = null; // {token, reference, socket, after}
    var socket = null, retry = 0, retryTimer = null, finished = false;
    var pending = []; // messages sent but not yet echoed: {id, text, item}
    var byId = {}, lastTyping = 0, typingTimer = null, staffName = null;
    var lastVisitorItem = null, deadline = null, statusTimer = null;

    function save() { window.sessionStorage.setItem(STORE, JSON.stringify(chat)); }
    function forget() { window.sessionStorage.removeItem(STORE); }

    // 1. The offer: the start form.
    function offer(data) {
      root.hidden = false;
      start.hidden = false;
      conversation.hidden = true;
      fill(data);
      var first = form.querySelector("input:not([type=hidden]):not([tabindex='-1'])");
      if (first) first.focus();
    }

    function fill(data) {
      form.querySelector("[data-csrf-input]").value = data.csrfToken;
      set("live-submission_id", data.submissionId);
      set("live-stamp", data.stamp);
      set("live-source_path", window.location.pathname);
    }
    function set(name, value) {
      var input = form.querySelector('[name="' + name + '"]');
      if (input) input.value = value;
    }
    function value(name) {
      var input = form.querySelector('[name="live-' + name + '"]');
      return input ? input.value : "";
    }

    function clearErrors() {
      notice.hidden = true;
      form.querySelectorAll(".field--error").forEach(function (field) {
        field.classList.remove("field--error");
      });
      form.querySelectorAll("[data-live-field-error]").forEach(function (p) { p.remove(); });
      form.querySelectorAll("[aria-invalid]").forEach(function (input) {
        input.removeAttribute("aria-invalid");
      });
    }

    function showErrors(errors) {
      var first = null, general = [];
      Object.keys(errors).forEach(function (name) {
        var input = form.querySelector('[name="live-' + name + '"]:not([type=hidden])');
        var messages = errors[name].map(function (e) { return e.message || e; });
        if (!input) { general = general.concat(messages); return; }
        var field = input.closest(".field");
        var p = document.createElement("p");
        p.className = "field__error";
        p.id = input.id + "-error";
        p.setAttribute("data-live-field-error", "");
        var hidden = document.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = words("label_error");
        p.appendChild(hidden);
        p.appendChild(document.createTextNode(messages[0]));
        field.classList.add("field--error");
        field.insertBefore(p, input.closest(".choice") || input);
        input.setAttribute("aria-invalid", "true");
        var described = (input.getAttribute("aria-describedby") || "").split(" ");
        if (described.indexOf(p.id) < 0) described.push(p.id);
        input.setAttribute("aria-describedby", described.join(" ").trim());
        first = first || input;
      });
      if (general.length || !first) {
        say(general.join(" ") || words("check_form"));
      } else {
        first.focus();
      }
    }
    function say(message) {
      notice.textContent = message;
      notice.hidden = false;
      notice.focus();
    }

    function carry() {
      return { preferred_name: value("preferred_name"), first_message: value("first_message"), lead_for: value("lead_for") };
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      event.stopPropagation();
      clearErrors();
      var button = form.querySelector("[type=submit]");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.json().then(function (data) { return { status: response.status, data: data }; });
        })
        .then(function (answer) {
          button.disabled = false;
          var data = answer.data;
          if (answer.status === 201 || answer.status === 200) {
            begin({ token: data.token, reference: data.reference, socket: data.socket, after: 0 });
          } else if (answer.status === 400 && data.errors) {
            showErrors(data.errors);
          } else if (answer.status === 409) {
            api.showCallback(carry(), words("busy"));
          } else {
            say((data.message || words("not_started")) + (data.phone ? " " + words("call_us_at", { phone: data.phone }) : ""));
            // The stamp may be spent: fetch fresh values for the next try.
            api.newSession().then(fill, function () {});
          }
        })
        .catch(function () {
          button.disabled = false;
          say(words("no_server"));
        });
    }, true);

    $("callback").addEventListener("click", function () {
      api.showCallback(carry());
    });
    $("ended-callback").addEventListener("click", function () {
      api.showCallback(carry());
    });

    // 2. The conversation.
    function begin(stored) {
      chat = stored;
      save();
      root.hidden = false;
      start.hidden = true;
      conversation.hidden = false;
      dialog.classList.add("chat-dialog--live");
      finished = false;
      setStatus(words("connecting"));
      connect();
      text.focus();
    }

    function resume(stored) {
      list.textContent = "";
      byId = {};
      stored.after = 0; // draw the whole transcript again
      begin(stored);
    }

    function reopen() {
      if (!conversation.hidden && !finished) {
        text.focus();
        if (chat && chat.after) send({ type: "seen", seq: chat.after });
      }
      else if (finished) (ended.hidden ? status : ended).focus();
      else {
        var first = form.querySelector("input:not([type=hidden]):not([tabindex='-1'])");
        if (first) first.focus();
      }
    }

    function connect() {
      clearTimeout(retryTimer);
      var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
      socket = new WebSocket(scheme + window.location.host + (chat.socket || "/ws/chat/"));
      socket.onopen = function () {
        socket.send(JSON.stringify({ type: "join", token: chat.token, after: chat.after || 0 }));
      };
      socket.onmessage = function (event) {
        var data;
        try { data = JSON.parse(event.data); } catch (e) { return; }
        var handler = handlers[data.type];
        if (handler) handler(data);
      };
      socket.onclose = function (event) {
        socket = null;
        if (event.code === 4403) return refused();
        if (finished) return;
        offline.hidden = false;
        var delay = Math.min(15, Math.pow(2, retry)) * 1000;
        retry += 1;
        retryTimer = setTimeout(connect, delay);
      };
    }

    function send(data) {
      if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify(data));
        return true;
      }
      return false;
    }

    function refused() {
      finished = true;
      forget();
      composer.hidden = true;
      offline.hidden = true;
      setStatus(ERRORS.forbidden);
    }

    var handlers = {
      joined: function (data) {
        retry = 0;
        offline.hidden = true;
        chat.reference = data.reference || chat.reference;
        save();
        applyState(data.state, data.staff, data.timeout);
        // Anything typed while offline goes again; the server stores a resent id once.
        pending.forEach(function (message) {
          send({ type: "message", text: message.text, id: message.id });
        });
      },
      message: function (data) { addMessage(data); },
      typing: function () {
        typing.textContent = words("typing", { name: staffName || words("our_team") });
        typing.hidden = false;
        clearTimeout(typingTimer);
        typingTimer = setTimeout(function () { typing.hidden = true; }, TYPING_SHOWN);
      },
      seen: function (data) {
        list.querySelectorAll(".chat-msg--visitor").forEach(function (item) {
          var mark = item.querySelector(".chat-msg__seen");
          if (mark && item.hasAttribute("data-seq") && Number(item.getAttribute("data-seq")) <= data.seq) mark.hidden = item !== lastVisitorItem;
        });
      },
      state: function (data) { applyState(data.state, data.staff, null); },
      crisis: function () { crisis.hidden = false; },
      error: function (data) {
        if (data.code === "forbidden") return refused();
        if (["empty", "too_long", "invalid", "rate_limited"].indexOf(data.code) >= 0 && pending.length) {
          // The refused message was not stored: give its text back to edit.
          var message = pending.shift();
          message.item.remove();
          if (!text.value) text.value = message.text;
        }
        showError(data.code, data.message);
      },
    };

    function applyState(state, staff, timeout) {
      staffName = staff || staffName;
      clearInterval(statusTimer);
      if (state === "waiting") {
        deadline = timeout != null ? Date.now() + timeout * 1000 : null;
        waitingStatus();
        statusTimer = setInterval(waitingStatus, 30000);
      } else if (state === "active") {
        setStatus(words("chatting", { name: staffName || words("our_admissions_team") }));
      } else if (state === "ended" || state === "unanswered") {
        finish(state);
      }
    }

    function waitingStatus() {
      var minutes = deadline ? Math.max(1, Math.ceil((deadline - Date.now()) / 60000)) : null;
      setStatus(words(!minutes ? "waiting" : minutes === 1 ? "waiting_minute" : "waiting_minutes", { minutes: minutes }));
    }

    function setStatus(message) {
      if (status.textContent !== message) status.textContent = message;
    }

    function finish(state) {
      finished = true;
      forget();
      clearTimeout(retryTimer);
      composer.hidden = true;
      typing.hidden = true;
      offline.hidden = true;
      setStatus("");
      $("reference").textContent = chat.reference || "";
      $("ended-title").textContent = state === "unanswered"
        ? words("unanswered")
        : words("ended");
      $("ended-callback").hidden = state !== "unanswered";
      ended.hidden = false;
      if (socket) socket.close(1000);
      if (dialog.open) ended.focus();
    }

    function addMessage(data) {
      if (data.seq) chat.after = Math.max(chat.after || 0, data.seq);
      save();
      var item = data.id && byId[data.id];
      if (item) {
        // The echo of our own message: it is stored now.
        pending = pending.filter(function (message) { return message.id !== data.id; });
        item.classList.remove("chat-msg--pending");
        item.setAttribute("data-seq", data.seq);
        item.querySelector(".chat-msg__state").textContent = "";
        if (data.at) item.querySelector(".chat-msg__meta").insertBefore(stamp(data.at), item.querySelector(".chat-msg__state"));
        return;
      }
      item = draw(data.sender, data.name, data.text, data.at);
      item.setAttribute("data-seq", data.seq);
      if (data.id) byId[data.id] = item;
      if (data.sender === "staff") {
        typing.hidden = true;
        if (dialog.open && !document.hidden) send({ type: "seen", seq: data.seq });
      }
    }

    function draw(sender, name, body, at) {
      var item = document.createElement("li");
      item.className = "chat-msg chat-msg--" + sender;
      var meta = document.createElement("p");
      meta.className = "chat-msg__meta";
      var who = document.createElement("span");
      who.className = "chat-msg__who";
      who.textContent = sender === "visitor" ? words("you") : sender === "staff" ? (name || words("our_team")) : "Lantana Recovery";
      meta.appendChild(who);
      if (at) meta.appendChild(stamp(at));
      var state = document.createElement("span");
      state.className = "chat-msg__state";
      meta.appendChild(state);
      var paragraph = document.createElement("p");
      paragraph.className = "chat-msg__text";
      paragraph.textContent = body;
      item.appendChild(meta);
      item.appendChild(paragraph);
      if (sender === "visitor") {
        var seen = document.createElement("p");
        seen.className = "chat-msg__seen";
        seen.textContent = words("seen");
        seen.hidden = true;
        item.appendChild(seen);
        if (lastVisitorItem) lastVisitorItem.querySelector(".chat-msg__seen").hidden = true;
        lastVisitorItem = item;
      }
      list.appendChild(item);
      item.scrollIntoView({ block: "end" });
      return item;
    }

    function stamp(at) {
      var time = document.createElement("time");
      time.dateTime = at;
      time.textContent = " " + new Date(at).toLocaleTimeString([document.documentElement.lang || "en"], { hour: "numeric", minute: "2-digit" });
      return time;
    }

    function showError(code, message) {
      error.textContent = ERRORS[code] || message || ERRORS.bad_request;
      error.hidden = false;
      text.setAttribute("aria-invalid", "true");
    }
    function clearError() {
      error.hidden = true;
      error.textContent = "";
      text.removeAttribute("aria-invalid");
    }

    composer.addEventListener("submit", function (event) {
      event.preventDefault();
      event.stopPropagation();
      var body = text.value.trim();
      if (!body) return showError("empty");
      clearError();
      var message = { id: uuid4(), text: body };
      message.item = draw("visitor", null, body, null);
      message.item.classList.add("chat-msg--pending");
      message.item.querySelector(".chat-msg__state").textContent = " Sending…";
      byId[message.id] = message.item;
      pending.push(message);
      text.value = "";
      send({ type: "message", text: body, id: message.id });
    }, true);

    text.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        composer.requestSubmit();
      }
    });
    text.addEventListener("input", function () {
      if (!error.hidden) clearError();
      var now = Date.now();
      if (now - lastTyping > TYPING_EVERY && text.value.trim()) {
        lastTyping = now;
        send({ type: "typing" });
      }
    });

    endButton.addEventListener("click", function () {
      if (!send({ type: "end" })) showError("bad_request", words("offline_end"));
    });

    document.addEventListener("visibilitychange", function () {
      if (!document.hidden && chat && chat.after) send({ type: "seen", seq: chat.after });
    });

    return { offer: offer, resume: resume, reopen: reopen };
  };
})();
