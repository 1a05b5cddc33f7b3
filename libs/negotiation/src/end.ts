import {
  resolveApprover,
  resolveAuthor,
  resolveDecliner,
  resolveParticipantOfficer,
  resolveTerminator,
  type IdentityResolution,
} from './actors.js';
import {
  accepted,
  eventActor,
  refused,
  rejection,
  type Decision,
  type EndCommand,
} from './decision.js';
import { type Actor, type Pact } from './model.js';

const ENDINGS = {
  decline: { status: 'declined', action: 'pact.declined' },
  withdraw: { status: 'withdrawn', action: 'pact.withdrawn' },
  reject: { status: 'rejected', action: 'pact.rejected' },
  terminate: { status: 'terminated', action: 'pact.terminated' },
} as const;

function resolveEnder(pact: Pact, command: EndCommand, actor: Actor): IdentityResolution {
  switch (command.type) {
    case 'withdraw':
      // An unsent draft belongs to its author alone.
      return pact.status === 'draft'
        ? resolveAuthor(pact, actor)
        : resolveParticipantOfficer(pact, actor);
    case 'decline':
      return resolveDecliner(pact, actor);
    case 'reject':
      return resolveApprover(pact, actor);
    case 'terminate':
      return resolveTerminator(pact, actor);
  }
}

/** `decline`, `withdraw`, `reject`, `terminate`: the pact ends, with an optional reason. */
export function end(pact: Pact, command: EndCommand, actor: Actor, at: string): Decision {
  const who = resolveEnder(pact, command, actor);
  if (!who.ok) {
    return refused(who);
  }
  const given = command.reason ?? '';
  const reason = given.trim() === '' ? null : given;
  if (command.type === 'terminate' && reason === null) {
    return rejection('REASON_REQUIRED', 'terminating a ratified pact needs a reason');
  }
  const { status, action } = ENDINGS[command.type];
  return accepted(
    { ...pact, status },
    {
      pactId: pact.id,
      action,
      actor: eventActor(actor, who.identity),
      occurredAt: at,
      payload: { from: pact.status, to: status, reason },
    },
  );
}
