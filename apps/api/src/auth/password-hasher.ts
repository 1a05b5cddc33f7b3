import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config.js';
import { HashWorkers } from './hash-workers.js';

/**
 * argon2id hashing on a few low-priority threads (HashWorkers). `verifyOrBurn` spends the same
 * hashing time for an unknown account (against a hash made with the same parameters), so the
 * answer and its timing do not reveal whether an email has an account.
 */
@Injectable()
export class PasswordHasher implements OnModuleDestroy {
  private readonly workers: HashWorkers;
  private dummyHash: Promise<string> | undefined;

  constructor(@Inject(APP_CONFIG) config: ResolvedConfig) {
    this.workers = new HashWorkers(config.auth.hashThreads, config.auth.hashPriority);
  }

  async hash(password: string): Promise<string> {
    return String(await this.workers.run({ op: 'hash', password }));
  }

  async verifyOrBurn(storedHash: string | undefined, password: string): Promise<boolean> {
    this.dummyHash ??= this.hash('pactroom-no-such-account');
    const target = storedHash ?? (await this.dummyHash);
    // A stored value that is not an argon2 hash (the thread reports an error) never matches.
    const ok = await this.workers.run({ op: 'verify', hash: target, password }).catch(() => false);
    return ok === true && storedHash !== undefined;
  }

  async onModuleDestroy(): Promise<void> {
    await this.workers.close();
  }
}
