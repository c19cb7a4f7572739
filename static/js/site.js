// Progressive enhancement only: every feature here works without JavaScript.
(function () {
  "use strict";

  // Close the phone menu with Escape and return focus to its toggle.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var nav = document.querySelector("[data-site-nav][open]");
    if (!nav) return;
    nav.removeAttribute("open");
    nav.querySelector("summary").focus();
  });

  // On wide screens the menu is always shown: keep the <details> open there.
  var nav = document.querySelector("[data-site-nav]");
  if (nav && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 64rem)");
    var sync = function () {
      if (wide.matches) nav.setAttribute("open", "");
    };
    sync();
    if (wide.addEventListener) wide.addEventListener("change", sync);
  }
})();

// Article contents: open on wide screens (CSS already shows it there); phones keep
// the collapsed <details> until tapped.
(function () {
  "use strict";
  var toc = document.querySelector("[data-article-toc]");
  if (!toc || !window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 64rem)");
  var sync = function () {
    if (wide.matches) toc.setAttribute("open", "");
    else toc.removeAttribute("open");
  };
  sync();
  if (wide.addEventListener) wide.addEventListener("change", sync);
})();
