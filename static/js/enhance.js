// Progressive enhancement only: every feature works without this file.
// Filter selects marked data-autosubmit submit their form as soon as they change.
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field.matches("select[data-autosubmit]") && field.form) {
    field.form.requestSubmit();
  }
});

// Copy buttons (hidden without JavaScript, where the fields can still be selected by hand).
for (const button of document.querySelectorAll("button.copy[data-copy]")) {
  button.hidden = false;
  button.addEventListener("click", async () => {
    const field = document.querySelector(button.dataset.copy);
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      button.dataset.label ??= button.textContent;
      button.textContent = "✓ " + button.dataset.label;
    } catch {
      document.execCommand("copy");
    }
  });
}
