/**
 * Which regions of Great Britain neighbour which: the nine English regions, Scotland and Wales,
 * by their slugs. Two regions are neighbours when they share a land border (the Severn and the
 * Thames estuaries do not count: Kent–Essex and Somerset–Glamorgan are not neighbours, Gloucestershire–
 * Monmouthshire is). Northern Ireland has no neighbour: it is not in Great Britain and no pact
 * partner across the Irish Sea campaigns in the same place.
 *
 * Used by the suggestions to pair seats "in neighbouring regions" when asked: local parties that
 * swap must be able to campaign for each other, and a West Midlands seat for a South East one is a
 * deal nobody on the ground can carry, while Herefordshire–Gloucestershire (West Midlands–South
 * West) is an afternoon's drive.
 */
export const REGION_NEIGHBOURS: Readonly<Record<string, readonly string[]>> = {
  'north-east': ['north-west', 'scotland', 'yorkshire-and-the-humber'],
  'north-west': [
    'east-midlands',
    'north-east',
    'scotland',
    'wales',
    'west-midlands',
    'yorkshire-and-the-humber',
  ],
  'yorkshire-and-the-humber': ['east-midlands', 'north-east', 'north-west'],
  'east-midlands': [
    'east',
    'north-west',
    'south-east',
    'west-midlands',
    'yorkshire-and-the-humber',
  ],
  'west-midlands': ['east-midlands', 'north-west', 'south-east', 'south-west', 'wales'],
  east: ['east-midlands', 'london', 'south-east'],
  london: ['east', 'south-east'],
  'south-east': ['east', 'east-midlands', 'london', 'south-west', 'west-midlands'],
  'south-west': ['south-east', 'wales', 'west-midlands'],
  scotland: ['north-east', 'north-west'],
  wales: ['north-west', 'south-west', 'west-midlands'],
  'northern-ireland': [],
};

/** The regions bordering `region` (none for an unknown slug or Northern Ireland). */
export function neighbouringRegions(region: string): readonly string[] {
  return Object.hasOwn(REGION_NEIGHBOURS, region) ? (REGION_NEIGHBOURS[region] ?? []) : [];
}

/** Whether two regions are the same or share a border. */
export function sameOrNeighbouring(a: string, b: string): boolean {
  return a === b || neighbouringRegions(a).includes(b);
}
