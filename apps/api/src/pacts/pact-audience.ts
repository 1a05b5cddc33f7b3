import { Injectable } from '@nestjs/common';
import { canView } from '@pactroom/negotiation';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { actorOf } from './pact-commands.service.js';
import { loadPact } from './store/index.js';

/** Decides, for a pact as it is now, which viewers may see it (`canView`, the app's own rule). */
export type Audience = (viewer: Principal) => boolean;

/**
 * Who may hear of a change to a pact. The pact is read once, whatever the number of listeners, and
 * each of them is then checked in memory by `canView` — the rule every read applies — so a live
 * stream never announces a pact its viewer could not open. Read as it is now (after the change
 * committed): visibility only ever widens as a pact moves on (proposed, ratified), so the newest
 * state is the one to judge by.
 */
@Injectable()
export class PactAudience {
  constructor(private readonly dataSource: DataSource) {}

  async of(pactId: string): Promise<Audience> {
    const pact = await loadPact(this.dataSource.manager, pactId, false);
    if (!pact) {
      return () => false;
    }
    return (viewer) => canView(pact, actorOf(viewer));
  }
}
