import { PARTIES, REGIONS } from '@pactroom/election-data';
import type { ApiError } from '../../common/api-error.js';
import type { FieldProblem } from '../../common/validation.js';
import { fieldText } from '../page-input.js';

/** The parties with a share field of their own on the form (others: regional lines, or none). */
export const FORM_PARTIES = ['con', 'lab', 'ld', 'reform', 'green', 'snp', 'pc'] as const;

export interface ScenarioForm {
  readonly name: string;
  readonly source: string;
  readonly asOf: string;
  readonly election: string;
  readonly model: string;
  readonly basis: string;
  readonly shares: Readonly<Record<string, string>>;
  readonly regions: string;
  readonly proxies: string;
}

export const EMPTY_FORM: ScenarioForm = {
  name: '',
  source: '',
  asOf: '',
  election: 'ge2024',
  model: 'uniform',
  basis: 'gb',
  shares: {},
  regions: '',
  proxies: '',
};

/** Field errors by the form's field id, in form order, with their summary wording. */
export type ScenarioFormErrors = Record<string, string>;

const partyName = (code: string) => PARTIES.find((p) => p.code === code)?.name ?? code;

export function scenarioFormOf(body: Record<string, unknown>): ScenarioForm {
  return {
    name: fieldText(body, 'name'),
    source: fieldText(body, 'source'),
    asOf: fieldText(body, 'asOf'),
    election: fieldText(body, 'election'),
    model: fieldText(body, 'model'),
    basis: fieldText(body, 'basis'),
    shares: Object.fromEntries(FORM_PARTIES.map((p) => [p, fieldText(body, `share-${p}`).trim()])),
    regions: fieldText(body, 'regions'),
    proxies: fieldText(body, 'proxies'),
  };
}

/** "12.5" or "12,5" as a number; undefined when it is not one. */
function percent(text: string): number | undefined {
  const value = Number(text.replace(',', '.').replace(/%$/, '').trim());
  return text.trim() !== '' && Number.isFinite(value) ? value : undefined;
}

/**
 * The API body a form stands for, or the errors of what cannot even be read (a share that is not a
 * number, a regional line without a region). What the numbers may be is the API's to say.
 */
export function scenarioBody(
  form: ScenarioForm,
): { ok: true; body: Record<string, unknown> } | { ok: false; errors: ScenarioFormErrors } {
  const errors: ScenarioFormErrors = {};
  const shares: Record<string, number> = {};
  for (const party of FORM_PARTIES) {
    const text = form.shares[party] ?? '';
    if (text === '') {
      continue;
    }
    const value = percent(text);
    if (value === undefined) {
      errors[`share-${party}`] = `${partyName(party)} share: “${text}” is not a number`;
    } else {
      shares[party] = value;
    }
  }
  const regions: Record<string, Record<string, number>> = {};
  form.regions.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || errors.regions) {
      return;
    }
    const where = `Regional shares, line ${i + 1}`;
    const [head = '', rest = ''] = line.split(':');
    const region = REGIONS.find(
      (r) =>
        r.slug === head.trim().toLowerCase() || r.name.toLowerCase() === head.trim().toLowerCase(),
    );
    if (!region || !line.includes(':')) {
      errors.regions = `${where}: start with a region and a colon, such as “scotland: snp 30, lab 35”`;
      return;
    }
    const parsed: Record<string, number> = {};
    for (const pair of rest.split(',').filter((p) => p.trim() !== '')) {
      const [party = '', text = ''] = pair.trim().split(/\s+/);
      const value = percent(text);
      if (value === undefined) {
        errors.regions = `${where}: “${pair.trim()}” is not a party code and a share, such as “lab 35”`;
        return;
      }
      parsed[party.toLowerCase()] = value;
    }
    regions[region.slug] = parsed;
  });
  const proxies: Record<string, string> = {};
  form.proxies.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || errors.proxies) {
      return;
    }
    const [party = '', proxy = ''] = line.split(/[:=]/).map((s) => s.trim().toLowerCase());
    if (party === '' || proxy === '') {
      errors.proxies = `New parties, line ${i + 1}: write the new party and its proxy, such as “reform: brexit”`;
      return;
    }
    proxies[party] = proxy;
  });
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  // Only what was given: an empty regional or proxy list is left out, not sent empty.
  const swing: Record<string, unknown> = { model: form.model, shares };
  if (form.basis !== '') {
    swing.basis = form.basis;
  }
  if (Object.keys(regions).length > 0) {
    swing.regions = regions;
  }
  if (Object.keys(proxies).length > 0) {
    swing.proxies = proxies;
  }
  return {
    ok: true,
    body: {
      name: form.name,
      source: form.source,
      asOf: form.asOf,
      election: form.election,
      swing,
    },
  };
}

const LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  source: 'Source',
  asOf: 'As of',
  election: 'Baseline result',
  model: 'Swing model',
  basis: 'Basis',
  regions: 'Regional shares',
  proxies: 'New parties',
};

/** The form field an API field path belongs to, and what the page calls it. */
export function fieldOf(path: string): { id: string; label: string } {
  const parts = path.split('.');
  if (parts[0] !== 'swing') {
    const id = parts[0] ?? path;
    return { id, label: LABELS[id] ?? id };
  }
  const [, what = '', ...rest] = parts;
  if (what === 'shares') {
    const known = FORM_PARTIES.find((p) => p === rest[0]);
    if (known) {
      return { id: `share-${known}`, label: `${partyName(known)} share` };
    }
    const named = rest.length > 0 ? `: ${rest.join('.')}` : '';
    return { id: `share-${FORM_PARTIES[0]}`, label: `National shares${named}` };
  }
  const id = what === '' ? 'model' : what;
  const within = rest.length > 0 ? `: ${rest.join('.')}` : '';
  return { id, label: `${LABELS[id] ?? id}${within}` };
}

/** An API refusal as the form's field errors (the API's own words, the field named as on the form). */
export function scenarioErrorsOf(error: ApiError): ScenarioFormErrors {
  const errors: ScenarioFormErrors = {};
  const details = Array.isArray(error.details) ? (error.details as FieldProblem[]) : [];
  for (const problem of details) {
    const { id, label } = fieldOf(problem.field);
    const first = problem.problems[0] ?? 'is not valid';
    // Never a regular expression on a page: a pattern failure is said in words.
    const text = /regular expression/.test(first) ? 'is not in the expected form' : first;
    errors[id] ??= `${label}: ${text}`;
  }
  if (Object.keys(errors).length === 0) {
    errors[error.code === 'UNKNOWN_ELECTION' ? 'election' : 'name'] = error.message;
  }
  return errors;
}
