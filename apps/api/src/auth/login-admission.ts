import { Inject, Injectable } from '@nestjs/common';
import { InFlightLimit } from '@pactroom/accounts';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { AuthErrors } from './auth.errors.js';

/**
 * Caps the sign-ins in flight in this process (PACTROOM_LOGINS_IN_FLIGHT). Every sign-in costs an
 * argon2id hash whatever its outcome, so past the cap a login is refused at once with 429
 * LOGIN_BUSY — before the throttle counters or the hash are touched — rather than queued behind
 * the hashing threads while the rest of the API slows down. One account, and one client address,
 * may hold only part of the cap (…_PER_ACCOUNT, …_PER_IP): a loop of sign-ins, right password or
 * wrong, cannot take every slot and turn everyone else away.
 */
@Injectable()
export class LoginAdmission {
  private readonly limit: InFlightLimit;
  private readonly perAccount = new Map<string, InFlightLimit>();
  private readonly perIp = new Map<string, InFlightLimit>();

  constructor(@Inject(APP_CONFIG) private readonly config: ResolvedConfig) {
    this.limit = new InFlightLimit(config.auth.loginsInFlight);
  }

  /**
   * Admits one sign-in for this account (normalised email) from this address — call the returned
   * release when it is done — or throws LOGIN_BUSY. Without `who`, only the process-wide cap.
   */
  enter(who?: { email: string; ip: string }): () => void {
    const releases: (() => void)[] = [];
    const releaseAll = () => releases.forEach((release) => release());
    const take = (limit: InFlightLimit) => {
      const release = limit.tryEnter();
      if (!release) {
        releaseAll();
        throw AuthErrors.busy();
      }
      releases.push(release);
    };
    if (who) {
      take(this.keyed(this.perAccount, who.email, this.config.auth.loginsInFlightPerAccount));
      take(this.keyed(this.perIp, who.ip, this.config.auth.loginsInFlightPerIp));
    }
    take(this.limit);
    return () => {
      releaseAll();
      if (who) {
        this.forgetIdle(this.perAccount, who.email);
        this.forgetIdle(this.perIp, who.ip);
      }
    };
  }

  private keyed(map: Map<string, InFlightLimit>, key: string, limit: number): InFlightLimit {
    let entry = map.get(key);
    if (!entry) {
      entry = new InFlightLimit(limit);
      map.set(key, entry);
    }
    return entry;
  }

  /** Keys with nothing in flight are dropped, so the maps hold only what is being hashed now. */
  private forgetIdle(map: Map<string, InFlightLimit>, key: string): void {
    if (map.get(key)?.current === 0) {
      map.delete(key);
    }
  }
}
