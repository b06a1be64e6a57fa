// Admin enhancements for content forms. A plain script under the site's CSP (no inline code).
"use strict";

// The words this script writes, in the editor's language: data-picture-* attributes of
// #admin-script-words, rendered with {% translate %} by templates/admin/change_form.html.
// The English here is only the fallback for a page without that element.
function pictureWord(name, fallback, values = {}) {
  const text = document.getElementById("admin-script-words")?.dataset[name] || fallback;
  return text.replace(/\{(\w+)\}/g, (match, key) => (key in values ? String(values[key]) : match));
}

document.addEventListener("prose-editor:ready", (event) => {
  const { editor, textarea } = event.detail;
  nameTheEditableArea(textarea);
  if (textarea.dataset.pictureLookup) addPictureInserter(editor, textarea);
});

// The editable area gets the name of its field's label, for screen readers.
function nameTheEditableArea(textarea) {
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  const editable = textarea.closest(".prose-editor")?.querySelector(".ProseMirror[contenteditable]");
  if (!label || !editable) return;
  label.id ||= `${textarea.id}_label`;
  editable.setAttribute("aria-labelledby", label.id);
  editable.setAttribute("role", "textbox");
  editable.setAttribute("aria-multiline", "true");
}

// "Insert a picture": pick one from the picture library, or upload a new one, in the admin's own
// popup windows (RelatedObjectLookups.js); the server answers with the sanitized <figure> to insert.
function addPictureInserter(editor, textarea) {
  const $ = window.django?.jQuery;
  if (!$) return;
  const inputId = `${textarea.id}_picture`;
  const bar = document.createElement("p");
  bar.className = "insert-picture";

  const input = document.createElement("input");
  input.type = "hidden";
  input.id = inputId;

  const pick = document.createElement("a");
  pick.id = `lookup_${inputId}`;
  pick.className = "related-lookup insert-picture__pick";
  pick.href = `${textarea.dataset.pictureLookup}?_to_field=id`;
  pick.textContent = pictureWord("picturePick", "Insert a picture from the library");

  const upload = document.createElement("a");
  upload.id = `add_${inputId}`;
  upload.className = "related-widget-wrapper-link add-related insert-picture__upload";
  upload.dataset.popup = "yes";
  upload.href = `${textarea.dataset.pictureAdd}?_to_field=id&_popup=1`;
  upload.textContent = pictureWord("pictureUpload", "Upload a new picture and insert it");

  const status = document.createElement("span");
  status.className = "insert-picture__status";
  status.setAttribute("role", "status");

  bar.append(input, pick, " · ", upload, " ", status);
  // Below the editor, not beside it: the admin lays out label and field in a flex row.
  (textarea.closest(".flex-container") ?? textarea.closest(".prose-editor")).after(bar);

  // RelatedObjectLookups.js announces the chosen or new picture with a jQuery "change" event.
  $(input).on("change", async () => {
    const pk = input.value.trim();
    input.value = "";
    if (!/^\d+$/.test(pk)) return;
    status.textContent = pictureWord("pictureInserting", "Inserting…");
    try {
      const response = await fetch(textarea.dataset.pictureEmbed.replace("/0/", `/${pk}/`), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      const data = await response.json();
      if (!response.ok) {
        throw new Error(
          data.error || pictureWord("pictureServerError", "The server answered {status}.", { status: response.status }),
        );
      }
      // After the block holding the cursor: a picture inserted just before stays selected, and
      // inserting "at the selection" would replace it.
      const { $to } = editor.state.selection;
      const at = $to.depth > 0 ? $to.after(1) : $to.pos;
      editor.chain().focus().insertContentAt(at, data.html).run();
      status.textContent = pictureWord("pictureInserted", "Picture inserted.");
    } catch (error) {
      status.textContent = error.message;
    }
  });
}
