// Wagtail's rich text editor (Draftail) draws two <style> elements of its own: list
// numbering, and placeholders keyed by a random block id, so no fixed hash can
// allow them, and the admin's policy allows no inline style. This script's tag
// carries the response's style nonce; every <style> element a script creates
// gets it. A <style> in the markup, injected or not, has none and stays blocked.
(() => {
  const nonce = document.currentScript && document.currentScript.nonce;
  if (!nonce) return;
  const createElement = Document.prototype.createElement;
  Document.prototype.createElement = function (name, options) {
    const element = createElement.call(this, name, options);
    if (typeof name === "string" && name.toLowerCase() === "style") {
      element.nonce = nonce;
    }
    return element;
  };
})();
