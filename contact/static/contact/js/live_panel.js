// The staff live-chat panel (/admin/chats/, issue 14): availability, the queue of
// waiting and active chats, one conversation at a time. Wire protocol: the staff
// socket of contact/chat/consumers.py. Visitor text is only set with textContent.
(function () {
  "use strict";

  var root = document.querySelector("[data-live-panel]");
  if (!root) return;
  function $(name) { return root.querySelector("[data-panel-" + name + "]"); }

  var available = $("available"), connection = $("connection");
  var queueList = $("queue"), empty = $("empty");
  var view = $("conversation"), title = $("title"), meta = $("meta"), inspect = $("inspect");
  var urgent = $("urgent"), log = $("log"), typing = $("typing");
  var acceptRow = $("accept-row"), accept = $("accept");
  var composer = $("composer"), canned = $("canned"), text = $("text"), error = $("error");
  var tools = $("tools"), colleagues = $("colleagues"), closed = $("closed");

  var PING_EVERY = 30000;
  var ERRORS = {
    taken: "A colleague accepted this chat first.",
    not_yours: "This chat is not assigned to you.",
    empty: "Type a reply first.",
    too_long: "That reply is too long (1000 characters at most).",
    invalid: "That reply has characters that cannot be sent.",
    rate_limited: "Too many messages at once; wait a few seconds.",
  };

  var socket = null, retry = 0, retryTimer = null, pingTimer = null;
  var queue = [], current = null, after = 0, readSeq = {}, byId = {}, transcripts = {};
  var lastStaffItem = null, typingTimer = null, alerts = 0, baseTitle = document.title;
  var audio = null;
  // Each chat's alert is given once ("new", then "urgent"); null until the first
  // queue, which holds what was already there when the panel opened.
  var heard = null;
  var wanted = null; // the switch's state while the server has not confirmed it

  var replies = [];
  try {
    replies = JSON.parse(document.getElementById("canned-replies").textContent) || [];
  } catch (e) { replies = []; }
  replies.forEach(function (reply, index) {
    var option = document.createElement("option");
    option.value = String(index);
    option.textContent = reply.title;
    canned.appendChild(option);
  });

  function uuid4() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // --- the socket -------------------------------------------------------------
  function connect() {
    clearTimeout(retryTimer);
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + root.getAttribute("data-socket"));
    socket.onopen = function () {
      retry = 0;
      connection.textContent = "Connected.";
      connection.classList.remove("live-panel__connection--lost");
      send({ type: "available", on: available.checked });
      if (current) send({ type: "open", lead: current, after: after });
      clearInterval(pingTimer);
      pingTimer = setInterval(function () { send({ type: "ping" }); }, PING_EVERY);
    };
    socket.onmessage = function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (handlers[data.type]) handlers[data.type](data);
    };
    socket.onclose = function (event) {
      socket = null;
      clearInterval(pingTimer);
      connection.classList.add("live-panel__connection--lost");
      if (event.code === 4403) {
        connection.textContent = "You cannot take chats: sign in again, or ask for the lead reviewer role.";
        return;
      }
      var delay = Math.min(15, Math.pow(2, retry));
      retry += 1;
      connection.textContent = "Connection lost; trying again in " + delay + " s. Chats you accepted stay yours.";
      retryTimer = setTimeout(connect, delay * 1000);
    };
  }

  function send(data) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(data));
      return true;
    }
    return false;
  }

  var handlers = {
    queue: function (data) {
      queue = data.conversations || [];
      var now = Date.now();
      queue.forEach(function (chat) { chat.since = now - (chat.waitingSeconds || 0) * 1000; });
      drawQueue();
      alertMissed();
      if (current) drawHeader();
    },
    availability: function (data) {
      // An answer sent before the switch was last flipped must not flip it back.
      if (wanted === null || wanted === !!data.on) {
        wanted = null;
        available.checked = !!data.on;
      }
      colleagues.textContent = "";
      (data.colleagues || []).forEach(function (person) {
        var option = document.createElement("option");
        option.value = person.id;
        option.textContent = person.name;
        colleagues.appendChild(option);
      });
      $("handover").disabled = !colleagues.options.length;
    },
    message: function (data) {
      // Every opened chat's messages are kept: the server sends each one once.
      var kept = transcripts[data.lead] || (transcripts[data.lead] = {});
      var fresh = !kept[data.seq];
      kept[data.seq] = data;
      if (data.lead !== current) return;
      after = Math.max(after, data.seq);
      readSeq[current] = Math.max(readSeq[current] || 0, data.seq);
      var item = data.id && byId[data.id];
      if (item) {
        item.classList.remove("live-msg--pending");
        item.setAttribute("data-seq", data.seq);
        return;
      }
      if (!fresh) return;
      item = draw(data);
      if (data.id) byId[data.id] = item;
      if (data.sender === "visitor") {
        typing.hidden = true;
        if (!document.hidden) send({ type: "seen", lead: current, seq: data.seq });
      }
      drawQueue();
    },
    typing: function (data) {
      if (data.lead !== current) return;
      typing.hidden = false;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { typing.hidden = true; }, 6000);
    },
    seen: function (data) {
      if (data.lead !== current || !lastStaffItem) return;
      var seq = Number(lastStaffItem.getAttribute("data-seq") || 0);
      if (seq && seq <= data.seq) lastStaffItem.querySelector(".live-msg__seen").hidden = false;
    },
    alert: function (data) {
      if (heard) alertOnce(data.lead, data.urgent);
    },
    error: function (data) {
      showError(ERRORS[data.code] || data.message || "That did not work; please try again.");
    },
  };

  // --- alerts -------------------------------------------------------------------
  function alertOnce(lead, isUrgent) {
    var level = isUrgent ? "urgent" : "new";
    if (heard[lead] === level || heard[lead] === "urgent") return;
    heard[lead] = level;
    alerts += 1;
    document.title = "(" + alerts + ") " + (isUrgent ? "Urgent chat" : "New chat") + " · " + baseTitle;
    beep(isUrgent ? 3 : 2);
  }

  // An alert sent while the socket was down (reconnecting) is never resent: the
  // queue that follows the reconnection still shows the chat, so it alerts here.
  function alertMissed() {
    var first = heard === null;
    if (first) heard = {};
    queue.forEach(function (chat) {
      if (chat.state !== "waiting" && !chat.urgent) return;
      if (first) heard[chat.lead] = chat.urgent ? "urgent" : "new";
      else alertOnce(chat.lead, chat.urgent);
    });
  }

  // --- the queue ----------------------------------------------------------------
  function find(lead) {
    for (var i = 0; i < queue.length; i++) if (queue[i].lead === lead) return queue[i];
    return null;
  }

  function waited(chat) {
    var seconds = Math.max(0, Math.round((Date.now() - chat.since) / 1000));
    var minutes = Math.floor(seconds / 60);
    return minutes + ":" + String(seconds % 60).padStart(2, "0");
  }

  function drawQueue() {
    queueList.textContent = "";
    empty.hidden = queue.length > 0;
    queue.forEach(function (chat) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "live-queue__item" + (chat.urgent ? " live-queue__item--urgent" : "") + (chat.lead === current ? " live-queue__item--open" : "");
      button.setAttribute("aria-pressed", chat.lead === current ? "true" : "false");
      button.setAttribute("data-lead", chat.lead);
      var name = document.createElement("span");
      name.className = "live-queue__name";
      name.textContent = chat.name;
      var ref = document.createElement("span");
      ref.className = "live-queue__ref";
      ref.textContent = chat.reference;
      var state = document.createElement("span");
      state.className = "live-queue__state";
      state.textContent = chat.state === "waiting"
        ? "Waiting " + waited(chat)
        : (chat.mine ? "With you" : "With " + (chat.staff || "a colleague"));
      state.setAttribute("data-panel-wait", chat.state === "waiting" ? chat.lead : "");
      button.appendChild(name);
      button.appendChild(ref);
      button.appendChild(state);
      if (chat.urgent) button.appendChild(badge("Urgent", "live-queue__badge--urgent"));
      var unread = chat.lastSeq - (readSeq[chat.lead] || 0);
      if (chat.lead !== current && unread > 0) button.appendChild(badge(unread + " unread", "live-queue__badge--unread"));
      button.addEventListener("click", function () { open(chat.lead); });
      item.appendChild(button);
      queueList.appendChild(item);
    });
  }

  function badge(label, modifier) {
    var span = document.createElement("span");
    span.className = "live-queue__badge " + modifier;
    span.textContent = label;
    return span;
  }

  setInterval(function () {
    queueList.querySelectorAll("[data-panel-wait]").forEach(function (span) {
      var chat = find(Number(span.getAttribute("data-panel-wait")));
      if (chat && chat.state === "waiting") span.textContent = "Waiting " + waited(chat);
    });
  }, 1000);

  // --- one conversation -------------------------------------------------------------
  function open(lead) {
    if (current !== lead) {
      current = lead;
      after = 0;
      byId = {};
      lastStaffItem = null;
      log.textContent = "";
      typing.hidden = true;
      clearError();
      var kept = transcripts[lead] || {};
      Object.keys(kept)
        .map(Number)
        .sort(function (a, b) { return a - b; })
        .forEach(function (seq) {
          draw(kept[seq]);
          after = seq;
        });
      readSeq[lead] = Math.max(readSeq[lead] || 0, after);
      send({ type: "open", lead: lead, after: after });
    }
    alerts = 0;
    document.title = baseTitle;
    view.hidden = false;
    drawHeader();
    drawQueue();
    title.focus();
  }

  function drawHeader() {
    var chat = find(current);
    inspect.href = root.getAttribute("data-inspect-url").replace("/0/", "/" + current + "/");
    if (!chat) {
      // Ended, unanswered or closed: no longer in the queue.
      acceptRow.hidden = composer.hidden = tools.hidden = urgent.hidden = true;
      closed.hidden = false;
      meta.textContent = "";
      return;
    }
    title.textContent = chat.name + " · " + chat.reference;
    meta.textContent = chat.state === "waiting"
      ? "Waiting for someone to accept."
      : chat.mine ? "You are chatting." : "With " + (chat.staff || "a colleague") + ".";
    if (chat.spanish) meta.textContent += " Spanish-speaking visitor.";
    urgent.hidden = !chat.urgent;
    closed.hidden = true;
    acceptRow.hidden = chat.state !== "waiting";
    composer.hidden = tools.hidden = !(chat.state === "active" && chat.mine);
  }

  function draw(data) {
    var item = document.createElement("li");
    item.className = "live-msg live-msg--" + data.sender;
    if (data.seq) item.setAttribute("data-seq", data.seq);
    var who = document.createElement("p");
    who.className = "live-msg__meta";
    var name = document.createElement("strong");
    name.textContent = data.sender === "visitor" ? (find(current) || {}).name || "Visitor" : data.sender === "staff" ? (data.name || "Staff") : "System";
    who.appendChild(name);
    if (data.at) {
      var time = document.createElement("time");
      time.dateTime = data.at;
      time.textContent = " " + new Date(data.at).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
      who.appendChild(time);
    }
    var body = document.createElement("p");
    body.className = "live-msg__text";
    body.textContent = data.text;
    item.appendChild(who);
    item.appendChild(body);
    if (data.sender === "staff") {
      var seen = document.createElement("p");
      seen.className = "live-msg__seen";
      seen.textContent = "Seen";
      seen.hidden = true;
      item.appendChild(seen);
      if (lastStaffItem) lastStaffItem.querySelector(".live-msg__seen").hidden = true;
      lastStaffItem = item;
    }
    log.appendChild(item);
    item.scrollIntoView({ block: "nearest" });
    return item;
  }

  function showError(message) {
    error.textContent = message;
    error.hidden = false;
  }
  function clearError() {
    error.hidden = true;
    error.textContent = "";
  }

  accept.addEventListener("click", function () {
    clearError();
    send({ type: "accept", lead: current });
  });

  composer.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = text.value.trim();
    if (!body) return showError(ERRORS.empty);
    clearError();
    var id = uuid4();
    if (!send({ type: "message", lead: current, text: body, id: id })) {
      return showError("Not connected just now; your reply is still here. It will work again in a moment.");
    }
    var item = draw({ sender: "staff", name: "You", text: body });
    item.classList.add("live-msg--pending");
    byId[id] = item;
    text.value = "";
  });

  text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  var lastTyping = 0;
  text.addEventListener("input", function () {
    var now = Date.now();
    if (now - lastTyping > 3000 && text.value.trim()) {
      lastTyping = now;
      send({ type: "typing", lead: current });
    }
  });

  canned.addEventListener("change", function () {
    var reply = replies[Number(canned.value)];
    if (canned.value !== "" && reply) {
      var start = text.selectionStart, end = text.selectionEnd;
      text.value = text.value.slice(0, start) + reply.text + text.value.slice(end);
      text.selectionStart = text.selectionEnd = start + reply.text.length;
    }
    canned.value = "";
    text.focus();
  });

  $("handover").addEventListener("click", function () {
    if (colleagues.value) send({ type: "handover", lead: current, to: Number(colleagues.value) });
  });
  $("close").addEventListener("click", function () {
    send({ type: "close", lead: current });
  });

  available.addEventListener("change", function () {
    wanted = available.checked;
    unlockAudio();
    send({ type: "available", on: available.checked });
  });

  // --- the alert sound, made here: no file from anywhere -------------------------
  // Browsers start audio only after a gesture on the page, so any click unlocks it.
  function unlockAudio() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) audio = new Context();
    if (!audio) return;
    var ready = audio.state === "suspended" ? audio.resume() : Promise.resolve();
    ready.then(function () {
      root.setAttribute("data-sound", audio.state); // "running" once alerts can sound
    }, function () {});
  }
  document.addEventListener("pointerdown", unlockAudio, { once: true });
  document.addEventListener("keydown", unlockAudio, { once: true });

  function beep(count) {
    if (!audio || audio.state !== "running") return;
    for (var i = 0; i < count; i++) {
      var at = audio.currentTime + i * 0.22;
      var tone = audio.createOscillator();
      var gain = audio.createGain();
      tone.type = "sine";
      tone.frequency.value = i % 2 ? 660 : 880;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
      tone.connect(gain).connect(audio.destination);
      tone.start(at);
      tone.stop(at + 0.2);
    }
  }

  window.addEventListener("focus", function () {
    if (alerts && !view.hidden) {
      alerts = 0;
      document.title = baseTitle;
    }
  });

  connect();
})();
