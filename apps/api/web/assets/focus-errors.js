// After a refused form, take keyboard and screen-reader users to the list of problems: focus moves
// to the page's first error summary (each has tabindex="-1", so it takes focus without joining the
// tab order). Loaded with `defer`, so the document is parsed when this runs.
(() => {
  const summary = document.querySelector('.error-summary');
  if (!(summary instanceof HTMLElement)) {
    return;
  }
  if (!summary.hasAttribute('tabindex')) {
    summary.setAttribute('tabindex', '-1');
  }
  summary.focus();
})();
