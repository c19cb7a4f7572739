// Progressive enhancement only: every feature here works without JavaScript.
// Inlined at the end of every page (lantana/core/inline.py), so it runs as soon as
// the page is parsed with no request of its own; the other scripts (data-*
// attributes of this element) are fetched once the page has loaded and painted,
// so nothing competes with the first paint on a slow connection.
(function () {
  "use strict";
  var script = document.currentScript;

  // Close the phone menu with Escape and return focus to its toggle.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var nav = document.querySelector("[data-site-nav][open]");
    if (!nav) return;
    nav.removeAttribute("open");
    nav.querySelector("summary").focus();
  });

  // On wide screens the menu is always shown, and the article's contents open
  // (CSS already shows both there); phones keep the collapsed <details>.
  function openWhenWide(element, closeWhenNarrow) {
    if (!element || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 64rem)");
    var sync = function () {
      if (wide.matches) element.setAttribute("open", "");
      else if (closeWhenNarrow) element.removeAttribute("open");
    };
    sync();
    if (wide.addEventListener) wide.addEventListener("change", sync);
  }
  openWhenWide(document.querySelector("[data-site-nav]"), false);
  openWhenWide(document.querySelector("[data-article-toc]"), true);

  // A page that came back with a form's errors or its thank-you: focus that.
  var outcome =
    document.querySelector("[data-error-summary]") ||
    document.querySelector("[data-lead-thanks]");
  if (outcome) outcome.focus();

  function loadLater() {
    // chat.js reads where its dialog is from its own data-dialog.
    var sources = [[script.getAttribute("data-chat"), "data-dialog", script.getAttribute("data-chat-dialog")]];
    if (document.querySelector("form[data-lead-session]")) {
      sources.push([script.getAttribute("data-lead-form")]);
    }
    sources.push([script.getAttribute("data-insights"), "data-beacon", script.getAttribute("data-insights-beacon")]);
    if (document.querySelector("form[data-self-check]")) {
      sources.push([script.getAttribute("data-self-check")]);
    }
    var loading = sources.filter(function (source) {
      return source[0];
    }).map(function (source) {
      return new Promise(function (resolve) {
        var element = document.createElement("script");
        element.src = source[0];
        if (source[2]) element.setAttribute(source[1], source[2]);
        element.onload = element.onerror = resolve;
        document.body.appendChild(element);
      });
    });
    // Said once every script has run: "Chat with us" opens the dialog from then on.
    Promise.all(loading).then(function () {
      document.documentElement.setAttribute("data-enhanced", "");
    });
  }
  // After the load event and the first paint: a quick page can fire "load"
  // before it paints, and nothing should be fetched before that paint. A page
  // that does not paint (a tab opened in the background) loads them after 3 s.
  function afterFirstPaint() {
    var started = false;
    var start = function () {
      if (!started) {
        started = true;
        loadLater();
      }
    };
    var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
    if (types.indexOf("paint") < 0) {
      window.requestAnimationFrame(function () {
        window.setTimeout(start, 0);
      });
      return;
    }
    new PerformanceObserver(function (list, observer) {
      if (!list.getEntriesByName("first-contentful-paint").length) return;
      observer.disconnect();
      window.setTimeout(start, 0);
    }).observe({ type: "paint", buffered: true });
    window.setTimeout(start, 3000);
  }
  if (document.readyState === "complete") afterFirstPaint();
  else window.addEventListener("load", afterFirstPaint);
})();
