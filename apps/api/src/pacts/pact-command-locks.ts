import { canView, type ActingFor, type Actor, type Pact } from '@pactroom/negotiation';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { PactErrors } from './pacts.errors.js';
import { loadPact, pactIsVisible } from './store/index.js';

/** Builds the lib's actor from the principal and the request's `actingFor`. */
export function actorOf(principal: Principal, actingFor?: ActingFor): Actor {
  return { userId: principal.userId, grants: principal.grants, actingFor };
}

/**
 * The pact a command runs on, locked until the transaction ends — or 404 for one the actor may not
 * see. Visibility is decided before taking the row lock or loading the pact: a hidden pact then
 * answers 404 at the cost of an absent one, and a caller who may not see it never waits on its lock.
 */
export async function lockVisiblePact(
  manager: EntityManager,
  pactId: string,
  actor: Actor,
): Promise<Pact> {
  if (!(await pactIsVisible(manager, actor.grants, pactId))) {
    throw PactErrors.notFound();
  }
  const pact = await loadPact(manager, pactId, true);
  if (!pact || !canView(pact, actor)) {
    throw PactErrors.notFound();
  }
  return pact;
}
