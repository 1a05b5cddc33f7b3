import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  GENESIS_HASH,
  appendAccountEvent,
  appendEvent,
  hashAccountEvent,
  hashCanonical,
  hashEvent,
  verifyAccountChain,
  verifyChain,
  type AccountEvent,
  type AuditActor,
} from './index.js';

const coordinator: AuditActor = {
  userId: 'u-coord',
  role: 'coordinator',
  localPartyId: null,
  party: 'lab',
  region: 'south-east',
  name: 'Priya Patel',
};

function accountChain(accountId: string, actions: readonly string[]): AccountEvent[] {
  const events: AccountEvent[] = [];
  for (const [i, action] of actions.entries()) {
    events.push(
      appendAccountEvent(events.at(-1) ?? null, {
        accountId,
        action,
        actor: coordinator,
        payload: { step: i },
        occurredAt: new Date(Date.UTC(2026, 10, 30, 12, i)).toISOString(),
      }),
    );
  }
  return events;
}

describe('actor names in hashes', () => {
  const old = {
    pactId: 'pact-1',
    action: 'pact.signed',
    actor: { userId: 'u1', role: 'officer', localPartyId: 'lp', party: 'ld', region: null },
    payload: { revision: 1 },
    occurredAt: '2025-01-01T12:00:00.000Z',
  };

  it('hashes an event without a name exactly as before names were recorded', () => {
    const event = appendEvent(null, old);
    // The body as it was hashed before `name` existed: five actor members, nothing else.
    expect(event.hash).toBe(hashCanonical({ seq: 1, prevHash: GENESIS_HASH, ...old }));
    expect(verifyChain([event]).valid).toBe(true);
  });

  it('covers the name once recorded: removing or changing it breaks the chain', () => {
    const named = appendEvent(null, { ...old, actor: { ...old.actor, name: 'Ann Jones' } });
    expect(named.hash).not.toBe(appendEvent(null, old).hash);
    const { name: _dropped, ...unnamed } = named.actor;
    expect(verifyChain([{ ...named, actor: unnamed }]).problem).toBe('HASH_MISMATCH');
    expect(verifyChain([{ ...named, actor: { ...named.actor, name: 'Bob' } }]).problem).toBe(
      'HASH_MISMATCH',
    );
    expect(hashEvent(named)).toBe(named.hash);
  });
});

describe('account chains', () => {
  it('link events from the genesis hash and verify', () => {
    const events = accountChain('acc-1', ['account.created', 'account.disabled']);
    expect(events[0]).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(verifyAccountChain(events)).toMatchObject({
      valid: true,
      events: 2,
      head: { seq: 2, hash: events[1]?.hash },
    });
  });

  it('never hash like a pact event with the same fields', () => {
    const [event] = accountChain('same-id', ['pact.signed']);
    if (!event) {
      throw new Error('no event');
    }
    const { accountId, hash: _hash, ...rest } = event;
    expect(hashEvent({ ...rest, pactId: accountId })).not.toBe(event.hash);
  });

  it('catch an edit, a deletion, a splice and an event of another account', () => {
    const events = accountChain('acc-1', ['a', 'b', 'c']);
    const [e1, e2, e3] = events as [AccountEvent, AccountEvent, AccountEvent];
    expect(verifyAccountChain([e1, { ...e2, payload: { step: 9 } }, e3]).firstBrokenSeq).toBe(2);
    expect(verifyAccountChain([e1, e3])).toMatchObject({
      problem: 'SEQ_MISMATCH',
      firstBrokenSeq: 2,
    });
    const other = accountChain('acc-2', ['x', 'y']);
    expect(verifyAccountChain([e1, other[1]], 'acc-1').problem).toBe('ACCOUNT_MISMATCH');
    const spliced = { ...other[1], accountId: 'acc-1' } as AccountEvent;
    expect(verifyAccountChain([e1, spliced]).problem).toBe('PREV_HASH_MISMATCH');
  });

  it('detect any single-field change (property)', () => {
    const fields = ['accountId', 'action', 'payload', 'occurredAt', 'actor'] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(...fields),
        fc.string({ minLength: 1, maxLength: 8 }),
        (index, field, value) => {
          const events = accountChain('acc-1', ['a', 'b', 'c', 'd']);
          const target = events[index];
          const changed: AccountEvent =
            field === 'actor'
              ? {
                  ...target,
                  actor: { ...target.actor, name: `${target.actor.name ?? ''}${value}` },
                }
              : field === 'payload'
                ? { ...target, payload: { step: value } }
                : { ...target, [field]: `${String(target[field])}${value}` };
          events[index] = changed;
          const result = verifyAccountChain(events, 'acc-1');
          return !result.valid && result.firstBrokenSeq === index + 1;
        },
      ),
    );
    const [first] = accountChain('acc-1', ['a']);
    if (!first) {
      throw new Error('no event');
    }
    const { hash: _h, ...body } = first;
    expect(hashAccountEvent(body)).toBe(first.hash);
  });
});
