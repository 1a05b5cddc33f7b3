/**
 * The file name a downloaded certificate is saved under: the pact's title as a slug (accents
 * dropped, lower case, words joined by dashes, at most 60 characters), so a person's downloads
 * say which pact each is; a title with no letters or digits left gives `pact`.
 */
export function certificateFileName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'pact'}-certificate.json`;
}
