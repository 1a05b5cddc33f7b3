import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error.js';

/** What a load balancer asks: is the database reachable, and is every migration applied? */
@Injectable()
export class HealthService {
  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<{ status: 'ok'; database: 'up'; migrations: 'applied' }> {
    let pending: boolean;
    try {
      pending = await this.dataSource.showMigrations();
    } catch {
      throw new ApiError(503, 'UNHEALTHY', 'The database is unreachable.', { database: 'down' });
    }
    if (pending) {
      throw new ApiError(503, 'UNHEALTHY', 'Migrations are pending.', {
        database: 'up',
        migrations: 'pending',
      });
    }
    return { status: 'ok', database: 'up', migrations: 'applied' };
  }
}
