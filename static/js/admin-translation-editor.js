// wagtail-localize's translation editor (1.14.5), loaded only there by
// templates/wagtail_localize/admin/edit_translation.html, which gives the page its
// <h1>. Its React editor draws (and redraws) itself after load, so watch it and:
// - make each tab's heading ("English to Spanish translation") level 2, under
//   that <h1>: it prints an <h3> with no <h2> above it (axe: "heading-order"), and
//   the fields' <h3> headings ("Title", "Intro") come under it;
// - give the "Upload PO file" panels' file input the words of the button that opens
//   it (it is hidden and has no name of its own; axe: "label"), so it says the same
//   in every admin language.
(() => {
  const editor = document.querySelector(".js-translation-editor");
  if (!editor) return;
  const fix = () => {
    for (const heading of editor.querySelectorAll("section > div > h3:not([aria-level])")) {
      heading.setAttribute("aria-level", "2");
    }
    for (const input of editor.querySelectorAll('input[type="file"]:not([aria-label])')) {
      const panel = input.closest(".w-tabs__panel");
      const button = panel && panel.querySelector("button");
      const words = button && button.textContent.replace(/\s+/g, " ").trim();
      if (words) input.setAttribute("aria-label", words);
    }
  };
  fix();
  new MutationObserver(fix).observe(editor, { childList: true, subtree: true });
})();
