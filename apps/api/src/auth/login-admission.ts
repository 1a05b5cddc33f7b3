import { Inject, Injectable } from '@nestjs/common';
import { InFlightLimit } from '@pactroom/accounts';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { AuthErrors } from './auth.errors.js';

/**
 * Caps the sign-ins in flight in this process (PACTROOM_LOGINS_IN_FLIGHT). Every sign-in costs an
 * argon2id hash whatever its outcome, so past the cap a login is refused at once with 429
 * LOGIN_BUSY — before the throttle counters or the hash are touched — rather than queued behind
 * the hashing threads while the rest of the API slows down.
 */
@Injectable()
export class LoginAdmission {
  private readonly limit: InFlightLimit;

  constructor(@Inject(APP_CONFIG) config: ResolvedConfig) {
    this.limit = new InFlightLimit(config.auth.loginsInFlight);
  }

  /** Admits one sign-in (call the returned release when it is done) or throws LOGIN_BUSY. */
  enter(): () => void {
    const release = this.limit.tryEnter();
    if (!release) {
      throw AuthErrors.busy();
    }
    return release;
  }
}
