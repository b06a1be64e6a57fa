// Admin enhancements for content forms. Loaded as a plain script under the site's CSP.
"use strict";

// The rich-text editor's editable area gets the name of its field's label, for screen readers.
document.addEventListener("prose-editor:ready", (event) => {
  const textarea = event.detail.textarea;
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  const editable = textarea.closest(".prose-editor")?.querySelector(".ProseMirror[contenteditable]");
  if (!label || !editable) return;
  label.id ||= `${textarea.id}_label`;
  editable.setAttribute("aria-labelledby", label.id);
  editable.setAttribute("role", "textbox");
  editable.setAttribute("aria-multiline", "true");
});
