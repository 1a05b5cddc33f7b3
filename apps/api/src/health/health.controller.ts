import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { Public } from '../common/public.decorator.js';
import { HealthService } from './health.service.js';

class HealthDto {
  @ApiProperty({ example: 'ok' }) status!: 'ok';
  @ApiProperty({ example: 'up' }) database!: 'up';
  @ApiProperty({ example: 'applied' }) migrations!: 'applied';
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'For load balancers: database reachable and every migration applied' })
  @ApiOkResponse({ type: HealthDto })
  @ApiErrors(503)
  check(): Promise<HealthDto> {
    return this.health.check();
  }
}
