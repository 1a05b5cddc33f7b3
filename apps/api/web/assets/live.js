// Live updates on top of htmx's SSE extension (the layout connects <body> to GET /live).
// Progressive enhancement only: without it, reloading a page shows the same state.
//
// - The header's inbox badge follows the stream's `inbox` events (data: the unread count).
// - Regions refreshed out of band (`data-live-region`) are never swapped while the person is
//   using them: focus inside, a field changed, an end form opened. Then the page's notice
//   (`#live-notice`) says it changed and offers a reload instead, and the region is left alone.
// - `[data-live-notice="<event>"]` elements are shown when that event arrives (the counter
//   form's "this pact changed" notice): nothing is swapped there at all.
(function () {
  'use strict';

  function setUnread(count) {
    var n = Number(count);
    if (!Number.isInteger(n) || n < 0) {
      return;
    }
    document.querySelectorAll('[data-inbox-badge]').forEach(function (badge) {
      var number = badge.querySelector('[data-inbox-count]');
      if (number) {
        number.textContent = String(n);
      }
      badge.hidden = n === 0;
    });
  }

  /** Whether the person is in the middle of something in `region`. */
  function inUse(region) {
    var active = document.activeElement;
    if (active && active !== document.body && region.contains(active)) {
      return true;
    }
    var fields = region.querySelectorAll('input, textarea, select');
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.type === 'hidden') {
        continue;
      }
      if (f.type === 'checkbox' || f.type === 'radio') {
        if (f.checked !== f.defaultChecked) {
          return true;
        }
      } else if (f.tagName === 'SELECT') {
        for (var j = 0; j < f.options.length; j++) {
          if (f.options[j].selected !== f.options[j].defaultSelected) {
            return true;
          }
        }
      } else if (f.value !== f.defaultValue) {
        return true;
      }
    }
    var details = region.querySelectorAll('details');
    for (var k = 0; k < details.length; k++) {
      if (details[k].open) {
        return true;
      }
    }
    return false;
  }

  function showNotice(element) {
    if (element && element.hidden) {
      element.hidden = false;
    }
  }

  document.addEventListener('htmx:oobBeforeSwap', function (event) {
    var target = event.detail && event.detail.target;
    if (!target || !target.hasAttribute('data-live-region')) {
      return;
    }
    if (inUse(target)) {
      event.detail.shouldSwap = false;
      showNotice(document.getElementById('live-notice'));
    }
  });

  // The stream itself, once the extension has opened it (again after every reconnect).
  document.addEventListener('htmx:sseOpen', function (event) {
    var source = event.detail && event.detail.source;
    if (!source || source.pactroomLive) {
      return;
    }
    source.pactroomLive = true;
    source.addEventListener('inbox', function (message) {
      setUnread(message.data);
    });
    document.querySelectorAll('[data-live-notice]').forEach(function (notice) {
      source.addEventListener(notice.getAttribute('data-live-notice'), function () {
        showNotice(notice);
      });
    });
  });
})();
