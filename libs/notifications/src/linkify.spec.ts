import { describe, expect, it } from '@jest/globals';
import { linkifyOwnUrls } from './linkify.js';

const SITE = 'https://pactroom.example.org';

describe('linkifyOwnUrls', () => {
  it('links our own URLs as site paths, leaving trailing punctuation as words', () => {
    expect(linkifyOwnUrls(`Open it: ${SITE}/pact/abc. Thanks`, SITE)).toEqual([
      { text: 'Open it: ' },
      { text: `${SITE}/pact/abc`, href: '/pact/abc' },
      { text: '. Thanks' },
    ]);
  });

  it('keeps URLs elsewhere, and look-alike hosts, as plain words', () => {
    const text = `See https://evil.test/x and ${SITE}.evil.test/pact/1 now`;
    expect(linkifyOwnUrls(text, SITE)).toEqual([{ text }]);
  });

  it('links the bare site and several URLs on several lines', () => {
    expect(linkifyOwnUrls(`${SITE}\n(${SITE}/account/notifications)`, `${SITE}/`)).toEqual([
      { text: SITE, href: '/' },
      { text: '\n(' },
      { text: `${SITE}/account/notifications`, href: '/account/notifications' },
      { text: ')' },
    ]);
  });

  it('gives text without URLs back whole, and nothing for nothing', () => {
    expect(linkifyOwnUrls('Dear <b>you</b>', SITE)).toEqual([{ text: 'Dear <b>you</b>' }]);
    expect(linkifyOwnUrls('', SITE)).toEqual([]);
  });
});
