import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { MAX_CANDIDATE_CSV_BYTES, MAX_CANDIDATE_ROWS } from '@pactroom/compliance';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { Roles } from '../auth/roles.decorator.js';
import { ApiError } from '../common/api-error.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import { ComplianceService } from './compliance.service.js';
import { CandidateImportDto, PactComplianceDto } from './dto/compliance.dto.js';

@ApiTags('compliance')
@ApiBearerAuth()
@Controller()
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Post('contests/:id/candidates')
  @Roles('admin')
  @ApiOperation({
    summary: 'Import who was nominated (admin): Democracy Club’s candidates CSV or ours',
    description: `Body: text/csv, at most ${MAX_CANDIDATE_CSV_BYTES} bytes and ${MAX_CANDIDATE_ROWS} rows. Layouts: Democracy Club (person_name, party_id, ballot_paper_id, gss …), ours (the shipped geYYYY_candidates.csv) or minimal (ons_code,party,candidate). An import replaces the nominations of the constituencies it lists; every ratified pact touching them is checked again.`,
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: { type: 'string', example: 'ons_code,party,candidate\nE14000735,lab,Peter Chowney\n' },
  })
  @ApiQuery({ name: 'source', required: false, description: 'Where the list came from (kept)' })
  @ApiCreatedResponse({ type: CandidateImportDto })
  @ApiErrors(400, 401, 403, 404, 413, 415, 422)
  importCandidates(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query('source') source?: string,
  ): Promise<CandidateImportDto> {
    if (typeof body !== 'string') {
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the candidates as text/csv.');
    }
    const named = typeof source === 'string' && source.trim() !== '' ? source.trim() : 'upload';
    return this.compliance.importCandidates(principal, id, body, named);
  }

  @Get('pacts/:id/compliance')
  @ApiOperation({
    summary: 'Whether each stand-aside was kept, against the nominations imported for its contest',
  })
  @ApiOkResponse({ type: PactComplianceDto })
  @ApiErrors(401, 404)
  pactCompliance(
    @CurrentUser() principal: Principal,
    @Param('id', uuidPipe('PACT_NOT_FOUND')) id: string,
  ): Promise<PactComplianceDto> {
    return this.compliance.pactCompliance(principal, id);
  }
}
