import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { Public } from '../common/public.decorator.js';

class HealthDto {
  @ApiProperty({ example: 'ok' }) status!: 'ok';
  @ApiProperty({ example: 'up' }) database!: 'up';
  @ApiProperty({ example: 'applied' }) migrations!: 'applied';
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'For load balancers: database reachable and every migration applied' })
  @ApiOkResponse({ type: HealthDto })
  @ApiErrors(503)
  async health(): Promise<HealthDto> {
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
