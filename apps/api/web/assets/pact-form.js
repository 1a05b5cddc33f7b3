// Progressive enhancement of the pact form: picking a constituency from the search matches fills
// the row's field (without JavaScript the typed name or code is resolved when the form is sent).
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button.match') : null;
  if (!button) {
    return;
  }
  const row = button.getAttribute('data-row');
  const input = document.getElementById(`sa-${row}-constituency`);
  const matches = document.getElementById(`sa-${row}-matches`);
  if (!(input instanceof HTMLInputElement)) {
    return;
  }
  input.value = button.getAttribute('data-label') || '';
  if (matches) {
    matches.textContent = '';
  }
  input.focus();
  // The live preview listens for changes on the form.
  input.dispatchEvent(new Event('change', { bubbles: true }));
});

// After a refused submit, take keyboard and screen-reader users to the list of problems.
document.addEventListener('DOMContentLoaded', () => {
  const summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
  }
});
