// Reorder the rows of a tabular admin inline by dragging them, or with "Move up" / "Move down".
//
// Opted into from Python (clusterportal.admin.OrderedTabularInline), which marks the inline's
// position input with data-inline-order. The numbers stay visible and editable; after each move
// every filled row is renumbered 10, 20, 30 … in the order shown. Empty extra rows (and the
// hidden "empty-form" template) keep their number untouched: a changed number would make Django
// validate an empty form ("This field is required").
//
// A plain script under the site's CSP: no inline code and no style attributes; the look is in
// inline-order.css, switched with classes and the hidden attribute.
"use strict";
{
  const STEP = 10;
  const SKIPPED_TYPES = new Set(["hidden", "button", "submit", "reset", "image"]);
  /** The row being dragged and its table body, while a drag is in progress. */
  let dragged = null;

  // The words this script writes, in the editor's language: data-order-* attributes of
  // #admin-script-words, rendered with {% translate %} by templates/admin/change_form.html;
  // {position} and {total} are filled in here. The English is only the fallback for a page
  // without that element.
  function word(name, fallback, values = {}) {
    const text = document.getElementById("admin-script-words")?.dataset[name] || fallback;
    return text.replace(/\{(\w+)\}/g, (match, key) => (key in values ? String(values[key]) : match));
  }

  const formRows = (tbody) => [...tbody.children].filter((row) => row.matches("tr.form-row:not(.empty-form)"));
  const positionInput = (row) => row.querySelector("input[data-inline-order]");

  // A row counts once it holds an object, or the editor has put something in it.
  function isFilled(row) {
    if (row.classList.contains("has_original")) return true;
    const position = positionInput(row);
    return [...row.querySelectorAll("input, select, textarea")].some((field) => {
      if (field === position || SKIPPED_TYPES.has(field.type) || field.name.endsWith("-DELETE")) return false;
      if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
      return field.value.trim() !== "";
    });
  }

  const filledRows = (tbody) => formRows(tbody).filter(isFilled);

  // A row and its "row-form-errors" row (just before it), which travel together.
  function block(row) {
    const previous = row.previousElementSibling;
    return previous?.classList.contains("row-form-errors") ? [previous, row] : [row];
  }

  const placeBefore = (row, target) => block(target)[0].before(...block(row));
  const placeAfter = (row, target) => target.after(...block(row));

  function renumber(tbody) {
    let position = 0;
    for (const row of formRows(tbody)) {
      const input = positionInput(row);
      if (!input) continue;
      if (isFilled(row)) {
        position += STEP;
        if (input.value !== String(position)) {
          input.value = String(position);
          input.dispatchEvent(new Event("change", { bubbles: true }));
        }
        row.dataset.inlineOrderNumbered = "";
      } else {
        forgetNumber(row);
      }
    }
  }

  // A row numbered here that has been emptied again goes back to the number it came with.
  function forgetNumber(row) {
    if (!("inlineOrderNumbered" in row.dataset)) return;
    delete row.dataset.inlineOrderNumbered;
    const input = positionInput(row);
    if (input) input.value = input.defaultValue;
  }

  // Only filled rows get the controls.
  function refresh(row) {
    const controls = row.querySelector(".inline-order");
    if (!controls || row.classList.contains("empty-form")) return;
    const filled = isFilled(row);
    controls.hidden = !filled;
    if (filled) placeLast(row);
    else forgetNumber(row);
  }

  // A new row the editor fills in joins the end of the list, where it stands on screen; left
  // at its default number (0) it would be saved first. A number the editor typed is kept.
  function placeLast(row) {
    const input = positionInput(row);
    if (!input || row.classList.contains("has_original") || "inlineOrderNumbered" in row.dataset) return;
    if (input.value !== input.defaultValue) return;
    const others = filledRows(row.parentElement).filter((other) => other !== row);
    const highest = Math.max(0, ...others.map((other) => Number(positionInput(other)?.value) || 0));
    input.value = String(highest + STEP);
    row.dataset.inlineOrderNumbered = "";
  }

  function moveButton(direction, label, glyph) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = `inline-order__move inline-order__move--${direction}`;
    button.dataset.inlineOrderMove = direction;
    button.setAttribute("aria-label", label);
    button.title = label;
    button.textContent = glyph;
    return button;
  }

  function addControls(row) {
    const input = positionInput(row);
    if (!input || row.querySelector(".inline-order")) return;
    input.closest("td")?.classList.add("inline-order__cell");
    const controls = document.createElement("span");
    controls.className = "inline-order";
    // The grip is for the mouse; keyboard and screen-reader users have the two buttons.
    const handle = document.createElement("span");
    handle.className = "inline-order__handle";
    handle.setAttribute("aria-hidden", "true");
    handle.title = word("orderHandle", "Drag to reorder");
    handle.textContent = "⠿";
    controls.append(
      handle,
      moveButton("up", word("orderUp", "Move up"), "↑"),
      moveButton("down", word("orderDown", "Move down"), "↓"),
    );
    input.after(controls);
  }

  // Emptied first, so that the same words twice ("Already first…") are announced twice.
  function announce(tbody, message) {
    const status = tbody.closest(".inline-group")?.querySelector(".inline-order__status");
    if (!status) return;
    status.textContent = "";
    requestAnimationFrame(() => {
      status.textContent = message;
    });
  }

  function announcePosition(tbody, row) {
    const filled = filledRows(tbody);
    const values = { position: filled.indexOf(row) + 1, total: filled.length };
    announce(tbody, word("orderMoved", "Moved to position {position} of {total}.", values));
  }

  // "Move up" / "Move down": the neighbouring filled row moves instead, so the pressed button
  // never leaves the document and keeps the focus.
  function moveByButton(row, direction) {
    const tbody = row.parentElement;
    const filled = filledRows(tbody);
    const index = filled.indexOf(row);
    if (index < 0) {
      refresh(row);
      return;
    }
    if (direction === "up" && index === 0) {
      announce(tbody, word("orderFirst", "Already first: position 1 of {total}.", { total: filled.length }));
      return;
    }
    if (direction === "down" && index === filled.length - 1) {
      announce(tbody, word("orderLast", "Already last: position {total} of {total}.", { total: filled.length }));
      return;
    }
    if (direction === "up") placeAfter(filled[index - 1], row);
    else placeBefore(filled[index + 1], row);
    renumber(tbody);
    announcePosition(tbody, row);
  }

  // --- dragging ----------------------------------------------------------------------------

  function clearDropMarks(tbody) {
    for (const row of tbody.querySelectorAll(".inline-order--drop-before, .inline-order--drop-after")) {
      row.classList.remove("inline-order--drop-before", "inline-order--drop-after");
    }
  }

  // Where a dragged row would land: before or after the row under the pointer.
  function dropTarget(event, tbody) {
    const row = event.target.closest?.("tr");
    if (!row || row.parentElement !== tbody) return null;
    if (row.classList.contains("row-form-errors")) {
      const owner = row.nextElementSibling;
      return owner ? { row: owner, before: true } : null;
    }
    if (row.classList.contains("add-row")) {
      const rows = formRows(tbody);
      return rows.length ? { row: rows[rows.length - 1], before: false } : null;
    }
    if (!row.matches("tr.form-row:not(.empty-form)")) return null;
    const box = row.getBoundingClientRect();
    return { row, before: event.clientY < box.top + box.height / 2 };
  }

  function endDrag() {
    if (!dragged) return;
    const { row, tbody } = dragged;
    for (const part of block(row)) part.classList.remove("inline-order--dragging");
    row.draggable = false;
    clearDropMarks(tbody);
    dragged = null;
  }

  // --- keeping Django's form numbering valid -----------------------------------------------

  // When an added row is removed, inlines.js renumbers every form (names, ids) in the order the
  // rows are shown. Once rows were reordered, a new form could then take the number of an
  // existing object's form (Django matches those by number: below INITIAL_FORMS). Give the
  // existing objects' forms their own numbers back; added forms follow.
  function restoreFormNumbers(tbody, prefix) {
    const initial = Number(document.getElementById(`id_${prefix}-INITIAL_FORMS`)?.value ?? 0);
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const pattern = new RegExp(`(${escaped}-(\\d+|__prefix__))`);
    let next = initial;
    for (const row of formRows(tbody)) {
      const original = Number(row.dataset.inlineOrderForm);
      const number = original < initial ? original : next++;
      for (const element of [row, ...row.querySelectorAll("*")]) {
        for (const attribute of ["id", "name", "for"]) {
          const value = element.getAttribute(attribute);
          if (value) element.setAttribute(attribute, value.replace(pattern, `${prefix}-${number}`));
        }
      }
    }
  }

  // --- setting up ------------------------------------------------------------------------------

  function setUp(group) {
    const tbody = group.querySelector("table > tbody");
    if (!tbody) return;
    const prefix = group.id.replace(/-group$/, "");

    const status = document.createElement("p");
    status.className = "inline-order__status";
    status.setAttribute("role", "status");
    group.querySelector("table").after(status);

    // The template row gets the controls too, so rows added from it ("Add another") have them.
    for (const row of tbody.querySelectorAll(":scope > tr.form-row")) {
      const number = row.id.match(/-(\d+)$/);
      if (number && !row.classList.contains("empty-form")) row.dataset.inlineOrderForm = number[1];
      addControls(row);
      if (row.classList.contains("empty-form")) row.querySelector(".inline-order")?.setAttribute("hidden", "");
      else refresh(row);
    }

    const refreshFrom = (event) => {
      const row = event.target.closest?.("tr.form-row");
      if (row && row.parentElement === tbody) refresh(row);
    };
    group.addEventListener("input", refreshFrom);
    group.addEventListener("formset:added", refreshFrom);
    // The admin's lookup popups (raw_id_fields) announce a choice with a jQuery "change" event,
    // which native listeners never see; a jQuery listener sees both kinds.
    const $ = window.django?.jQuery;
    if ($) $(group).on("change", refreshFrom);
    else group.addEventListener("change", refreshFrom);

    document.addEventListener("formset:removed", (event) => {
      if (event.detail?.formsetName === prefix) queueMicrotask(() => restoreFormNumbers(tbody, prefix));
    });

    group.addEventListener("click", (event) => {
      const button = event.target.closest?.("[data-inline-order-move]");
      const row = button?.closest("tr.form-row");
      if (row && row.parentElement === tbody) moveByButton(row, button.dataset.inlineOrderMove);
    });

    // A row is draggable only while its grip is held, so text in its inputs stays selectable.
    group.addEventListener("pointerdown", (event) => {
      const row = event.target.closest?.(".inline-order__handle")?.closest("tr.form-row");
      if (row && row.parentElement === tbody) row.draggable = true;
    });
    const release = () => {
      if (!dragged) for (const row of formRows(tbody)) row.draggable = false;
    };
    document.addEventListener("pointerup", release);
    document.addEventListener("pointercancel", release);

    group.addEventListener("dragstart", (event) => {
      const row = event.target;
      if (!(row instanceof HTMLTableRowElement) || !row.draggable || row.parentElement !== tbody) return;
      dragged = { row, tbody };
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", "");
      for (const part of block(row)) part.classList.add("inline-order--dragging");
    });

    group.addEventListener("dragover", (event) => {
      if (dragged?.tbody !== tbody) return;
      const target = dropTarget(event, tbody);
      if (!target) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      clearDropMarks(tbody);
      if (target.row !== dragged.row) {
        target.row.classList.add(target.before ? "inline-order--drop-before" : "inline-order--drop-after");
      }
    });

    group.addEventListener("dragleave", (event) => {
      if (dragged?.tbody === tbody && !tbody.contains(event.relatedTarget)) clearDropMarks(tbody);
    });

    group.addEventListener("drop", (event) => {
      if (dragged?.tbody !== tbody) return;
      event.preventDefault();
      const target = dropTarget(event, tbody);
      const { row } = dragged;
      if (target && target.row !== row) {
        if (target.before) placeBefore(row, target.row);
        else placeAfter(row, target.row);
        renumber(tbody);
        announcePosition(tbody, row);
      }
      endDrag();
    });

    group.addEventListener("dragend", endDrag);
  }

  function setUpAll() {
    for (const group of document.querySelectorAll('.inline-group[data-inline-type="tabular"]')) {
      if (group.querySelector("input[data-inline-order]")) setUp(group);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpAll);
  else setUpAll();
}
