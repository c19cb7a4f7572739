// First-party counts and real-user speed (insights/), loaded after the first paint.
// Sends at most two tiny beacons to our own origin per page: a view once the page
// is idle, and on leaving, the speed measured and any form begun. No cookie, no
// storage, no identifier; nothing from any form but the kind of lead it is. Do Not
// Track, Global Privacy Control and automated browsers: nothing is sent at all.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-beacon");
  var nav = window.navigator;
  if (!url || !nav.sendBeacon || !window.JSON) return;
  if (nav.doNotTrack === "1" || window.doNotTrack === "1" || nav.globalPrivacyControl || nav.webdriver) return;
  var type = document.body.getAttribute("data-page-type");
  if (!type) return;

  var referrer = "";
  var fromPath = "";
  try {
    if (document.referrer) {
      var from = new URL(document.referrer);
      referrer = from.host;
      if (from.origin === location.origin && from.pathname !== location.pathname) fromPath = from.pathname;
    }
  } catch (error) { /* an unreadable referrer counts as none */ }
  var campaign = new URLSearchParams(location.search).get("utm_campaign") || "";
  if (!/^[\w.-]{1,60}$/.test(campaign)) campaign = "";

  function send(events, vitals) {
    var body = { p: location.pathname, t: type, e: events };
    if (referrer) body.r = referrer;
    if (campaign) body.c = campaign;
    if (fromPath && events.length && events[0][0] !== "view") body.a = fromPath;
    if (vitals) body.v = vitals;
    nav.sendBeacon(url, JSON.stringify(body));
  }

  // The view: once the browser is idle, so it never competes with the page (or
  // with the speed, if the visitor leaves first).
  var viewSent = false;
  var idle = window.requestIdleCallback || function (callback) { window.setTimeout(callback, 1); };
  idle(function () {
    if (viewSent) return;
    viewSent = true;
    send([["view"]]);
  }, { timeout: 5000 });

  // A form begun (the first thing typed or chosen), and a lead sent (its thank-you).
  var pending = [];
  var sent = document.querySelector("[data-lead-sent]");
  if (sent) pending.push(["lead_sent", sent.getAttribute("data-lead-sent")]);
  var started = {};
  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form[data-lead-kind]");
    if (!form) return;
    var kind = form.getAttribute("data-lead-kind");
    if (started[kind]) return;
    started[kind] = true;
    pending.push(["lead_started", kind]);
  }, true);

  // Real-user speed from the browser's own performance entries.
  // An observer's entries reach it in a later task: the ones still waiting when the
  // page is hidden (the click that left the page, a late LCP) are taken by hand.
  var vitals = {};
  var observers = [];
  function observe(type, callback, options) {
    try {
      var observer = new PerformanceObserver(function (list) { list.getEntries().forEach(callback); });
      observer.observe(Object.assign({ type: type, buffered: true }, options || {}));
      observers.push([observer, callback]);
    } catch (error) { /* not supported in this browser */ }
  }
  function takeRecords() {
    observers.forEach(function (pair) {
      try { pair[0].takeRecords().forEach(pair[1]); } catch (error) { /* none */ }
    });
  }
  observe("largest-contentful-paint", function (entry) {
    vitals.lcp = Math.round(entry.renderTime || entry.startTime);
  });
  var session = 0, sessionStart = 0, sessionLast = 0;
  observe("layout-shift", function (entry) {
    if (entry.hadRecentInput) return;
    // Shifts in one burst (gaps < 1 s, burst < 5 s) add up; CLS is the worst burst.
    if (entry.startTime - sessionLast > 1000 || entry.startTime - sessionStart > 5000) {
      session = 0;
      sessionStart = entry.startTime;
    }
    session += entry.value;
    sessionLast = entry.startTime;
    vitals.cls = Math.max(vitals.cls || 0, Math.round(session * 1000) / 1000);
  });
  observe("event", function (entry) {
    if (!entry.interactionId) return;
    vitals.inp = Math.max(vitals.inp || 0, Math.round(entry.duration));
  }, { durationThreshold: 40 });
  observe("first-input", function (entry) {
    vitals.inp = Math.max(vitals.inp || 0, Math.round(entry.duration));
  });

  // Sent once, the first time the page is hidden or left: a page that comes back
  // into view is not measured twice. Both events are listened to, as some
  // browsers give only one of them on leaving (a link followed in the same tab).
  var vitalsSent = false;
  function flush() {
    takeRecords();
    if (!viewSent) {
      viewSent = true;
      pending.push(["view"]);
    }
    var withVitals = !vitalsSent && Object.keys(vitals).length > 0;
    if (!pending.length && !withVitals) return;
    send(pending.splice(0, 8), withVitals ? vitals : null);
    vitalsSent = vitalsSent || withVitals;
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush();
  });
  window.addEventListener("pagehide", flush);
})();
