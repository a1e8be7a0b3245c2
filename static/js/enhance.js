// Progressive enhancement only: every feature works without this file.

// A menu chosen with the mouse applies at once; with the keyboard, the arrows only move within the
// menu (Chrome changes a closed select on ↓) and the form's button applies the choice.
let pickedWithPointer = false;
document.addEventListener("pointerdown", (event) => {
  pickedWithPointer = Boolean(event.target.closest("select[data-autosubmit]"));
});
document.addEventListener("keydown", (event) => {
  if (event.target.matches?.("select[data-autosubmit]")) pickedWithPointer = false;
});
document.addEventListener("change", (event) => {
  const field = event.target;
  if (pickedWithPointer && field.matches("select[data-autosubmit]") && field.form) {
    field.form.requestSubmit();
  }
  pickedWithPointer = false;
});

// Short addresses: the empty fields of a filter form are not sent (the server would redirect anyway).
document.addEventListener("submit", (event) => {
  if (event.target.method !== "get") return;
  for (const field of event.target.elements) {
    if (field.name && field.value === "") field.disabled = true;
  }
});
window.addEventListener("pageshow", () => {
  for (const field of document.querySelectorAll("form [name]:disabled")) field.disabled = false;
});

// After filtering (the forms send readers to #results-title, which the browser focuses even without
// this script), focus stays on the results heading and the
// number found is announced.
const resultsTitle = document.getElementById("results-title");
if (resultsTitle && location.hash === "#results-title") {
  resultsTitle.focus({ preventScroll: false });
  const status = document.getElementById("results-status");
  if (status) {
    // Filled after load, so that screen readers hear a change rather than a page that already said it.
    setTimeout(() => {
      status.textContent = resultsTitle.textContent.trim().replace(/\s+/g, " ");
    }, 300);
  }
}

// Browsers without ::details-content keep the filter panel closed on wide screens: open it there.
const filtersPanel = document.querySelector("details.filters-panel");
if (filtersPanel && !CSS.supports("selector(::details-content)") && matchMedia("(min-width: 60rem)").matches) {
  filtersPanel.open = true;
}

// Copy buttons exist only where they work: created here, beside each field that asks for one.
for (const field of document.querySelectorAll("[data-copy-label]")) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "copy";
  button.textContent = field.dataset.copyLabel;
  field.after(button);
  button.addEventListener("click", async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
    } catch {
      document.execCommand("copy");
    }
    button.textContent = "✓ " + field.dataset.copyLabel;
  });
}
