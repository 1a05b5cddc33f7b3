/** What the app knows of an event when it builds a webhook body (already limited to one pact). */
export interface WebhookPayloadInput {
  readonly event: {
    readonly id: string;
    readonly kind: string;
    readonly occurredAt: Date;
    readonly data: Readonly<Record<string, unknown>>;
  };
  readonly pact: {
    readonly id: string;
    readonly title: string;
    readonly status: string;
    readonly electionCode: string;
    readonly currentRevision: number;
    readonly participants: readonly { readonly localPartyName: string; readonly party: string }[];
  };
  readonly actor: {
    readonly name: string | null;
    readonly localPartyName: string | null;
    readonly party: string | null;
  };
  /** The party of the endpoint: the one whose own people may be named. */
  readonly audienceParty: string;
  readonly publicUrl: string;
}

/** The JSON body of a webhook (docs/webhooks.md). */
export interface WebhookPayload {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly change: { readonly from: string | null; readonly to: string | null };
  readonly pact: {
    readonly id: string;
    readonly title: string;
    readonly status: string;
    readonly election: string;
    readonly url: string;
    readonly participants: readonly { readonly localParty: string; readonly party: string }[];
    readonly revision: number;
  };
  readonly actor: { readonly name?: string; readonly localParty?: string; readonly party?: string };
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * The body sent for one event of a pact the endpoint's party may see: the pact's headline facts
 * and who acted, never its terms, reasons, notes or anyone's email. A person is named only to
 * their own party; to the other parties the actor is their local party.
 */
export function webhookPayload(input: WebhookPayloadInput): WebhookPayload {
  const { event, pact, actor } = input;
  const sameParty = actor.party !== null && actor.party === input.audienceParty;
  return {
    id: event.id,
    type: event.kind,
    occurredAt: event.occurredAt.toISOString(),
    change: { from: text(event.data.from), to: text(event.data.to) },
    pact: {
      id: pact.id,
      title: pact.title,
      status: pact.status,
      election: pact.electionCode,
      url: `${input.publicUrl}/pact/${pact.id}`,
      participants: pact.participants.map((p) => ({
        localParty: p.localPartyName,
        party: p.party,
      })),
      revision: pact.currentRevision,
    },
    actor: {
      ...(sameParty && actor.name !== null ? { name: actor.name } : {}),
      ...(actor.localPartyName !== null ? { localParty: actor.localPartyName } : {}),
      ...(actor.party !== null ? { party: actor.party } : {}),
    },
  };
}
