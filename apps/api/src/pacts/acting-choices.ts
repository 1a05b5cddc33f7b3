import { PARTIES, REGIONS } from '@pactroom/election-data';
import {
  commandIdentities,
  type ActingFor,
  type Actor,
  type Pact,
  type PactCommandType,
} from '@pactroom/negotiation';

/** One identity a person could act under, as a form offers it. */
export interface ActingChoice {
  /** A local party id (officer), or `party:region` (coordinator). */
  readonly value: string;
  readonly label: string;
  /** What it is for, without the role: the local party's name, or party and region. */
  readonly name: string;
}

/**
 * Per command, the identities the person may act under. With one, the form names it anyway: the
 * command's own check may see several grants that fit (a slot already approved among them).
 */
export type ActingChoices = Partial<Record<PactCommandType, ActingChoice[]>>;

const partyName = (code: string) => PARTIES.find((p) => p.code === code)?.name ?? code;
const regionName = (slug: string) => REGIONS.find((r) => r.slug === slug)?.name ?? slug;

/**
 * Whether grants can give a person a choice of identity on a pact: several grants, or one national
 * grant (a party's HQ acts for many local parties).
 */
export function mayHaveChoices(grants: readonly { readonly role: string }[]): boolean {
  return grants.length > 1 || grants.some((g) => g.role === 'national');
}

/**
 * The choices a page offers for `actingFor`: the identities the negotiation rules
 * (`commandIdentities`) allow for each command, named.
 */
export function actingChoices(
  pact: Pact,
  commands: readonly PactCommandType[],
  actor: Actor,
  localPartyNames: Readonly<Record<string, string>>,
): ActingChoices {
  const choices: ActingChoices = {};
  for (const command of commands) {
    const identities = commandIdentities(pact, command, actor);
    if (identities.length > 0) {
      choices[command] = identities.map((identity) => {
        if (identity.role === 'officer') {
          const name = localPartyNames[identity.localPartyId] ?? partyName(identity.party);
          const label = identity.national
            ? `${partyName(identity.party)} HQ, for ${name}`
            : `Officer of ${name}`;
          return { value: identity.localPartyId, label, name };
        }
        const name = `${partyName(identity.party)} in ${regionName(identity.region)}`;
        return {
          value: `${identity.party}:${identity.region}`,
          label: `${partyName(identity.party)} coordinator for ${regionName(identity.region)}`,
          name,
        };
      });
    }
  }
  return choices;
}

/** A form's `actingFor` value back into the API's shape (validated by the command's DTO). */
export function parseActingFor(value: string): ActingFor | undefined {
  if (value === '') {
    return undefined;
  }
  const [party = '', region, ...rest] = value.split(':');
  return region !== undefined && rest.length === 0 ? { party, region } : value;
}
