/** A piece of a mail's plain text: words as they are, or a link to our own site. */
export type TextPiece =
  { readonly text: string } | { readonly text: string; readonly href: string };

/** Characters a URL in running text does not end with (a sentence's full stop, a closing bracket). */
const TRAILING = /[.,;:!?)\]}'"”’>]+$/;

/**
 * Splits plain text into words and links, linking only URLs on our own site (`publicUrl`), each as
 * the site-relative path so it opens wherever the mailbox is viewed; any other URL stays words, so
 * a mail can never turn the development mailbox into a page of links elsewhere.
 */
export function linkifyOwnUrls(text: string, publicUrl: string): TextPiece[] {
  const base = publicUrl.replace(/\/+$/, '');
  const pieces: TextPiece[] = [];
  const push = (words: string) => {
    if (words === '') {
      return;
    }
    const last = pieces.at(-1);
    if (last && !('href' in last)) {
      pieces[pieces.length - 1] = { text: last.text + words };
    } else {
      pieces.push({ text: words });
    }
  };
  let rest = text;
  while (rest !== '') {
    const at = rest.indexOf(base);
    if (at < 0) {
      push(rest);
      break;
    }
    push(rest.slice(0, at));
    const run = /^\S*/.exec(rest.slice(at))?.[0] ?? '';
    const url = run.replace(TRAILING, '');
    const path = url.slice(base.length);
    // `https://site.example.org.evil.test/…` starts with the base too: the next character must
    // begin a path (or end the URL).
    if (path === '' || path.startsWith('/')) {
      pieces.push({ text: url, href: path === '' ? '/' : path });
      rest = rest.slice(at + url.length);
    } else {
      push(url);
      rest = rest.slice(at + url.length);
    }
  }
  return pieces;
}
