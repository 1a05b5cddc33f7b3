import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CheckpointsQueryDto, ConsistencyQueryDto } from './audit-queries.dto.js';
import { AuditService } from './audit.service.js';

/** The platform-wide audit routes; a pact's own are in pacts/pact-audit.controller.ts. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('verify')
  @Roles('admin')
  @ApiOperation({
    summary: 'Verify every pact and account chain, the audit log and its signed tree heads',
  })
  @ApiErrors(401, 403)
  verifyAll() {
    return this.audit.verifyAll();
  }

  @Get('checkpoints')
  @ApiOperation({
    summary:
      'Signed tree heads of the audit log (they name no pact) and the platform public key, to keep copies outside the database',
  })
  @ApiErrors(400, 401)
  checkpoints(@Query() query: CheckpointsQueryDto) {
    return this.audit.treeHeadPage(query.cursor, query.limit);
  }

  @Get('checkpoints/consistency')
  @ApiOperation({
    summary: 'Consistency proof (RFC 9162) that a later tree head extends an earlier one',
  })
  @ApiErrors(400, 401, 404)
  consistency(@Query() query: ConsistencyQueryDto) {
    return this.audit.consistency(query.from, query.to);
  }
}
