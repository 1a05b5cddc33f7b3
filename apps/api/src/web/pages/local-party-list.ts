import type { LocalPartyDto } from '../../local-parties/dto/local-party.dto.js';
import type { LocalPartiesService } from '../../local-parties/local-parties.service.js';

/** The largest page the local parties use case gives at a time. */
const PAGE = 200;

/**
 * Every local party, by name: the use case lists them a page at a time, and a page that offers a
 * choice of local party (or lists them all) must not silently stop at the first page. With
 * `retired`, only the retired (true) or the active (false) ones.
 */
export async function allLocalParties(
  service: LocalPartiesService,
  retired?: boolean,
): Promise<LocalPartyDto[]> {
  const all: LocalPartyDto[] = [];
  let cursor: string | undefined;
  do {
    const page = await service.listLocalParties({ limit: PAGE, cursor, retired });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}
