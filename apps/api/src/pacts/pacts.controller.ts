import {
  applyDecorators,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Role } from '@pactroom/accounts';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { Roles } from '../auth/roles.decorator.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { PageQueryDto } from '../common/pagination.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import {
  ApproveRevisionDto,
  ActingForSlotDto,
  CounterPactDto,
  CreatePactDto,
  EndPactDto,
  ProposePactDto,
  SignRevisionDto,
} from './dto/pact-commands.dto.js';
import { DiffQueryDto, ListPactsQueryDto } from './dto/pact-queries.dto.js';
import {
  PactDetailDto,
  PactPageDto,
  RevisionDto,
  RevisionListDto,
} from './dto/pact-response.dto.js';
import { Idempotency, type IdempotentRequest } from './idempotency.js';
import { PactCommandsService } from './pact-commands.service.js';
import { PactCreationService } from './pact-creation.service.js';
import { PactQueriesService } from './pact-queries.service.js';
import { revisionPipe } from './revision.pipe.js';

const PACT_ID = uuidPipe('PACT_NOT_FOUND');

/** One state-changing pact route: role check, repeat-safety, 200 with the pact, and its errors. */
function PactCommand(path: string, roles: Role[], summary: string, ...errors: number[]) {
  return applyDecorators(
    Post(path),
    HttpCode(200),
    Roles(...roles),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Repeat-safe: the same key and body replays the first response',
    }),
    ApiOperation({ summary }),
    ApiOkResponse({ type: PactDetailDto }),
    ApiErrors(400, 401, 403, 404, ...errors),
  );
}

@ApiTags('pacts')
@ApiBearerAuth()
@ApiExtraModels(ActingForSlotDto)
@Controller('pacts')
/** Pact routes: each maps its request to one use-case method of the commands or queries service. */
export class PactsController {
  constructor(
    private readonly creation: PactCreationService,
    private readonly commands: PactCommandsService,
    private readonly queries: PactQueriesService,
  ) {}

  @Post()
  @Roles('officer', 'national')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeat-safe: the same key and body replays the first response',
  })
  @ApiOperation({
    summary: 'Create a draft (or, with propose: true, a proposal signed by your local party)',
  })
  @ApiCreatedResponse({ type: PactDetailDto })
  @ApiErrors(400, 401, 403, 409, 422)
  create(
    @CurrentUser() principal: Principal,
    @Body() body: CreatePactDto,
    @Idempotency() idempotency?: IdempotentRequest,
  ): Promise<PactDetailDto> {
    return this.creation.createPact(principal, body, idempotency);
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
    summary:
      'A pact with its current revision, participants, signatures, approvals, status and impact',
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
  @ApiErrors(400, 401, 404)
  revisions(
    @CurrentUser() principal: Principal,
    @Param('id', PACT_ID) id: string,
    @Query() query: PageQueryDto,
  ): Promise<RevisionListDto> {
    return this.queries.listRevisions(principal, id, query);
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

  @PactCommand(
    ':id/propose',
    ['officer', 'national'],
    'Send a draft to the other participants (counts as your signature)',
    409,
    422,
  )
  propose(
    @CurrentUser() p: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() body: ProposePactDto,
    @Idempotency() idem?: IdempotentRequest,
  ) {
    return this.commands.proposePact(p, id, body, idem);
  }

  @PactCommand(
    ':id/counter',
    ['officer', 'national'],
    'New terms on top of the current revision; voids earlier signatures, signs for you',
    409,
    422,
  )
  counter(
    @CurrentUser() p: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() body: CounterPactDto,
    @Idempotency() idem?: IdempotentRequest,
  ) {
    return this.commands.counterPact(p, id, body, idem);
  }

  @PactCommand(
    ':id/sign',
    ['officer', 'national'],
    'Sign this exact revision (number and hash) for your local party — or, with actingFor a list, for several of yours at once; 409 if it is not current',
    409,
  )
  sign(
    @CurrentUser() p: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() body: SignRevisionDto,
    @Idempotency() idem?: IdempotentRequest,
  ) {
    return this.commands.signPact(p, id, body, idem);
  }

  @PactCommand(
    ':id/decline',
    ['officer', 'national', 'coordinator'],
    'Decline a proposal, with a reason (a participant officer, or a coordinator of a party it asks to stand aside)',
    409,
    422,
  )
  decline(
    @CurrentUser() p: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() body: EndPactDto,
    @Idempotency() idem?: IdempotentRequest,
  ) {
    return this.commands.declinePact(p, id, body, idem);
  }

  @PactCommand(
    ':id/withdraw',
    ['officer', 'national'],
    'Withdraw a draft or proposal, with a reason',
    409,
    422,
  )
  withdraw(
    @CurrentUser() p: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() body: EndPactDto,
    @Idempotency() idem?: IdempotentRequest,
  ) {
    return this.commands.withdrawPact(p, id, body, idem);
  }

  @PactCommand(
    ':id/approve',
    ['coordinator'],
    'Ratify the signed revision for your party and region (after your members’ consultation, if any)',
    409,
    422,
  )
  approve(
    @CurrentUser() p: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() body: ApproveRevisionDto,
    @Idempotency() idem?: IdempotentRequest,
  ) {
    return this.commands.approvePact(p, id, body, idem);
  }

  @PactCommand(
    ':id/reject',
    ['coordinator'],
    'Veto a signed pact for your party and region, with a reason',
    409,
    422,
  )
  reject(
    @CurrentUser() p: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() body: EndPactDto,
    @Idempotency() idem?: IdempotentRequest,
  ) {
    return this.commands.rejectPact(p, id, body, idem);
  }

  @PactCommand(
    ':id/terminate',
    ['officer', 'national', 'coordinator'],
    'End a ratified pact, with a reason',
    409,
    422,
  )
  terminate(
    @CurrentUser() p: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() body: EndPactDto,
    @Idempotency() idem?: IdempotentRequest,
  ) {
    return this.commands.terminatePact(p, id, body, idem);
  }
}
