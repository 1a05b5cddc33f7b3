import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { ActingFor } from '@pactroom/negotiation';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { Roles } from '../auth/roles.decorator.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import {
  AcceptRevisionDto,
  CounterPactDto,
  CreatePactDto,
  EndPactDto,
  ProposePactDto,
} from './dto/pact-commands.dto.js';
import { DiffQueryDto, ListPactsQueryDto } from './dto/pact-queries.dto.js';
import {
  PactDetailDto,
  PactPageDto,
  RevisionDto,
  RevisionListDto,
} from './dto/pact-response.dto.js';
import { idempotentRequest } from './idempotency.js';
import { PactCommandsService, seatsOf, type CommandBuilder } from './pact-commands.service.js';
import { PactQueriesService } from './pact-queries.service.js';
import { revisionPipe } from './revision.pipe.js';

const PACT_ID = uuidPipe('PACT_NOT_FOUND');
const IDEMPOTENCY = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Repeat-safe: the same key and body replays the first response',
});

@ApiTags('pacts')
@ApiBearerAuth()
@Controller('pacts')
export class PactsController {
  constructor(
    private readonly commands: PactCommandsService,
    private readonly queries: PactQueriesService,
  ) {}

  @Post()
  @Roles('officer')
  @IDEMPOTENCY
  @ApiOperation({
    summary: 'Create a draft (or, with propose: true, a proposal signed by your local party)',
  })
  @ApiCreatedResponse({ type: PactDetailDto })
  @ApiErrors(400, 401, 403, 409, 422)
  create(
    @CurrentUser() principal: Principal,
    @Body() body: CreatePactDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<PactDetailDto> {
    return this.commands.createPact(
      principal,
      body,
      idempotentRequest(principal.userId, key, 'POST', req.url, req.body),
    );
  }

  @Get()
  @ApiOperation({ summary: 'Pacts you can see, newest first' })
  @ApiOkResponse({ type: PactPageDto })
  @ApiErrors(400, 401)
  list(
    @CurrentUser() principal: Principal,
    @Query() query: ListPactsQueryDto,
  ): Promise<PactPageDto> {
    return this.queries.listPacts(principal, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A pact with its current revision, participants, signatures, approvals and status',
  })
  @ApiOkResponse({ type: PactDetailDto })
  @ApiErrors(401, 404)
  get(
    @CurrentUser() principal: Principal,
    @Param('id', PACT_ID) id: string,
  ): Promise<PactDetailDto> {
    return this.queries.getPact(principal, id);
  }

  @Get(':id/revisions')
  @ApiOkResponse({ type: RevisionListDto })
  @ApiErrors(401, 404)
  async revisions(
    @CurrentUser() principal: Principal,
    @Param('id', PACT_ID) id: string,
  ): Promise<RevisionListDto> {
    return { items: await this.queries.listRevisions(principal, id), nextCursor: null };
  }

  @Get(':id/revisions/:n')
  @ApiOkResponse({ type: RevisionDto })
  @ApiErrors(401, 404)
  revision(
    @CurrentUser() principal: Principal,
    @Param('id', PACT_ID) id: string,
    @Param('n', revisionPipe) n: number,
  ): Promise<RevisionDto> {
    return this.queries.getRevision(principal, id, n);
  }

  @Get(':id/revisions/:n/diff')
  @ApiOperation({
    summary: 'Stand-asides and commitments added, removed or changed since another revision',
  })
  @ApiErrors(400, 401, 404)
  diff(
    @CurrentUser() principal: Principal,
    @Param('id', PACT_ID) id: string,
    @Param('n', revisionPipe) n: number,
    @Query() query: DiffQueryDto,
  ) {
    return this.queries.diffRevisions(principal, id, n, query.against);
  }

  @Post(':id/propose')
  @HttpCode(200)
  @Roles('officer')
  @IDEMPOTENCY
  @ApiOperation({ summary: 'Send a draft to the other participants (counts as your signature)' })
  @ApiOkResponse({ type: PactDetailDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  propose(
    @CurrentUser() p: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() body: ProposePactDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<PactDetailDto> {
    return this.run(p, id, body.actingFor, req, key, body, async (pact, context) => ({
      type: 'propose',
      context: await context(seatsOf(pact.revision.terms)),
    }));
  }

  @Post(':id/counter')
  @HttpCode(200)
  @Roles('officer')
  @IDEMPOTENCY
  @ApiOperation({
    summary: 'New terms on top of the current revision; voids earlier signatures, signs for you',
  })
  @ApiOkResponse({ type: PactDetailDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  counter(
    @CurrentUser() p: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() body: CounterPactDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<PactDetailDto> {
    const terms = {
      standAsides: body.terms.standAsides,
      commitments: body.terms.commitments ?? [],
    };
    return this.run(p, id, body.actingFor, req, key, body, async (pact, context) => ({
      type: 'counter',
      baseRevision: body.baseRevision,
      terms,
      context: await context([...seatsOf(pact.revision.terms), ...seatsOf(terms)]),
    }));
  }

  @Post(':id/sign')
  @HttpCode(200)
  @Roles('officer')
  @IDEMPOTENCY
  @ApiOperation({ summary: 'Sign this exact revision (number and hash); 409 if it is not current' })
  @ApiOkResponse({ type: PactDetailDto })
  @ApiErrors(400, 401, 403, 404, 409)
  sign(
    @CurrentUser() p: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() body: AcceptRevisionDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<PactDetailDto> {
    return this.run(p, id, body.actingFor, req, key, body, () =>
      Promise.resolve({ type: 'sign', revision: body.revision, hash: body.hash }),
    );
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('officer')
  @IDEMPOTENCY
  @ApiOkResponse({ type: PactDetailDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  decline(
    @CurrentUser() p: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() body: EndPactDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<PactDetailDto> {
    return this.run(p, id, body.actingFor, req, key, body, () =>
      Promise.resolve({ type: 'decline', reason: body.reason }),
    );
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('officer')
  @IDEMPOTENCY
  @ApiOkResponse({ type: PactDetailDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  withdraw(
    @CurrentUser() p: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() body: EndPactDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<PactDetailDto> {
    return this.run(p, id, body.actingFor, req, key, body, () =>
      Promise.resolve({ type: 'withdraw', reason: body.reason }),
    );
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('coordinator')
  @IDEMPOTENCY
  @ApiOperation({ summary: 'Ratify the signed revision for your party and region' })
  @ApiOkResponse({ type: PactDetailDto })
  @ApiErrors(400, 401, 403, 404, 409)
  approve(
    @CurrentUser() p: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() body: AcceptRevisionDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<PactDetailDto> {
    return this.run(p, id, body.actingFor, req, key, body, () =>
      Promise.resolve({ type: 'approve', revision: body.revision, hash: body.hash }),
    );
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('coordinator')
  @IDEMPOTENCY
  @ApiOkResponse({ type: PactDetailDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  reject(
    @CurrentUser() p: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() body: EndPactDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<PactDetailDto> {
    return this.run(p, id, body.actingFor, req, key, body, () =>
      Promise.resolve({ type: 'reject', reason: body.reason }),
    );
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @Roles('officer', 'coordinator')
  @IDEMPOTENCY
  @ApiOperation({ summary: 'End a ratified pact, with a reason' })
  @ApiOkResponse({ type: PactDetailDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  terminate(
    @CurrentUser() p: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() body: EndPactDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<PactDetailDto> {
    return this.run(p, id, body.actingFor, req, key, body, () =>
      Promise.resolve({ type: 'terminate', reason: body.reason }),
    );
  }

  private run(
    principal: Principal,
    id: string,
    actingFor: ActingFor | undefined,
    req: FastifyRequest,
    key: string | undefined,
    body: unknown,
    build: CommandBuilder,
  ): Promise<PactDetailDto> {
    return this.commands.runCommand(
      principal,
      id,
      actingFor,
      build,
      idempotentRequest(principal.userId, key, 'POST', req.url, req.body),
    );
  }
}
