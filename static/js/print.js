// Progressive enhancement for the print page: the "Print" button exists only where
// JavaScript can press it; without JavaScript, the browser's own print command works.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
