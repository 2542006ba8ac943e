// The page's own script (no inline scripts: the Content-Security-Policy allows only files
// from this server). The terminal itself is textual-serve's bundle, loaded after this.
"use strict";

// Fetch the font now, so the terminal measures its cells with it.
if (document.fonts) {
  document.fonts.load("16px 'Roboto Mono'");
}

window.addEventListener("DOMContentLoaded", () => {
  document.getElementById("restart").addEventListener("click", () => {
    window.location.reload();
  });
  // Keyboard first: once the app has drawn its screen, keys go to it without a click.
  const body = document.body;
  const watch = new MutationObserver(() => {
    const keys = document.querySelector(".xterm-helper-textarea");
    if (body.classList.contains("-first-byte") && keys) {
      watch.disconnect();
      keys.focus();
    }
  });
  watch.observe(body, { attributes: true, attributeFilter: ["class"] });
});
