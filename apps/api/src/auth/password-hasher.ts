import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/**
 * OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. The algorithm is left at the package's
 * default, argon2id (its `Algorithm` is a const enum that isolated-module builds cannot read).
 */
const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * argon2id hashing. `verifyOrBurn` spends the same hashing time for an unknown account (against a
 * hash made at boot with the same parameters), so the answer and its timing do not reveal whether
 * an email has an account.
 */
@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return hash(password, PARAMS);
  }

  async verifyOrBurn(storedHash: string | undefined, password: string): Promise<boolean> {
    this.dummyHash ??= hash('pactroom-no-such-account', PARAMS);
    const target = storedHash ?? (await this.dummyHash);
    const ok = await verify(target, password).catch(() => false);
    return ok && storedHash !== undefined;
  }
}
