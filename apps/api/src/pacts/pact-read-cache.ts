import { Injectable } from '@nestjs/common';
import type { Grant, Pact } from '@pactroom/negotiation';
import { DataSource } from 'typeorm';
import { ChangeFeed } from '../database/change-feed.js';
import { PactImpactService } from '../scenarios/pact-impact.service.js';
import type { PactImpactReport } from '../scenarios/pact-impact-report.js';
import {
  loadCoordinatorSlots,
  loadExtras,
  loadPact,
  visibleVersion,
  type CoordinatorSlots,
  type ViewExtras,
} from './store/index.js';

/** Pacts whose last read is kept; the least recently read goes first beyond it. */
const MAX_PACTS = 5_000;

/** A pact as read at one version, with what its detail view needs. */
export interface PactReading {
  readonly pact: Pact;
  readonly extras: ViewExtras;
  readonly impact: PactImpactReport | null;
}

/**
 * Reads of pacts, kept per pact version. Every change to a pact — a revision, a signature, an
 * approval, a status — updates its row, so the row's `xmin` names the version; a read asks the
 * database for that and for whether the caller may see the pact (one indexed look-up, the same
 * whether the pact is hidden or absent) and rebuilds the view only when the version moved. Its
 * impact is asked for on every read (the contest's current scenario may have changed) and comes
 * from ProjectionsService's cache unless the terms or the scenario are new. Local parties cannot
 * be renamed yet; when they can, a rename must move the pacts' versions too. Coordinator slots (`hasCoordinator`) are kept until an account changes
 * (ChangeFeed), and read every time while the feed is down.
 */
@Injectable()
export class PactReadCache {
  private readonly readings = new Map<string, PactReading>();
  private slots: Promise<CoordinatorSlots> | undefined;
  private accountChanges = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly impacts: PactImpactService,
    private readonly feed: ChangeFeed,
  ) {
    feed.onAccountChange(({ kind }) => {
      if (kind === 'a') {
        this.accountChanges++;
        this.slots = undefined;
      }
    });
    feed.onReset(() => {
      this.accountChanges++;
      this.slots = undefined;
    });
  }

  /** The pact's current version if `grants` may see it; undefined when hidden or absent alike. */
  visibleVersion(grants: readonly Grant[], id: string): Promise<string | undefined> {
    return visibleVersion(this.dataSource, grants, id);
  }

  /** The pact as of `version` (from the cache), or as it is now; undefined if it is gone. */
  async reading(id: string, version?: string): Promise<PactReading | undefined> {
    const kept = this.readings.get(id);
    if (kept && version !== undefined && kept.extras.version === version) {
      // The impact also depends on the contest's current scenario, which an admin changes without
      // touching the pact: asked each time (ContestCache, no query until a contest changes), the
      // impact recomputed from the projection cache.
      // Busy now: the impact already kept stands (it names the scenario it was projected on).
      const impact = (await this.impacts.summary(kept.pact)) ?? kept.impact;
      const fresh = { ...kept, impact };
      this.readings.delete(id);
      this.readings.set(id, fresh);
      return fresh;
    }
    // One snapshot for the pact and its extras, so they are of the same version.
    const loaded = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const pact = await loadPact(manager, id, false);
      return pact ? { pact, extras: await loadExtras(manager, id) } : undefined;
    });
    if (!loaded) {
      this.readings.delete(id);
      return undefined;
    }
    // Kept by ProjectionsService per terms × scenario: a new version of the same revision is a hit.
    const impact = await this.impacts.summary(loaded.pact);
    const reading = { ...loaded, impact };
    this.readings.delete(id);
    this.readings.set(id, reading);
    while (this.readings.size > MAX_PACTS) {
      const oldest = this.readings.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.readings.delete(oldest);
    }
    return reading;
  }

  /** Party × region slots with an enabled coordinator. */
  coordinatorSlots(): Promise<CoordinatorSlots> {
    if (!this.feed.live) {
      return loadCoordinatorSlots(this.dataSource.manager);
    }
    if (!this.slots) {
      const seen = this.accountChanges;
      const loading = loadCoordinatorSlots(this.dataSource.manager);
      this.slots = loading;
      loading.then(
        () => {
          // Read while an account changed: may predate the change, so not kept.
          if (seen !== this.accountChanges && this.slots === loading) {
            this.slots = undefined;
          }
        },
        () => {
          if (this.slots === loading) {
            this.slots = undefined;
          }
        },
      );
    }
    return this.slots;
  }
}
