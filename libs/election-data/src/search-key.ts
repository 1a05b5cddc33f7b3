/**
 * A constituency name (or what someone typed to find one) as search compares it: accents dropped
 * (`Ynys Môn` → `ynys mon`), case folded, `&` read as `and` (`Hastings & Rye` finds `Hastings and
 * Rye`), every other punctuation mark a space, spaces collapsed. Names and queries go through the
 * same function, so a query matches a name when its key is a substring of the name's key.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
