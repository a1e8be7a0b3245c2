// Progressive enhancement only: every feature works without this file.
// Filter selects marked data-autosubmit submit their form as soon as they change.
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field.matches("select[data-autosubmit]") && field.form) {
    field.form.requestSubmit();
  }
});
